/**
 * Where every simulated event enters the store: sources push into a queue, and once per frame
 * (or 100 ms) the queue goes out as one `eventsReceived`, so a burst of events costs one reducer
 * pass and one notification of the subscribed hooks (docs/react.md, "Batching with eventsReceived").
 */
import { eventsReceived, type ConferenceEvent } from 'conference-state'
import { onEveryFrame } from './frameLoop'

/** Called once per frame with the time since the last frame: returns the events it generated. */
export type EventSource = (dtMs: number) => readonly ConferenceEvent[]

export interface EventFeed {
  /** Queues one event for the next frame. */
  enqueue(event: ConferenceEvent): void
  /** Adds a source polled every frame (the load generator). */
  addSource(source: EventSource): void
  /** Events and batches dispatched so far. */
  readonly stats: { events: number; batches: number }
  stop(): void
}

export function createEventFeed(dispatch: (action: ReturnType<typeof eventsReceived> | ConferenceEvent) => unknown): EventFeed {
  let queue: ConferenceEvent[] = []
  const sources: EventSource[] = []
  const stats = { events: 0, batches: 0 }
  let last = performance.now()

  const stop = onEveryFrame((now) => {
    // A tab that slept for a minute does not get a minute of events at once.
    const dtMs = Math.min(now - last, 250)
    last = now
    let batch = queue
    queue = []
    for (const source of sources) {
      const generated = source(dtMs)
      if (generated.length > 0) batch = batch.length === 0 ? [...generated] : batch.concat(generated)
    }
    if (batch.length === 0) return
    stats.events += batch.length
    stats.batches += 1
    dispatch(batch.length === 1 ? (batch[0] as ConferenceEvent) : eventsReceived(batch))
  })

  return {
    enqueue: (event) => {
      queue.push(event)
    },
    addSource: (source) => {
      sources.push(source)
    },
    stats,
    stop,
  }
}

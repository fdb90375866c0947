/**
 * A viewer's stream as a browser holds it: the `eventsource` package (the browser's
 * EventSource algorithm, `Last-Event-ID` on reconnect), pointed at whichever instance the load
 * balancer sends it to now.
 */
import { EventSource } from 'eventsource'

/** One event as the viewer received it. */
export interface ReceivedEvent {
  readonly event: 'snapshot' | 'conference' | 'status'
  readonly id: string
  readonly data: unknown
}

/** An open viewer stream. */
export interface SseViewer {
  readonly events: ReceivedEvent[]
  /** The `id` of every `conference` event, in arrival order. */
  conferenceIds(): string[]
  /** How many times the stream (re)opened. */
  opens(): number
  close(): void
}

/**
 * Opens a viewer stream.
 *
 * @param origin - Called on every (re)connect: the instance the balancer picks now.
 * @param token - The viewer token (sent as `Authorization: Bearer`).
 * @returns The viewer; `close()` it at the end.
 */
export function openViewer(origin: () => string, token: string): SseViewer {
  const events: ReceivedEvent[] = []
  let opens = 0
  const source = new EventSource('http://balancer.invalid/events', {
    fetch: (_url, init) => fetch(`${origin()}/events`, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } }),
  })
  source.addEventListener('open', () => (opens += 1))
  for (const event of ['snapshot', 'conference', 'status'] as const) {
    source.addEventListener(event, (message) => events.push({ event, id: message.lastEventId, data: JSON.parse(message.data) as unknown }))
  }
  return {
    events,
    conferenceIds: () => events.filter((entry) => entry.event === 'conference').map((entry) => entry.id),
    opens: () => opens,
    close: () => source.close(),
  }
}

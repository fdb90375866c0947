/**
 * The viewer hub in front of clients that read slowly, driven exactly: each viewer's "socket"
 * sends only what the test reads (`SlowViewer`), so a catch-up larger than the buffer bound, a
 * viewer that drains it slowly and one that stops reading are all reproduced without timing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { fromTwilioStatusCallback } from '../../src/twilio'
import { createMemoryBus, type BusEntry } from '../../src/relay'
import { conferencesReducer } from '../../src/slice'
import type { ConferenceEvent } from '../../src/events'
import { createViewerHub, type ViewerHub } from '../../src/relay/viewerHub'
import type { Viewer } from '../../src/relay/viewerToken'
import { callback } from './callbacks'
import { nextTurn, SlowViewer } from './slowViewer'

const supervisor: Viewer = { role: 'supervisor', workerSid: 'WKsuper', expiresAt: Date.now() + 3_600_000 }

/** A hub over an in-process bus, applying entries as `createConferenceRelay` does. */
async function hubWith(limits: { maxBufferedBytes: number; maxQueuedEntries: number }) {
  const bus = createMemoryBus({ startAt: 0 })
  let state = conferencesReducer(undefined, { type: '@@test/init' })
  let head: { id: string; ordinal: number } | undefined
  const ordinals = new Map<string, number>()
  const hub: ViewerHub = createViewerHub(
    { bus, state: () => state, head: () => head, ordinalOf: (id) => ordinals.get(id), remembered: 10_000 },
    { ...limits, batchMs: 0, now: Date.now },
  )
  await bus.start((entry: BusEntry) => {
    state = conferencesReducer(state, entry.action as ConferenceEvent)
    head = { id: entry.id, ordinal: ordinals.size + 1 }
    ordinals.set(entry.id, head.ordinal)
    hub.deliver(entry, head.ordinal)
  }, () => {})
  /** Appends callback `sequence` of conference `n`, its meta padded to about `padding` bytes. */
  const append = (n: number, sequence: number, padding = 0) => {
    const action = fromTwilioStatusCallback(callback(n, sequence), { receivedAt: 1 })
    return bus.append({ ...action, meta: { ...action.meta, padding: 'x'.repeat(padding) } })
  }
  return { hub, append }
}

let hubs: ViewerHub[] = []
afterEach(() => {
  for (const hub of hubs) hub.closeAll()
  hubs = []
})

describe('viewer hub: catch-ups larger than the buffer bound', () => {
  it('lets a slow-but-reading viewer take a snapshot larger than maxBufferedBytes, then its live events', async () => {
    const { hub, append } = await hubWith({ maxBufferedBytes: 1024, maxQueuedEntries: 100 })
    hubs.push(hub)
    // 40 conferences of 3 callbacks: a snapshot of about 20 KB, 20 times the bound.
    for (let n = 1; n <= 40; n += 1) for (let sequence = 1; sequence <= 3; sequence += 1) await append(n, sequence)
    const viewer = new SlowViewer()
    hub.connect(viewer.response, supervisor, undefined)
    // Events arrive while the snapshot is still unsent (the viewer has not read a byte yet).
    await append(1, 4)
    await nextTurn()
    expect(viewer.destroyed).toBe(false)
    // It reads part of the snapshot; more events arrive meanwhile.
    viewer.readOne()
    await append(1, 5)
    await nextTurn()
    expect(viewer.destroyed).toBe(false)
    await viewer.readAll()
    expect(viewer.destroyed).toBe(false)
    expect(viewer.events()).toEqual(['snapshot#120', 'conference#121', 'conference#122'])
    // Live now: the next event follows at once.
    await append(1, 6)
    await viewer.readAll()
    expect(viewer.events().at(-1)).toBe('conference#123')
    expect(hub.size).toBe(1)
  })

  it('replays a resume larger than maxBufferedBytes to a viewer that reads it as it comes, never holding it all', async () => {
    const { hub, append } = await hubWith({ maxBufferedBytes: 4 * 1024, maxQueuedEntries: 100 })
    hubs.push(hub)
    for (let sequence = 1; sequence <= 200; sequence += 1) await append(1, sequence, 1_000)
    const viewer = new SlowViewer(16 * 1024)
    hub.connect(viewer.response, supervisor, '10')
    await nextTurn()
    // Written as the socket drains: never much more than its high-water mark waits unsent.
    let mostUnsent = viewer.writableLength
    let liveSent = false
    while (viewer.readOne() > 0) {
      await nextTurn()
      mostUnsent = Math.max(mostUnsent, viewer.writableLength)
      // A live event in the middle of the replay comes after it, once.
      if (!liveSent && viewer.events().length >= 40) {
        liveSent = true
        await append(1, 201, 1_000)
      }
    }
    await viewer.readAll()
    expect(viewer.destroyed).toBe(false)
    expect(mostUnsent).toBeLessThan(16 * 1024 + 2_000)
    expect(viewer.events()).toEqual(Array.from({ length: 191 }, (_, index) => `conference#${index + 11}`))
  })

  it('still cuts a viewer that stops reading: during its catch-up past maxQueuedEntries, once live past maxBufferedBytes', async () => {
    const { hub, append } = await hubWith({ maxBufferedBytes: 4 * 1024, maxQueuedEntries: 5 })
    hubs.push(hub)
    for (let n = 1; n <= 40; n += 1) for (let sequence = 1; sequence <= 3; sequence += 1) await append(n, sequence)
    const stalled = new SlowViewer()
    hub.connect(stalled.response, supervisor, undefined)
    for (let sequence = 4; sequence <= 8; sequence += 1) await append(1, sequence)
    await nextTurn()
    expect(stalled.destroyed).toBe(false)
    await append(1, 9)
    expect(stalled.destroyed).toBe(true)

    const live = new SlowViewer()
    hub.connect(live.response, supervisor, undefined)
    await live.readAll()
    expect(live.events()).toEqual(['snapshot#126'])
    // It stops reading: live events of 1 KB each pile up until the bound, then it is cut.
    let appended = 0
    while (!live.destroyed && appended < 20) {
      await append(2, 4 + appended, 1_000)
      appended += 1
      await nextTurn()
    }
    expect(live.destroyed).toBe(true)
    expect(appended).toBeGreaterThanOrEqual(4)
    expect(appended).toBeLessThanOrEqual(6)
    expect(hub.size).toBe(0)
  })
})

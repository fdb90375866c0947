/**
 * connectConferenceFeed against a real SSE server on 127.0.0.1, read with the `eventsource`
 * package as a browser would read it. Reconnect delays are read from injected timers and fired
 * by hand; nothing waits on the wall clock except for conditions (`vi.waitFor`).
 */
import { EventSource } from 'eventsource'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventsReceived, selectConferenceExport, selectParticipants, selectRejectedEvents } from 'conference-state'
import { comparableState, createCallScenario, createTestStore, fakeSid } from 'conference-state/testing'
import { connectConferenceFeed, FEED_SOURCE, type ConferenceFeed, type ConferenceFeedStatus } from '../../src/feed'
import { manualFlush, manualTimers, type ManualTimers } from './manualClock'
import { frame, startSseServer, type SseServer } from './sseServer'

let server: SseServer
let timers: ManualTimers
let feed: ConferenceFeed | undefined
let store: ReturnType<typeof createTestStore>
let dispatched: Array<{ type: string; payload?: unknown }>

beforeEach(async () => {
  server = await startSseServer()
  timers = manualTimers()
  store = createTestStore()
  dispatched = []
})

afterEach(async () => {
  feed?.close()
  feed = undefined
  await server.close()
})

const dispatch = (action: { type: string; payload?: unknown }) => {
  dispatched.push(action)
  return store.dispatch(action as Parameters<typeof store.dispatch>[0])
}

function connect(overrides: Partial<Parameters<typeof connectConferenceFeed>[0]> = {}): ConferenceFeed {
  let tokens = 0
  feed = connectConferenceFeed({
    dispatch,
    url: server.url,
    getToken: () => `token-${++tokens}`,
    EventSource,
    timers,
    random: () => 0.5,
    initialDelayMs: 400,
    ...overrides,
  })
  return feed
}

const statusesOf = (target: ConferenceFeed) => {
  const seen: ConferenceFeedStatus[] = [target.status]
  target.subscribe(({ status }) => {
    if (seen.at(-1) !== status) seen.push(status)
  })
  return seen
}

const waitForStatus = (target: ConferenceFeed, status: ConferenceFeedStatus) => vi.waitFor(() => expect(target.status).toBe(status))

function threeEvents() {
  const call = createCallScenario()
  const customer = call.join('customer')
  call.join(`worker:${fakeSid('WK', 1)}`)
  call.hold(customer)
  return { call, customer, events: call.actions() }
}

describe('connectConferenceFeed', () => {
  it('folds the snapshot in with conferencesMerged, then a frame of events as one eventsReceived', async () => {
    const flush = manualFlush()
    // The server's catch-up: the export of a store that already holds a call.
    const earlier = createCallScenario({ id: 2 })
    earlier.join('customer')
    earlier.join(`worker:${fakeSid('WK', 1)}`)
    const serverStore = createTestStore()
    serverStore.dispatch(eventsReceived(earlier.actions()))
    const snapshot = JSON.parse(JSON.stringify(selectConferenceExport(serverStore.getState()))) as unknown
    server.greet = () => frame('snapshot', snapshot)
    const target = connect({ scheduleFlush: flush.schedule })
    const first = await server.connected(1)
    expect(first.token).toBe('token-1')
    expect(first.lastEventId).toBeNull()
    await waitForStatus(target, 'live')
    await vi.waitFor(() => expect(dispatched.map((action) => action.type)).toEqual(['conferences/conferencesMerged']))
    expect(dispatched[0]?.payload).toEqual(snapshot)
    expect(comparableState(store.getState().conferences)).toEqual(comparableState(serverStore.getState().conferences))
    expect(selectRejectedEvents(store.getState())).toEqual([])

    const { call, customer, events } = threeEvents()
    server.send(events.map((event, index) => frame('conference', event, index + 1)).join(''))
    await vi.waitFor(() => expect(target.getState().lastEventId).toBe('3'))
    expect(flush.scheduled).toBe(true)
    flush.flush()

    expect(dispatched.map((action) => action.type)).toEqual(['conferences/conferencesMerged', eventsReceived.type])
    expect(dispatched[1]?.payload).toHaveLength(3)
    const legs = selectParticipants(store.getState(), call.conferenceSid)
    expect(legs.map((leg) => [leg.callSid, leg.onHold])).toContainEqual([customer, true])
    expect(legs).toHaveLength(2)
  })

  it('reconnects after a drop with a fresh token and the last event id, after a jittered backoff', async () => {
    const target = connect()
    const statuses = statusesOf(target)
    await server.connected(1)
    await waitForStatus(target, 'live')
    const { call, events } = threeEvents()
    events.forEach((event, index) => server.sendEvent(index + 1, event))
    await vi.waitFor(() => expect(target.getState().lastEventId).toBe('3'))

    server.cutAll()
    await waitForStatus(target, 'reconnecting')
    // Attempt 1: ceiling 400 ms, jitter 0.5 → 300 ms; nothing connects until the timer fires.
    expect(timers.delays()).toEqual([300])
    expect(target.getState()).toMatchObject({ attempt: 1, retryInMs: 300 })
    expect(server.connections).toHaveLength(1)

    timers.fireAll()
    const second = await server.connected(2)
    expect(second.token).toBe('token-2')
    expect(second.lastEventId).toBe('3')
    await waitForStatus(target, 'live')
    expect(target.getState()).toMatchObject({ attempt: 0, error: undefined })
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    // Nothing received before the drop was lost.
    await vi.waitFor(() => expect(selectParticipants(store.getState(), call.conferenceSid)).toHaveLength(2))
  })

  it('backs off further on each refused attempt (401) and asks for a new token every time', async () => {
    server.status = 401
    const getToken = vi.fn(async () => 'expired')
    const target = connect({ getToken })
    await waitForStatus(target, 'reconnecting')
    expect(target.getState().error).toBe('HTTP 401')
    expect(timers.delays()).toEqual([300])
    timers.fireAll()
    await vi.waitFor(() => expect(target.getState().attempt).toBe(2))
    expect(timers.delays()).toEqual([600])
    server.status = 200
    timers.fireAll()
    await waitForStatus(target, 'live')
    expect(getToken).toHaveBeenCalledTimes(3)
    expect(server.connections).toHaveLength(3)
    expect(dispatched.map((action) => action.type)).toEqual(['conferences/conferencesMerged'])
  })

  it('retries when getToken fails, without opening a stream', async () => {
    const getToken = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error('session expired')).mockResolvedValue('fresh')
    const target = connect({ getToken })
    await waitForStatus(target, 'reconnecting')
    expect(target.getState().error).toBe('getToken failed: session expired')
    expect(server.connections).toHaveLength(0)
    timers.fireAll()
    expect((await server.connected(1)).token).toBe('fresh')
    await waitForStatus(target, 'live')
  })

  it('records malformed frames as eventRejected and keeps applying the good ones', async () => {
    const target = connect()
    await waitForStatus(target, 'live')
    const { call, events } = threeEvents()
    server.send(frame('conference', 'not json {', 1))
    server.send(frame('conference', [1, 2], 2))
    server.send(frame('conference', { payload: {} }, 3))
    server.send(frame('snapshot', 'garbage'))
    server.send(frame('conference', events[0], 4))
    await vi.waitFor(() => expect(selectParticipants(store.getState(), call.conferenceSid)).toHaveLength(1))
    const rejected = selectRejectedEvents(store.getState()).filter((entry) => entry.source === FEED_SOURCE)
    expect(rejected.map((entry) => [entry.field, entry.reason])).toEqual([
      ['data', '`conference` event: data is not JSON'],
      ['data', '`conference` event: data must be an action object'],
      ['type', '`conference` event: `type` must be a conference action type'],
      ['data', '`snapshot` event: data is not JSON'],
    ])
    expect(target.status).toBe('live')
  })

  it('lets no frame reach a prototype', async () => {
    const target = connect()
    await waitForStatus(target, 'live')
    const hostile = '{"type":"conferences/participantJoined","payload":{"__proto__":{"polluted":true},"conferenceSid":"CF1","callSid":"CA1"},"meta":{"receivedAt":1}}'
    server.send(frame('conference', hostile, 1))
    await vi.waitFor(() => expect(target.getState().lastEventId).toBe('1'))
    await vi.waitFor(() => expect(dispatched).toHaveLength(2))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('shows the relay status events in getState().server', async () => {
    const target = connect()
    await waitForStatus(target, 'live')
    server.send(frame('status', { bus: 'down' }))
    await vi.waitFor(() => expect(target.getState().server).toEqual({ bus: 'down' }))
  })

  it('survives a throwing listener and a throwing dispatch', async () => {
    const target = connect({
      dispatch: () => {
        throw new Error('reducer bug')
      },
    })
    target.subscribe(() => {
      throw new Error('listener bug')
    })
    await waitForStatus(target, 'live')
    await vi.waitFor(() => expect(target.getState().error).toBe('dispatch threw: reducer bug'))
    expect(target.status).toBe('live')
  })

  it('close() ends the stream, cancels a pending retry and stops dispatching', async () => {
    const target = connect()
    const first = await server.connected(1)
    await waitForStatus(target, 'live')
    target.close()
    expect(target.status).toBe('closed')
    await vi.waitFor(() => expect(first.closed).toBe(true))

    const other = connect()
    await waitForStatus(other, 'live')
    server.cutAll()
    await waitForStatus(other, 'reconnecting')
    other.close()
    expect(timers.delays()).toEqual([])
    expect(other.status).toBe('closed')
  })

  it('reconnect() drops the stream and connects again at once', async () => {
    const target = connect()
    await waitForStatus(target, 'live')
    target.reconnect()
    expect((await server.connected(2)).token).toBe('token-2')
    await waitForStatus(target, 'live')
    await vi.waitFor(() => expect(server.connections[0]?.closed).toBe(true))
  })

  it('drops the stream when the browser goes offline and reconnects at once when it is back', async () => {
    const connectivity = new EventTarget()
    const target = connect({ connectivity })
    const first = await server.connected(1)
    await waitForStatus(target, 'live')
    server.sendEvent(7, threeEvents().events[0])
    await vi.waitFor(() => expect(target.getState().lastEventId).toBe('7'))

    connectivity.dispatchEvent(new Event('offline'))
    expect(target.getState()).toMatchObject({ status: 'reconnecting', error: 'the browser is offline' })
    await vi.waitFor(() => expect(first.closed).toBe(true))
    connectivity.dispatchEvent(new Event('online'))
    // No timer fired: the new attempt started on `online`.
    const second = await server.connected(2)
    expect(second.lastEventId).toBe('7')
    await waitForStatus(target, 'live')
    expect(timers.delays()).toEqual([])
  })

  it('needs an EventSource where there is none', () => {
    expect(() => connectConferenceFeed({ dispatch, url: server.url, getToken: () => 't' })).toThrow(/`EventSource`/)
  })
})

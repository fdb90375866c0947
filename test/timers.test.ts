import { configureStore } from '@reduxjs/toolkit'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  conferenceEnded,
  conferencesMerged,
  conferenceSnapshotReceived,
  conferencesReducer,
  createConferencesState,
  createConferenceTimers,
  eventsReceived,
  participantHeld,
  participantIdentified,
  participantJoined,
  participantLeft,
  selectConferenceExport,
  selectConferenceSids,
  selectParticipant,
  selectParticipants,
  type ConferencesState,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'
import { deliveries, validEvents } from './ordering/randomCalls'
import { scaledRuns } from './runs'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)
const T0 = Date.UTC(2026, 0, 1, 9)

function storeWithTimers(pruneEveryMs = 60_000, conferences: ConferencesState = createConferencesState({ recentlyLeftMs: 5000, retainClosedMs: 120_000 })) {
  const timers = createConferenceTimers({ pruneEveryMs })
  const store = configureStore({
    reducer: { conferences: conferencesReducer },
    preloadedState: { conferences },
    middleware: (getDefault) => getDefault().concat(timers.middleware),
  })
  return { store, timers }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createConferenceTimers', () => {
  it('turns recently_left into left when the window ends', () => {
    const { store, timers } = storeWithTimers()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }))
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CA, sequence: 2 }))
    vi.advanceTimersByTime(4999)
    expect(selectParticipant(store.getState(), CF, CA)?.status).toBe('recently_left')
    vi.advanceTimersByTime(1)
    expect(selectParticipant(store.getState(), CF, CA)?.status).toBe('left')
    timers.stop()
  })

  it('prunes closed conferences on its interval', () => {
    const { store, timers } = storeWithTimers(60_000)
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }))
    store.dispatch(conferenceEnded({ conferenceSid: CF, sequence: 2 }))
    vi.advanceTimersByTime(60_000)
    expect(selectConferenceSids(store.getState())).toEqual([CF])
    vi.advanceTimersByTime(60_000)
    expect(selectConferenceSids(store.getState())).toEqual([])
    timers.stop()
  })

  it('never spins on a departure dated far in the future: delays are clamped to what setTimeout takes', () => {
    const { store, timers } = storeWithTimers(0)
    const dispatched: string[] = []
    store.subscribe(() => dispatched.push('x'))
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }))
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CA, sequence: 2 }, T0 + 30 * 24 * 3_600_000))
    const before = dispatched.length
    vi.advanceTimersByTime(500)
    expect(dispatched.length).toBe(before)
    vi.advanceTimersByTime(30 * 24 * 3_600_000 + 5_000)
    expect(selectParticipant(store.getState(), CF, CA)?.status).toBe('left')
    expect(dispatched.length - before).toBeLessThanOrEqual(2)
    timers.stop()
  })

  it('rolls back a pending command past its deadline, even with its thunk gone', () => {
    const { store, timers } = storeWithTimers(0)
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }))
    store.dispatch({
      type: 'conferences/holdParticipant/pending',
      payload: undefined,
      meta: { arg: { conferenceSid: CF, callSid: CA, timeoutMs: 10_000 }, requestId: 'r1', requestStatus: 'pending', receivedAt: T0 },
    })
    expect(selectParticipant(store.getState(), CF, CA)?.holdPending).toBe(true)
    vi.advanceTimersByTime(10_000)
    expect(selectParticipant(store.getState(), CF, CA)?.holdPending).toBe(false)
    expect(store.getState().conferences.controlErrors).toEqual([expect.objectContaining({ kind: 'unconfirmed', requestId: 'r1' })])
    timers.stop()
  })

  it('leaves nothing pending after stop()', () => {
    const { store, timers } = storeWithTimers()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }))
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CA, sequence: 2 }))
    timers.stop()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('never keeps a Node process alive: its interval and timeouts are unref()ed', () => {
    vi.useRealTimers()
    const handles: NodeJS.Timeout[] = []
    const realSetTimeout = globalThis.setTimeout
    const realSetInterval = globalThis.setInterval
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((...args: Parameters<typeof setTimeout>) => {
      const handle = realSetTimeout(...args)
      handles.push(handle)
      return handle
    }) as typeof setTimeout)
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((...args: Parameters<typeof setInterval>) => {
      const handle = realSetInterval(...args)
      handles.push(handle)
      return handle
    }) as typeof setInterval)
    const { store, timers } = storeWithTimers()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, Date.now()))
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CA, sequence: 2 }, Date.now()))
    expect(handles.length).toBeGreaterThanOrEqual(2) // the prune interval and the expiry
    expect(handles.map((handle) => handle.hasRef())).toEqual(handles.map(() => false))
    timers.stop()
  })

  describe('expires every leg left recently_left, whatever the action that ended it', () => {
    const CA2 = fakeSid('CA', 2)
    // Built inside each test, once the fake clock stands at T0: every action's arrival is T0.
    const end = () => conferenceEnded({ conferenceSid: CF, sequence: 5 })
    const snapshotWithoutCA2 = () => conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: T0, asOf: 10 * 2 ** 20, source: 'test', participants: [{ callSid: CA, status: 'joined' }] })
    const ended = (at: number) => conferencesReducer(createConferencesState({ recentlyLeftMs: 5000 }), conferenceEnded({ conferenceSid: CF, sequence: 5 }, at))
    const joinCA = () => participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 })
    // Each: what comes first (its own expiries are over when the late news arrives), then the late news.
    const scenarios: Array<[string, () => Array<{ type: string }>, () => Array<{ type: string }>]> = [
      ['a late join, below the end, ended as it is created', () => [joinCA(), end()], () => [participantJoined({ conferenceSid: CF, callSid: CA2, sequence: 2 })]],
      ['a late join below a snapshot that did not list it', () => [joinCA(), snapshotWithoutCA2()], () => [participantJoined({ conferenceSid: CF, callSid: CA2, sequence: 3 })]],
      ['a hold of a leg first heard of after the end', () => [joinCA(), end()], () => [participantHeld({ conferenceSid: CF, callSid: CA2, sequence: 2 })]],
      ['an identity event of a leg first heard of after the end', () => [joinCA(), end()], () => [participantIdentified({ conferenceSid: CF, callSid: CA2, sequence: 3, identity: { label: 'customer' } })]],
      ['a batch holding only a late join', () => [joinCA(), end()], () => [eventsReceived([participantJoined({ conferenceSid: CF, callSid: CA2, sequence: 2 })])]],
      ['a merge of a store that saw the end', () => [participantJoined({ conferenceSid: CF, callSid: CA2, sequence: 2 })], () => [conferencesMerged(selectConferenceExport({ conferences: ended(Date.now()) }), Date.now())]],
    ]
    it.each(scenarios)('%s', (_name, first, late) => {
      const { store, timers } = storeWithTimers(0)
      for (const action of first()) store.dispatch(action as never)
      vi.advanceTimersByTime(10_000)
      for (const action of late()) store.dispatch(action as never)
      const leg = selectParticipant(store.getState(), CF, CA2)
      expect(leg?.status).toBe('recently_left')
      // The window counts from the departure (for a late leg, the end or the snapshot): it may be over already.
      const due = (leg?.leftAt ?? 0) + 5_000
      if (due > Date.now()) {
        vi.advanceTimersByTime(due - Date.now() - 1)
        expect(selectParticipant(store.getState(), CF, CA2)?.status).toBe('recently_left')
      }
      vi.advanceTimersByTime(1)
      expect(selectParticipant(store.getState(), CF, CA2)?.status).toBe('left')
      expect(selectParticipants(store.getState(), CF).filter((leg) => leg.status === 'recently_left')).toEqual([])
      timers.stop()
    })

    it('any delivery, single or batched, with time passing between arrivals: every window ends on time', () => {
      const delivery = validEvents.chain((events) =>
        fc.tuple(deliveries(events), fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 6_000 })), { minLength: 60, maxLength: 60 })),
      )
      fc.assert(
        fc.property(delivery, ([delivered, steps]) => {
          vi.setSystemTime(T0)
          const { store, timers } = storeWithTimers(0)
          const leftOver = () => selectConferenceSids(store.getState()).flatMap((sid) => selectParticipants(store.getState(), sid).filter((leg) => leg.status === 'recently_left'))
          // Cut into single dispatches and batches of up to three, each arriving when it is dispatched.
          for (let index = 0, step = 0; index < delivered.length; step++) {
            const [size, wait] = steps[step % steps.length] as [number, number]
            const now = Date.now()
            // Without source times, no departure is stale: every one opens a window.
            const group = delivered.slice(index, index + size + 1).map((event) => {
              const { timestamp: _timestamp, ...payload } = event.payload as { timestamp?: number }
              return { ...event, payload, meta: { receivedAt: now } }
            })
            index += group.length
            store.dispatch(size === 0 ? (group[0] as never) : eventsReceived(group as never))
            vi.advanceTimersByTime(wait)
            // Every leg still in its window is within it.
            for (const leg of leftOver()) expect(leg.leftAt ?? 0).toBeGreaterThan(Date.now() - 5_000)
          }
          vi.advanceTimersByTime(5_000)
          expect(leftOver()).toEqual([])
          timers.stop()
        }),
        { numRuns: scaledRuns(500, 50) },
      )
    })

    it('a state restored with legs in their window: the first action, of any kind, schedules them', () => {
      let restored = createConferencesState({ recentlyLeftMs: 5000 })
      restored = conferencesReducer(restored, participantJoined({ conferenceSid: CF, callSid: CA2, sequence: 1 }, T0))
      restored = conferencesReducer(restored, participantLeft({ conferenceSid: CF, callSid: CA2, sequence: 2 }, T0))
      const { store, timers } = storeWithTimers(0, restored)
      store.dispatch({ type: 'app/somethingElse' })
      vi.advanceTimersByTime(5_000)
      expect(selectParticipant(store.getState(), CF, CA2)?.status).toBe('left')
      timers.stop()
    })

    it('after stop(), the next action schedules again what is still in its window', () => {
      const { store, timers } = storeWithTimers(0)
      store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA2, sequence: 1 }))
      store.dispatch(participantLeft({ conferenceSid: CF, callSid: CA2, sequence: 2 }))
      timers.stop()
      expect(vi.getTimerCount()).toBe(0)
      store.dispatch({ type: 'app/somethingElse' })
      vi.advanceTimersByTime(5_000)
      expect(selectParticipant(store.getState(), CF, CA2)?.status).toBe('left')
      timers.stop()
    })
  })
})

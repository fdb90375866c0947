import { configureStore } from '@reduxjs/toolkit'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  conferenceEnded,
  conferencesReducer,
  createConferencesState,
  createConferenceTimers,
  participantJoined,
  participantLeft,
  selectConferenceSids,
  selectParticipant,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)
const T0 = Date.UTC(2026, 0, 1, 9)

function storeWithTimers(pruneEveryMs = 60_000) {
  const timers = createConferenceTimers({ pruneEveryMs })
  const store = configureStore({
    reducer: { conferences: conferencesReducer },
    preloadedState: { conferences: createConferencesState({ recentlyLeftMs: 5000, retainClosedMs: 120_000 }) },
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
})

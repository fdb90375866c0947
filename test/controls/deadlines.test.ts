/**
 * One deadline, counted from the click, bounds a command: the state keeps its intent pending
 * exactly as long as the thunk waits (the controls' `timeoutMs` / `addTimeoutMs`, or the
 * command's own), so the timers' sweep never rolls it back first; and what an add made only for
 * itself goes with it.
 */
import { configureStore } from '@reduxjs/toolkit'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  conferencesReducer,
  createConferenceTimers,
  createConferencesState,
  participantJoined,
  selectConferenceSids,
  selectControlErrors,
  selectParticipant,
  selectParticipants,
} from 'conference-state'
import { createConferenceControls, holdParticipant, type ConferenceTransport } from 'conference-state/controls'
import { fakeSid } from 'conference-state/testing'
import { CF, CHECKS, CUSTOMER, T0 } from './scriptedTransport'

const OTHER = fakeSid('CF', 0xe)
const DIALLED = fakeSid('CA', 9)

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
})

afterEach(() => {
  vi.useRealTimers()
})

/** A store with the timers, one joined customer, and controls over a transport that accepts everything. */
function setup(options: { timeoutMs?: number; addTimeoutMs?: number }, addResult: { callSid: string; conferenceSid?: string } = { callSid: DIALLED }) {
  const accept = async () => {}
  const transport: ConferenceTransport = { hold: accept, mute: accept, remove: accept, add: async () => addResult }
  const controls = createConferenceControls(transport, options)
  const timers = createConferenceTimers()
  const store = configureStore({
    reducer: { conferences: conferencesReducer },
    middleware: (getDefault) => getDefault(CHECKS).concat(timers.middleware),
  })
  store.dispatch(participantJoined({ conferenceSid: CF, callSid: CUSTOMER, sequence: 1, identity: { participantType: 'customer' } }, T0))
  return { store, controls, timers }
}

describe('a deadline above two minutes', () => {
  it('keeps a hold and an add pending until the deadline the controls were given, then rolls them back', async () => {
    const { store, controls, timers } = setup({ timeoutMs: 300_000 })
    store.dispatch(controls.holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    store.dispatch(controls.addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(125_000)
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(true)
    expect(selectParticipant(store.getState(), CF, DIALLED)?.addPending).toBe(true)
    expect(selectControlErrors(store.getState())).toEqual([])

    await vi.advanceTimersByTimeAsync(175_000)
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(false)
    expect(selectParticipant(store.getState(), CF, DIALLED)).toBeUndefined()
    expect(selectControlErrors(store.getState()).map(({ command, message }) => [command, message.includes('within 300000 ms')])).toEqual([
      ['hold', true],
      ['add', true],
    ])
    timers.stop()
  })

  it('takes addTimeoutMs for an add and a command’s own timeoutMs over both', async () => {
    const { store, controls, timers } = setup({ timeoutMs: 10_000, addTimeoutMs: 600_000 })
    store.dispatch(controls.addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    store.dispatch(controls.holdParticipant({ conferenceSid: CF, callSid: CUSTOMER, timeoutMs: 3_600_000 }))
    await vi.advanceTimersByTimeAsync(599_000)
    expect(selectParticipant(store.getState(), CF, DIALLED)?.addPending).toBe(true)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(selectParticipant(store.getState(), CF, DIALLED)).toBeUndefined()
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(true)
    await vi.advanceTimersByTimeAsync(3_000_000)
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(false)
    timers.stop()
  })
})

describe('a pending action dispatched by hand', () => {
  const pending = (meta: Record<string, unknown>) => ({
    type: holdParticipant.pending.type,
    payload: undefined,
    meta: { arg: { conferenceSid: CF, callSid: CUSTOMER }, requestId: 'request-1', requestStatus: 'pending', receivedAt: T0 + 5, ...meta },
  })
  const seeded = () => conferencesReducer(createConferencesState(), participantJoined({ conferenceSid: CF, callSid: CUSTOMER, sequence: 1 }, T0))
  const expiresAt = (meta: Record<string, unknown>) =>
    conferencesReducer(seeded(), pending(meta)).table.flat(2).find((record) => record.conferenceSid === CF)?.participants[0]?.holdPending?.expiresAt

  it('keeps the deadline its meta gives', () => {
    expect(expiresAt({ timeoutMs: 300_000 })).toBe(T0 + 5 + 300_000)
  })

  it.each([['none', undefined], ['a negative one', -1], ['text', '300000'], ['one no timer can wait', 2 ** 31]])(
    'waits two minutes with %s',
    (_, timeoutMs) => {
      expect(expiresAt({ timeoutMs })).toBe(T0 + 5 + 120_000)
    },
  )
})

describe('an add the platform never confirms', () => {
  it('leaves no empty conference behind when the transport named another one for the new leg', async () => {
    const { store, controls, timers } = setup({ timeoutMs: 50 }, { callSid: DIALLED, conferenceSid: OTHER })
    store.dispatch(controls.addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(10)
    expect(selectConferenceSids(store.getState())).toEqual([CF, OTHER])
    await vi.advanceTimersByTimeAsync(100)
    expect(selectConferenceSids(store.getState())).toEqual([CF])
    expect(selectParticipants(store.getState(), CF).map((leg) => leg.callSid)).toEqual([CUSTOMER])
    expect(selectControlErrors(store.getState())).toEqual([expect.objectContaining({ command: 'add', kind: 'unconfirmed' })])
    timers.stop()
  })
})

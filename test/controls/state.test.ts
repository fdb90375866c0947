/**
 * The controls' state: hand-made lifecycle actions, the bound thunks of createConferenceControls,
 * a slice mounted elsewhere, the views and their memoization.
 */
import { combineReducers, configureStore, type Middleware } from '@reduxjs/toolkit'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  conferencesReducer,
  controlConfirmationTimedOut,
  createConferenceSelectors,
  createConferencesState,
  participantHeld,
  participantJoined,
  selectConferenceView,
  selectControlErrors,
  selectParticipant,
  selectParticipants,
  selectRejectedEvents,
  type ConferencesState,
} from 'conference-state'
import { createConferenceControls, holdParticipant } from 'conference-state/controls'
import { fakeSid } from 'conference-state/testing'
import { AGENT, CF, CHECKS, CUSTOMER, plainStore, scriptedTransport, seedCall, T0 } from './scriptedTransport'

let warn: MockInstance
let error: MockInstance

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  warn = vi.spyOn(console, 'warn')
  error = vi.spyOn(console, 'error')
})

afterEach(() => {
  vi.useRealTimers()
  expect(warn).not.toHaveBeenCalled()
  expect(error).not.toHaveBeenCalled()
})

const seeded = (): ConferencesState => {
  let state = createConferencesState()
  state = conferencesReducer(state, participantJoined({ conferenceSid: CF, callSid: CUSTOMER, sequence: 1 }, T0))
  return conferencesReducer(state, participantJoined({ conferenceSid: CF, callSid: AGENT, sequence: 2 }, T0))
}
const holdPending = (requestId: string, arg: unknown = { conferenceSid: CF, callSid: CUSTOMER }) => ({
  type: holdParticipant.pending.type,
  payload: undefined,
  meta: { arg, requestId, requestStatus: 'pending', receivedAt: T0 + 5 },
})

describe('lifecycle actions dispatched by hand', () => {
  it.each(['_startsWithUnderscore', '-startsWithDash', 'V1StGXR8_Z5jdHi6B-myT'])('accept any RTK request ID (%s)', (requestId) => {
    let state = conferencesReducer(seeded(), holdPending(requestId))
    const leg = () => state.table.flat(2).find((record) => record.conferenceSid === CF)?.participants.find((leg) => leg.callSid === CUSTOMER)
    expect(leg()?.holdPending).toEqual({ intent: true, requestId, requestedAt: T0 + 5, expiresAt: T0 + 5 + 120_000 })
    state = conferencesReducer(state, controlConfirmationTimedOut({ conferenceSid: CF, callSid: CUSTOMER, command: 'hold', requestId, timeoutMs: 10 }, T0 + 20))
    expect(leg()?.holdPending).toBeUndefined()
    expect(state.controlErrors).toEqual([expect.objectContaining({ requestId, kind: 'unconfirmed', at: T0 + 20 })])
  })

  it.each([
    ['no meta', { type: holdParticipant.pending.type }],
    ['arguments that are not an object', holdPending('abc', 'CA…')],
    ['a prototype key', holdPending('abc', { conferenceSid: '__proto__', callSid: CUSTOMER })],
    ['an unknown leg', holdPending('abc', { conferenceSid: CF, callSid: fakeSid('CA', 99) })],
    ['an unknown conference', holdPending('abc', { conferenceSid: fakeSid('CF', 99), callSid: CUSTOMER })],
    ['a request ID that is not a string', holdPending(42 as never)],
    ['a fulfilled add without a call SID', { type: 'conferences/addParticipant/fulfilled', payload: {}, meta: { arg: { conferenceSid: CF, to: 'x' }, requestId: 'abc' } }],
  ])('%s: changes nothing', (_, action) => {
    const state = seeded()
    expect(conferencesReducer(state, action)).toBe(state)
    expect(({} as Record<string, unknown>).holdPending).toBeUndefined()
  })

  it('a junk rejection is recorded with bounded, plain fields', () => {
    const state = conferencesReducer(seeded(), {
      type: 'conferences/muteParticipant/rejected',
      payload: { kind: 'nonsense', message: 'x'.repeat(1_000), status: 'teapot' },
      meta: { arg: { conferenceSid: 42, callSid: 'y'.repeat(500) }, requestId: 'abc', receivedAt: T0 },
    })
    expect(state.controlErrors).toEqual([
      { command: 'mute', kind: 'transport', message: `${'x'.repeat(299)}…`, conferenceSid: '', callSid: 'y'.repeat(64), requestId: 'abc', at: T0 },
    ])
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  })

  it('a malformed time-out is a recorded rejection, not a control error', () => {
    const state = conferencesReducer(seeded(), controlConfirmationTimedOut({ conferenceSid: CF, callSid: CUSTOMER, command: 'explode' as never, requestId: 'abc', timeoutMs: 1 }, T0))
    expect(state.controlErrors).toEqual([])
    expect(state.rejected).toEqual([expect.objectContaining({ field: 'command', reason: expect.stringContaining('must be one of hold, unhold') })])
  })

  it.each([
    ['an add', 'conferences/addParticipant/pending', { conferenceSid: CF, to: '+15550001111', participantType: 'worker' }, { to: 'y'.repeat(200_000), participantType: 'not-a-type' }],
    ['a hold', holdParticipant.pending.type, { conferenceSid: CF, callSid: CUSTOMER }, { callSid: 'x'.repeat(100_000) }],
    ['a hold whose deadline turns into text', holdParticipant.pending.type, { conferenceSid: CF, callSid: CUSTOMER, timeoutMs: 5_000 }, { timeoutMs: 'soon' }],
  ])('reads the arguments of %s once: getters answering the check and the reducer differently cannot store what was not checked', (_name, type, first, later) => {
    // Each argument answers its first value once, then the later one (or the first again).
    const reads = new Map<string, number>()
    const arg = {}
    for (const [name, value] of Object.entries(first)) {
      const changed = (later as Record<string, unknown>)[name] ?? value
      Object.defineProperty(arg, name, { enumerable: true, get: () => (reads.set(name, (reads.get(name) ?? 0) + 1).get(name) === 1 ? value : changed) })
    }
    const meta = (argument: unknown) => ({ arg: argument, requestId: 'req1', requestStatus: 'pending', receivedAt: T0 + 5 })
    const state = seeded()
    const next = conferencesReducer(state, { type, payload: undefined, meta: meta(arg) })
    expect(Object.fromEntries(reads)).toEqual(Object.fromEntries(Object.keys(first).map((name) => [name, 1])))
    expect(next).toEqual(conferencesReducer(state, { type, payload: undefined, meta: meta(first) }))
    expect(next).not.toBe(state)
    expect(JSON.stringify(next).length).toBeLessThan(20_000)
  })

  it('a state persisted before the controls existed still records errors', () => {
    const { controlErrors: _errors, controlErrorCount: _count, ...older } = seeded()
    const state = conferencesReducer(older as ConferencesState, {
      type: 'conferences/holdParticipant/rejected',
      payload: { kind: 'transport', message: 'boom' },
      meta: { arg: { conferenceSid: CF, callSid: CUSTOMER }, requestId: 'abc', receivedAt: T0 },
    })
    expect(state.controlErrors).toHaveLength(1)
    expect(state.controlErrorCount).toBe(1)
    expect(selectControlErrors({ conferences: older as ConferencesState })).toEqual([])
  })
})

describe('createConferenceControls', () => {
  it('binds the thunks to a transport, for a store without an extra argument', async () => {
    const { transport, last } = scriptedTransport()
    const controls = createConferenceControls(transport, { timeoutMs: 200 })
    const store = plainStore()
    seedCall(store)
    store.dispatch(controls.holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(true)
    await vi.advanceTimersByTimeAsync(0)
    last().resolve()
    await vi.advanceTimersByTimeAsync(200)
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(false)
    expect(selectControlErrors(store.getState())).toEqual([expect.objectContaining({ kind: 'unconfirmed' })])
  })

  it('uses the same action types as the package thunks', () => {
    const controls = createConferenceControls(scriptedTransport().transport)
    expect(controls.holdParticipant.typePrefix).toBe(holdParticipant.typePrefix)
    expect(Object.values(controls).map((thunk) => thunk.typePrefix)).toEqual([
      'conferences/holdParticipant',
      'conferences/unholdParticipant',
      'conferences/muteParticipant',
      'conferences/unmuteParticipant',
      'conferences/removeParticipant',
      'conferences/addParticipant',
    ])
  })

  it.each([
    [undefined, {}, '`transport` must be a ConferenceTransport'],
    [{ hold: () => undefined }, {}, '`transport` must be a ConferenceTransport'],
    [scriptedTransport().transport, { timeoutMs: 0 }, '`timeoutMs` must be a number of milliseconds from 1 to 2147483647'],
    [scriptedTransport().transport, { addTimeoutMs: 2 ** 31 }, '`addTimeoutMs` must be a number of milliseconds'],
  ])('refuses bad settings with a TypeError that names the option (%#)', (transport, options, message) => {
    expect(() => createConferenceControls(transport as never, options)).toThrow(TypeError)
    expect(() => createConferenceControls(transport as never, options)).toThrow(message)
  })
})

describe('a slice mounted elsewhere', () => {
  function telephonyStore() {
    const seen: string[] = []
    const record: Middleware = () => (next) => (action) => {
      seen.push((action as { type: string }).type)
      return next(action)
    }
    const store = configureStore({
      reducer: { telephony: combineReducers({ conferences: conferencesReducer }) },
      middleware: (getDefault) => getDefault(CHECKS).concat(record),
    })
    return { store, seen }
  }
  const selectors = createConferenceSelectors((state: { telephony: { conferences: ConferencesState } }) => state.telephony.conferences)

  it('with `selectSlice`, a confirmed command dispatches no time-out action', async () => {
    const { transport, last } = scriptedTransport()
    const { store, seen } = telephonyStore()
    const controls = createConferenceControls(transport, { timeoutMs: 200, selectSlice: (state: { telephony: { conferences: ConferencesState } }) => state.telephony.conferences })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CUSTOMER, sequence: 1 }, T0))
    store.dispatch(controls.holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve()
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 2 }, T0 + 1))
    await vi.advanceTimersByTimeAsync(200)
    expect(seen).not.toContain(controlConfirmationTimedOut.type)
    expect(selectors.selectParticipant(store.getState(), CF, CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
  })

  it('without it, the time-out is dispatched anyway and the reducer decides: nothing can stay pending', async () => {
    const { transport, last } = scriptedTransport()
    const { store, seen } = telephonyStore()
    const controls = createConferenceControls(transport, { timeoutMs: 200 })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CUSTOMER, sequence: 1 }, T0))
    store.dispatch(controls.holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve()
    await vi.advanceTimersByTimeAsync(200)
    expect(seen).toContain(controlConfirmationTimedOut.type)
    expect(selectors.selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(false)
    expect(selectors.selectControlErrors(store.getState())).toEqual([expect.objectContaining({ kind: 'unconfirmed' })])
  })
})

describe('views and memoization', () => {
  it('a pending mark on conference B leaves every selector of conference A identical', async () => {
    const { transport } = scriptedTransport()
    const controls = createConferenceControls(transport)
    const store = plainStore()
    const B = fakeSid('CF', 2)
    seedCall(store)
    store.dispatch(participantJoined({ conferenceSid: B, callSid: fakeSid('CA', 20), sequence: 1 }, T0))
    const viewOfA = selectConferenceView(store.getState(), CF)
    const legsOfA = selectParticipants(store.getState(), CF)
    const errors = selectControlErrors(store.getState())
    const rejected = selectRejectedEvents(store.getState())
    store.dispatch(controls.holdParticipant({ conferenceSid: B, callSid: fakeSid('CA', 20) }))
    store.dispatch(controls.addParticipant({ conferenceSid: B, to: '+15550100001' }))
    expect(selectConferenceView(store.getState(), CF)).toBe(viewOfA)
    expect(selectParticipants(store.getState(), CF)).toBe(legsOfA)
    expect(selectControlErrors(store.getState())).toBe(errors)
    expect(selectRejectedEvents(store.getState())).toBe(rejected)
  })

  it('a hold mark changes only the leg it marks', () => {
    const { transport } = scriptedTransport()
    const controls = createConferenceControls(transport)
    const store = plainStore()
    seedCall(store)
    const agentBefore = selectParticipant(store.getState(), CF, AGENT)
    store.dispatch(controls.holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(selectParticipant(store.getState(), CF, AGENT)).toBe(agentBefore)
    expect(selectParticipant(store.getState(), CF, CUSTOMER)).toMatchObject({ holdPending: true, holdIntent: true, mutePending: false, removePending: false, addPending: false })
    expect(selectConferenceView(store.getState(), CF)?.isCustomerOnHold).toBe(false) // the intent is not the fact
  })
})

/**
 * An in-memory transport whose every call waits until the test settles it: for the logic tests
 * that need no network. Calls ignore their AbortSignal on purpose, so the tests also prove that
 * the thunks do not depend on a transport honouring it.
 */
import { configureStore, type Middleware } from '@reduxjs/toolkit'
import {
  conferencesReducer,
  createConferencesState,
  participantJoined,
  type ConferencesConfig,
} from 'conference-state'
import {
  type AddResult,
  type ConferenceControlsExtra,
  type ConferenceTransport,
  type TransportResult,
} from 'conference-state/controls'
import { fakeSid } from 'conference-state/testing'

export interface ScriptedCall {
  method: keyof ConferenceTransport
  command: Record<string, unknown>
  signal: AbortSignal
  resolve: (result?: TransportResult | AddResult) => void
  reject: (error: unknown) => void
}

export function scriptedTransport() {
  const calls: ScriptedCall[] = []
  const wait = (method: keyof ConferenceTransport) => (command: object, signal: AbortSignal) =>
    new Promise<never>((resolve, reject) => {
      calls.push({ method, command: { ...command }, signal, resolve: resolve as ScriptedCall['resolve'], reject })
    })
  const transport = { hold: wait('hold'), mute: wait('mute'), remove: wait('remove'), add: wait('add') } as ConferenceTransport
  return {
    transport,
    calls,
    /** The latest call, which must exist. */
    last(): ScriptedCall {
      const call = calls.at(-1)
      if (call === undefined) throw new Error('no transport call yet')
      return call
    },
  }
}

export const CF = fakeSid('CF', 1)
export const CUSTOMER = fakeSid('CA', 1)
export const AGENT = fakeSid('CA', 2)
export const NEW_LEG = fakeSid('CA', 3)
export const ME = fakeSid('WK', 1)
export const T0 = Date.UTC(2026, 0, 1, 9)

/**
 * RTK's serializable and immutable checks, on. Their "took more than 32 ms" notice is about the
 * machine, not the state (a loaded CI box trips it on a state of a few objects): the threshold is
 * raised so that any console.warn left is a real finding.
 */
export const CHECKS = { serializableCheck: { warnAfter: 1_000 }, immutableCheck: { warnAfter: 1_000 } } as const

/** A store with the controls' transport in the thunk `extra` argument and RTK's checks on. */
export function storeWithTransport(extra: Partial<ConferenceControlsExtra>, config: Partial<ConferencesConfig> = {}) {
  const seen: Array<{ type: string; payload?: unknown; meta?: unknown }> = []
  const record: Middleware = () => (next) => (action) => {
    seen.push(action as (typeof seen)[number])
    return next(action)
  }
  const store = configureStore({
    reducer: { conferences: conferencesReducer },
    preloadedState: { conferences: createConferencesState(config) },
    middleware: (getDefault) => getDefault({ ...CHECKS, thunk: { extraArgument: extra as ConferenceControlsExtra } }).concat(record),
  })
  /** Every action that reached the reducer, in order (thunks excluded). */
  return Object.assign(store, { seen })
}

/** A store without a thunk `extra` argument (for `createConferenceControls`), RTK's checks on. */
export function plainStore(config: Partial<ConferencesConfig> = {}) {
  return configureStore({
    reducer: { conferences: conferencesReducer },
    preloadedState: { conferences: createConferencesState(config) },
    middleware: (getDefault) => getDefault(CHECKS),
  })
}

/** A customer and an agent in `CF`, both joined, nothing held or muted. */
export function seedCall(store: { dispatch: (action: ReturnType<typeof participantJoined>) => unknown }) {
  store.dispatch(
    participantJoined({ conferenceSid: CF, callSid: CUSTOMER, sequence: 1, flags: { onHold: false, muted: false }, identity: { participantType: 'customer' } }, T0),
  )
  store.dispatch(
    participantJoined({ conferenceSid: CF, callSid: AGENT, sequence: 2, flags: { onHold: false, muted: false }, identity: { participantType: 'worker', workerSid: ME } }, T0 + 1),
  )
}

/**
 * A store for tests: the slice at `state.conferences`, RTK's development checks on, and beside it
 * whatever your own code needs (your reducers, your middleware, a transport for the controls).
 *
 * @module
 */
import {
  combineReducers,
  configureStore,
  type EnhancedStore,
  type Middleware,
  type Reducer,
  type ReducersMapObject,
  type StoreEnhancer,
  type ThunkDispatch,
  type Tuple,
  type UnknownAction,
} from '@reduxjs/toolkit'
import { createConferencesState, defaultConferencesConfig } from '../config'
import type { ConferenceControlsExtra } from '../controls/thunks'
import type { ConferenceTransport } from '../controls/transport'
import type { ConferencesConfig, ConferencesState } from '../model'
import { conferencesReducer } from '../slice'

/**
 * Options of {@link createTestStore}: the slice settings to override, and what your own code needs
 * beside the slice.
 */
export interface TestStoreOptions<Reducers extends ReducersMapObject = NoReducers, Transport extends ConferenceTransport | undefined = undefined>
  extends Partial<ConferencesConfig> {
  /** Your reducers, mounted beside `conferences` (which they may not replace). */
  reducers?: Reducers
  /** Your middleware (a listener middleware, …), placed before RTK's defaults as `prepend` does. */
  middleware?: readonly Middleware[]
  /** The transport the control thunks (`holdParticipant`, …) send through: it becomes the thunk `extra` argument. */
  transport?: Transport
}

/** No reducers of your own: the store holds the slice alone. */
type NoReducers = Record<never, never>

/** The thunk `extra` argument of a test store: the controls' settings when a transport was given. */
type TestStoreExtra<Transport> = Transport extends ConferenceTransport ? ConferenceControlsExtra : undefined

/** The root state of a test store: your reducers' state and the slice at `conferences`. */
type TestStoreState<Reducers extends ReducersMapObject> = { [K in keyof Reducers]: Reducers[K] extends Reducer<infer S> ? S : never } & {
  conferences: ConferencesState
}

/**
 * RTK's serializable and immutable checks, on, as in development. Their "took more than 32 ms"
 * notice is about the machine, not the state (a loaded CI box trips it on a small state): the
 * threshold is raised so that a console warning in a test is a real finding.
 */
const DEVELOPMENT_CHECKS = { serializableCheck: { warnAfter: 1_000 }, immutableCheck: { warnAfter: 1_000 } } as const

const CONFIG_KEYS = Object.keys(defaultConferencesConfig) as ReadonlyArray<keyof ConferencesConfig>

function configOf(options: Partial<ConferencesConfig>): Partial<ConferencesConfig> {
  const config: Partial<ConferencesConfig> = {}
  for (const key of CONFIG_KEYS) if (options[key] !== undefined) config[key] = options[key]
  return config
}

/**
 * Creates a store with the slice mounted at `conferences` and RTK's serializable and immutable
 * checks on, as in development; with your own reducers, middleware and a control transport when
 * you test your code beside the slice.
 *
 * @param options - Slice settings to override (`recentlyLeftMs`, …), and `reducers`, `middleware`,
 * `transport`.
 * @returns A Redux store, typed with your reducers' state and, given a transport, a dispatch that
 * takes the control thunks.
 * @example
 * ```ts
 * import { participantJoined } from 'conference-state'
 * import { holdParticipant } from 'conference-state/controls'
 * import { createTestStore } from 'conference-state/testing'
 *
 * const store = createTestStore({ recentlyLeftMs: 1000, transport: myFakeTransport, reducers: { holdLog: holdLog.reducer } })
 * store.dispatch(participantJoined({ conferenceSid: 'CF1', callSid: 'CA1', sequence: 1 }, 0))
 * await store.dispatch(holdParticipant({ conferenceSid: 'CF1', callSid: 'CA1' }))
 * ```
 */
export function createTestStore<Reducers extends ReducersMapObject = NoReducers, Transport extends ConferenceTransport | undefined = undefined>(
  options: TestStoreOptions<Reducers, Transport> = {},
): TestStore<Reducers, Transport> {
  const { reducers, middleware = [], transport } = options
  const extra = transport === undefined ? undefined : { conferenceTransport: transport }
  const reducer: Reducer = combineReducers({ ...reducers, conferences: conferencesReducer })
  const store = configureStore({
    reducer,
    preloadedState: { conferences: createConferencesState(configOf(options)) },
    middleware: (getDefault) =>
      getDefault({ ...DEVELOPMENT_CHECKS, thunk: { extraArgument: extra } }).prepend(...middleware),
  })
  return store as unknown as TestStore<Reducers, Transport>
}

/**
 * The store {@link createTestStore} returns: your reducers' state and the slice, and a dispatch
 * that takes thunks (the control thunks when a transport was given).
 */
export type TestStore<Reducers extends ReducersMapObject = NoReducers, Transport extends ConferenceTransport | undefined = undefined> = EnhancedStore<
  TestStoreState<Reducers>,
  UnknownAction,
  Tuple<[StoreEnhancer<{ dispatch: ThunkDispatch<TestStoreState<Reducers>, TestStoreExtra<Transport>, UnknownAction> }>, StoreEnhancer]>
>

/**
 * The conferences slice: `createSlice` over the event vocabulary of `events.ts`.
 *
 * Every action runs inside one copy-on-write transaction (`writer.ts`) on the state before it.
 * The slice's reducer calls that transaction directly instead of going through Immer: the
 * writer already shares every untouched object, and Immer's drafts would cost several times
 * the write itself (docs/architecture.md, "Performance"). New objects are frozen in development, as with Immer.
 *
 * @module
 */
import { createSlice, type Reducer, type Slice, type UnknownAction } from '@reduxjs/toolkit'
import { createConferencesState } from './config'
import { conferenceEventCreators, type ConferenceCaseReducers } from './eventCreators'
import * as events from './events'
import type { ConferencesState } from './model'
import { caseReducers, reduceAction } from './reducers'
import { receivedAtOf } from './reducers/stamp'
import { createConferenceSelectors, type ConferenceSelectors } from './selectors/createConferenceSelectors'
import { createWriter } from './writer'

const handledTypes: ReadonlySet<string> = new Set([...Object.keys(caseReducers), events.eventsReceived.type])
// Read as bundlers expect (they replace `process.env.NODE_ENV`); without a bundler and without
// `process` (a plain browser), reading it throws and we keep the development behaviour.
const freezesWrites = ((): boolean => {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return true
  }
})()

/** Applies one action to `state` and returns the next state (`state` itself when nothing changed). */
export function reduceConferences(
  state: ConferencesState,
  action: { type: string; payload?: unknown; meta?: unknown },
): ConferencesState {
  const writer = createWriter(state)
  try {
    reduceAction(writer, action)
    if (freezesWrites) writer.freezeWrites()
    return writer.state
  } catch (error) {
    // A payload that throws when read (a hostile getter, a revoked proxy) must not take the
    // reducer down or leave half an event applied: drop the writes and record it.
    const fallback = createWriter(state)
    fallback.recordRejection({
      source: 'reducer',
      reason: `${action.type}: the event could not be applied (${textOfThrown(error)})`,
      summary: action.type,
      receivedAt: safeReceivedAt(action),
    })
    if (freezesWrites) fallback.freezeWrites()
    return fallback.state
  }
}

/** A thrown value as text; some cannot be converted (a throwing `toString`, `Object.create(null)`). */
function textOfThrown(error: unknown): string {
  try {
    return (error instanceof Error ? String(error.message) : String(error)).slice(0, 200)
  } catch {
    return 'a value that cannot be shown as text was thrown'
  }
}

function safeReceivedAt(action: { meta?: unknown }): number {
  try {
    return receivedAtOf(action)
  } catch {
    return 0
  }
}


/** The selectors over the slice state itself, as RTK's `selectors` option takes them. */
type LocalSelectors = { [K in keyof ConferenceSelectors<ConferencesState>]: ConferenceSelectors<ConferencesState>[K] }

// RTK builds `getSelectors`, `selectors` and `selectSlice` from the local selectors; the reducer,
// `actions` and `caseReducers` are ours (below).
const baseSlice = /* @__PURE__ */ createSlice({
  name: 'conferences',
  initialState: createConferencesState,
  reducers: {},
  selectors: createConferenceSelectors((slice: ConferencesState) => slice) as LocalSelectors,
})

/**
 * The reducer of {@link conferencesSlice}: every event of `events.ts`, and nothing else.
 *
 * @param state - The slice state (the initial state when `undefined`).
 * @param action - Any action; the ones this library does not handle return `state` unchanged.
 * @returns The next state, sharing every object the action did not touch.
 * @example
 * ```ts
 * const store = configureStore({ reducer: { conferences: conferencesReducer } })
 * ```
 */
export const conferencesReducer: Reducer<ConferencesState, UnknownAction, ConferencesState | undefined> = (state, action) => {
  const current = state ?? baseSlice.getInitialState()
  return typeof action.type === 'string' && handledTypes.has(action.type) ? reduceConferences(current, action) : current
}

/** The type of {@link conferencesSlice}: RTK's `Slice`, with the event creators as its actions. */
export type ConferencesSlice = Slice<ConferencesState, ConferenceCaseReducers, 'conferences', 'conferences', LocalSelectors>
type Injectable = Parameters<ConferencesSlice['injectInto']>[0]

const sliceCaseReducers = /* @__PURE__ */ Object.fromEntries(
  Object.keys(conferenceEventCreators).map((name) => [name, conferencesReducer]),
) as unknown as ConferencesSlice['caseReducers']

/**
 * The conferences slice, an RTK `Slice`: `reducer` (also exported as `conferencesReducer`),
 * `actions` (every event creator), `caseReducers`, and `selectors` / `getSelectors(selectSlice)` /
 * `selectSlice` for the selectors of `createConferenceSelectors`. Mount it under `conferences`, or
 * anywhere; it also works with `combineSlices(...).inject`.
 *
 * @example
 * ```ts
 * import { configureStore } from '@reduxjs/toolkit'
 * import { conferencesSlice } from 'conference-state'
 *
 * const store = configureStore({ reducer: { [conferencesSlice.reducerPath]: conferencesSlice.reducer } })
 * store.dispatch(conferencesSlice.actions.participantJoined({ conferenceSid: 'CF1', callSid: 'CA1', sequence: 1 }))
 * conferencesSlice.selectors.selectLiveParticipantCount(store.getState(), 'CF1') // 1
 * ```
 */
export const conferencesSlice: ConferencesSlice = {
  ...baseSlice,
  reducer: conferencesReducer as ConferencesSlice['reducer'],
  actions: conferenceEventCreators as ConferencesSlice['actions'],
  caseReducers: sliceCaseReducers,
  injectInto: function injectInto(injectable: Injectable, config?: Parameters<ConferencesSlice['injectInto']>[1]) {
    const withOurReducer: Injectable = {
      inject: (slice, options) => injectable.inject({ ...slice, reducer: conferencesReducer as Reducer }, options),
    }
    return {
      ...baseSlice.injectInto(withOurReducer, config),
      reducer: conferencesReducer,
      actions: conferenceEventCreators,
      caseReducers: sliceCaseReducers,
    }
  } as ConferencesSlice['injectInto'],
}

/**
 * The conferences slice: `createSlice` over the event vocabulary of `events.ts`.
 *
 * Every case reducer runs inside one copy-on-write transaction (`writer.ts`) on the state before
 * the action, and returns the new state; RTK's Immer wrapper then freezes what is new.
 *
 * @module
 */
import { createSlice, isAnyOf, original, type Draft } from '@reduxjs/toolkit'
import { createConferencesState } from './config'
import * as events from './events'
import type { ConferencesState } from './model'
import { caseReducers, reduceAction } from './reducers'
import { receivedAtOf } from './reducers/stamp'
import { createWriter } from './writer'

const handledTypes = new Set([...Object.keys(caseReducers), events.eventsReceived.type])

/** Applies one action to `state` and returns the next state (`state` itself when nothing changed). */
export function reduceConferences(
  state: ConferencesState,
  action: { type: string; payload?: unknown; meta?: unknown },
): ConferencesState {
  const writer = createWriter(state)
  try {
    reduceAction(writer, action)
    return writer.state
  } catch (error) {
    // A payload that throws when read (a hostile getter, a revoked proxy) must not take the
    // reducer down or leave half an event applied: drop the writes and record it.
    const fallback = createWriter(state)
    fallback.recordRejection({
      source: 'reducer',
      reason: `${action.type}: the event could not be applied (${error instanceof Error ? error.message : String(error)})`.slice(0, 300),
      summary: action.type.slice(0, 200),
      receivedAt: receivedAtOf(action),
    })
    return fallback.state
  }
}

const isHandled = (action: { type: string }): boolean => handledTypes.has(action.type)

/**
 * The conferences slice. Mount `conferencesSlice.reducer` (also exported as `conferencesReducer`)
 * under `conferences`, or anywhere and read it with `createConferenceSelectors`.
 *
 * @example
 * ```ts
 * import { configureStore } from '@reduxjs/toolkit'
 * import { conferencesSlice } from 'conference-state'
 *
 * const store = configureStore({ reducer: { [conferencesSlice.reducerPath]: conferencesSlice.reducer } })
 * ```
 */
export const conferencesSlice = createSlice({
  name: 'conferences',
  initialState: createConferencesState,
  reducers: {},
  extraReducers: (builder) => {
    builder.addMatcher(isAnyOf(isHandled as (action: unknown) => action is events.ConferencesAction), (draft, action) =>
      reduceConferences(original(draft) ?? (draft as Draft<ConferencesState> as ConferencesState), action) as Draft<ConferencesState>,
    )
  },
})

/**
 * The reducer of {@link conferencesSlice}.
 *
 * @example
 * ```ts
 * const store = configureStore({ reducer: { conferences: conferencesReducer } })
 * ```
 */
export const conferencesReducer = conferencesSlice.reducer

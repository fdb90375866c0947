/**
 * The event creators as one object, `conferencesSlice.actions`, and the case reducer types RTK's
 * `Slice` derives them from: a slice built by hand stays a `Slice` users can rely on.
 *
 * @module
 */
import {
  isActionCreator,
  type ActionCreatorWithPayload,
  type ActionCreatorWithPreparedPayload,
  type PayloadAction,
} from '@reduxjs/toolkit'
import * as events from './events'
import type { ConferencesState } from './model'

type Events = typeof events

/** The names of the action creators in `events.ts`. */
type EventCreatorName = {
  [K in keyof Events]: Events[K] extends { type: string; match: (action: unknown) => boolean } ? K : never
}[keyof Events]

/** Every event creator of the library by name: `conferencesSlice.actions`. */
export type ConferenceEventCreators = Pick<Events, EventCreatorName>

/** A case reducer of this slice: a pure function from the state and an event to the next state. */
type PureCaseReducer<Action> = (state: ConferencesState, action: Action) => ConferencesState

/**
 * The case reducer RTK's `Slice` type expects behind an action creator, so that its derived
 * `actions` type is exactly the creator's (with its `prepare` for the events that take one).
 */
type CaseReducerBehind<Creator> =
  Creator extends ActionCreatorWithPreparedPayload<infer Args, infer Payload, string, never, infer Meta>
    ? {
        reducer: PureCaseReducer<PayloadAction<Payload, string, Meta>>
        prepare: (...args: Args) => { payload: Payload; meta: Meta }
      }
    : Creator extends ActionCreatorWithPayload<infer Payload>
      ? PureCaseReducer<PayloadAction<Payload>>
      : never

/** The case reducers of `conferencesSlice`, one per event: each returns the next state. */
export type ConferenceCaseReducers = { [K in EventCreatorName]: CaseReducerBehind<Events[K]> }

/** The event creators of `events.ts`, collected from the module so a new event joins by itself. */
export const conferenceEventCreators: ConferenceEventCreators = /* @__PURE__ */ Object.fromEntries(
  Object.entries(events).filter(([, value]) => isActionCreator(value)),
) as ConferenceEventCreators

/**
 * The conference events inside any action, whether dispatched one by one or batched in
 * `eventsReceived`: what your own reducers (`extraReducers`) and listeners read so that a batch
 * hides nothing from them.
 *
 * @module
 */
import type { UnknownAction } from '@reduxjs/toolkit'
import { conferenceEventCreators } from './eventCreators'
import { eventsReceived, type ConferencesAction } from './events'

/** Anything with RTK's `match` type guard: an action creator, or a matcher. */
export interface EventMatcher<Event> {
  match: (action: unknown) => action is Event
}

/** The event type an {@link EventMatcher} matches. */
export type MatchedEvent<Matcher> = Matcher extends EventMatcher<infer Event> ? Event : never

/** An `eventsReceived` batch. */
export type EventsReceivedAction = ReturnType<typeof eventsReceived>

/** A conference event that is not a batch. */
export type SingleConferenceEvent = Exclude<ConferencesAction, EventsReceivedAction>

const singleEventCreators: ReadonlyArray<EventMatcher<UnknownAction>> = /* @__PURE__ */ Object.values(
  conferenceEventCreators,
).filter((creator) => creator !== eventsReceived)

const isSingleEvent = (action: unknown): boolean => singleEventCreators.some((creator) => creator.match(action))

function membersOf(action: unknown): readonly unknown[] {
  if (!eventsReceived.match(action)) return [action]
  return Array.isArray(action.payload) ? action.payload : []
}

/**
 * The conference events an action carries: the action itself when it is one, or the members of an
 * `eventsReceived` batch, in order. Pass event creators to keep only those events.
 *
 * @param action - Any action.
 * @param creators - Event creators (or any `{ match }` guards) to keep; all events when none.
 * @returns The events, typed by the creators given; an empty array for an unrelated action.
 * @example
 * ```ts
 * import { conferenceEventsIn, eventsReceived, participantHeld } from 'conference-state'
 *
 * const batch = eventsReceived([participantHeld({ conferenceSid: 'CF1', callSid: 'CA1', sequence: 4 })])
 * conferenceEventsIn(batch, participantHeld).map((held) => held.payload.callSid) // ['CA1']
 * ```
 */
export function conferenceEventsIn(action: unknown): SingleConferenceEvent[]
export function conferenceEventsIn<Matchers extends ReadonlyArray<EventMatcher<UnknownAction>>>(
  action: unknown,
  ...creators: Matchers
): Array<MatchedEvent<Matchers[number]>>
export function conferenceEventsIn(action: unknown, ...creators: ReadonlyArray<EventMatcher<UnknownAction>>): UnknownAction[] {
  const keep = creators.length === 0 ? isSingleEvent : (member: unknown) => creators.some((creator) => creator.match(member))
  return membersOf(action).filter(keep) as UnknownAction[]
}

/**
 * A matcher for `builder.addMatcher` and listener `predicate`s: true for an action that is one of
 * the given events, or an `eventsReceived` batch holding at least one. Read the events with
 * {@link conferenceEventsIn}.
 *
 * @param creators - The event creators to look for.
 * @returns A type guard over any action.
 * @example
 * ```ts
 * import { createSlice } from '@reduxjs/toolkit'
 * import { carriesConferenceEvent, conferenceEventsIn, participantHeld } from 'conference-state'
 *
 * const holdLog = createSlice({
 *   name: 'holdLog',
 *   initialState: [] as string[],
 *   reducers: {},
 *   extraReducers: (builder) => {
 *     builder.addMatcher(carriesConferenceEvent(participantHeld), (state, action) => {
 *       for (const held of conferenceEventsIn(action, participantHeld)) state.push(held.payload.callSid)
 *     })
 *   },
 * })
 * ```
 */
export function carriesConferenceEvent<Matchers extends ReadonlyArray<EventMatcher<UnknownAction>>>(
  ...creators: Matchers
): (action: unknown) => action is MatchedEvent<Matchers[number]> | EventsReceivedAction {
  return (action: unknown): action is MatchedEvent<Matchers[number]> | EventsReceivedAction =>
    membersOf(action).some((member) => creators.some((creator) => creator.match(member)))
}

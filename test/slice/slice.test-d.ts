/**
 * Type tests: `conferencesSlice` is an RTK `Slice` whose `actions` are the event creators and whose
 * `selectors` / `getSelectors` are the conference selectors.
 */
import { combineSlices, type Slice } from '@reduxjs/toolkit'
import { describe, expectTypeOf, test } from 'vitest'
import {
  carriesConferenceEvent,
  conferenceEventsIn,
  conferencesSlice,
  controlConfirmationTimedOut,
  currentWorkerIdentified,
  eventsReceived,
  participantHeld,
  participantJoined,
  type ConferencesState,
  type ConferenceView,
} from 'conference-state'

describe('conferencesSlice', () => {
  test('is a Slice of ConferencesState named conferences', () => {
    type IsSliceOfConferences<T> = T extends Slice<ConferencesState, infer _Reducers, 'conferences', 'conferences', infer _Selectors> ? true : false
    expectTypeOf<IsSliceOfConferences<typeof conferencesSlice>>().toEqualTypeOf<true>()
    expectTypeOf<IsSliceOfConferences<{ name: 'conferences' }>>().toEqualTypeOf<false>()
    expectTypeOf(conferencesSlice.name).toEqualTypeOf<'conferences'>()
    expectTypeOf(conferencesSlice.getInitialState()).toEqualTypeOf<ConferencesState>()
  })

  test('its actions are the exported event creators, with their prepare arguments', () => {
    expectTypeOf(conferencesSlice.actions.participantHeld).toEqualTypeOf<typeof participantHeld>()
    expectTypeOf(conferencesSlice.actions.participantJoined).toEqualTypeOf<typeof participantJoined>()
    // The creators made without `prepare` are typed with their literal type in the slice.
    expectTypeOf(conferencesSlice.actions.currentWorkerIdentified).toExtend<typeof currentWorkerIdentified>()
    expectTypeOf(conferencesSlice.actions.currentWorkerIdentified.type).toEqualTypeOf<'conferences/currentWorkerIdentified'>()
    expectTypeOf(conferencesSlice.actions.eventsReceived).toExtend<typeof eventsReceived>()
    expectTypeOf(conferencesSlice.actions.controlConfirmationTimedOut).toEqualTypeOf<typeof controlConfirmationTimedOut>()
    expectTypeOf(conferencesSlice.actions.participantHeld).parameters.toEqualTypeOf<Parameters<typeof participantHeld>>()
  })

  test('its selectors take the root state with the slice at `conferences`', () => {
    const view = conferencesSlice.selectors.selectConferenceView({ conferences: conferencesSlice.getInitialState() }, 'CF1')
    expectTypeOf(view).toEqualTypeOf<ConferenceView | undefined>()
    // @ts-expect-error the default selectors read `state.conferences`
    conferencesSlice.selectors.selectConferenceView({ voice: conferencesSlice.getInitialState() }, 'CF1')
  })

  test('getSelectors(selectSlice) types the root state it reads', () => {
    interface RootState {
      voice: { conferences: ConferencesState }
    }
    const selectors = conferencesSlice.getSelectors((state: RootState) => state.voice.conferences)
    expectTypeOf(selectors.selectLiveParticipantCount).parameters.toEqualTypeOf<[RootState, string]>()
    expectTypeOf(selectors.selectLiveParticipantCount).returns.toEqualTypeOf<number>()
    expectTypeOf(conferencesSlice.getSelectors().selectIsGroupCall).parameters.toEqualTypeOf<[ConferencesState, string]>()
  })

  test('injects into combineSlices', () => {
    const injected = conferencesSlice.injectInto(combineSlices({}))
    expectTypeOf(injected.selectSlice).returns.toEqualTypeOf<ConferencesState>()
    expectTypeOf(injected.actions.participantHeld).toEqualTypeOf<typeof participantHeld>()
  })
})

describe('carriesConferenceEvent and conferenceEventsIn', () => {
  test('type the events by the creators given', () => {
    const action: unknown = undefined
    expectTypeOf(conferenceEventsIn(action, participantHeld)).toEqualTypeOf<Array<ReturnType<typeof participantHeld>>>()
    expectTypeOf(conferenceEventsIn(action, participantHeld, currentWorkerIdentified)).toEqualTypeOf<
      Array<ReturnType<typeof participantHeld> | ReturnType<typeof currentWorkerIdentified>>
    >()
    if (carriesConferenceEvent(participantJoined)(action)) {
      expectTypeOf(action).toEqualTypeOf<ReturnType<typeof participantJoined> | ReturnType<typeof eventsReceived>>()
    }
  })
})

/**
 * Type tests of the public API: what a TypeScript user sees when importing `conference-state`.
 */
import { combineReducers, configureStore } from '@reduxjs/toolkit'
import { describe, expectTypeOf, test } from 'vitest'
import {
  conferencesReducer,
  conferenceSnapshotReceived,
  createConferenceSelectors,
  currentWorkerIdentified,
  eventsReceived,
  participantHeld,
  participantJoined,
  participantLeft,
  selectConferenceSids,
  selectConferenceView,
  selectConferenceViewByTaskSid,
  selectIsCustomerOnHold,
  selectIsGroupCall,
  selectIsMyselfMuted,
  selectIsMyselfOnHold,
  selectLiveParticipantCount,
  selectLiveParticipants,
  selectLiveWorkerCount,
  selectLiveWorkers,
  selectMyParticipants,
  selectParticipant,
  selectParticipants,
  selectRecentlyLeftParticipants,
  selectRejectedEvents,
  type ConferenceEvent,
  type ConferenceParticipant,
  type ConferenceSelectors,
  type ConferencesState,
  type ConferenceStatus,
  type ConferenceView,
  type ParticipantEventPayload,
  type ParticipantLeftPayload,
  type ParticipantStatus,
  type ParticipantType,
  type ReceivedMeta,
  type RejectedEvent,
  type StateWithConferences,
} from 'conference-state'
import {
  createFlexConferencesStateSelector,
  selectFlexConferencesState,
  type FlexConferencesState,
  type FlexConferenceState,
} from 'conference-state/flex'

/** The keys of `T` whose type is `any`. */
type AnyKeys<T> = { [K in keyof T]-?: 0 extends 1 & T[K] ? K : never }[keyof T]

describe('selector return types', () => {
  test('the view is ConferenceView | undefined', () => {
    expectTypeOf(selectConferenceView).returns.toEqualTypeOf<ConferenceView | undefined>()
    expectTypeOf(selectConferenceViewByTaskSid).returns.toEqualTypeOf<ConferenceView | undefined>()
    expectTypeOf(selectParticipant).returns.toEqualTypeOf<ConferenceParticipant | undefined>()
  })

  test('lists are readonly ConferenceParticipant[]', () => {
    expectTypeOf(selectParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(selectLiveParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(selectRecentlyLeftParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(selectLiveWorkers).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(selectMyParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(selectConferenceSids).returns.toEqualTypeOf<readonly string[]>()
    expectTypeOf(selectRejectedEvents).returns.toEqualTypeOf<readonly RejectedEvent[]>()
  })

  test('counts are numbers and flags are booleans', () => {
    expectTypeOf(selectLiveParticipantCount).returns.toEqualTypeOf<number>()
    expectTypeOf(selectLiveWorkerCount).returns.toEqualTypeOf<number>()
    expectTypeOf(selectIsCustomerOnHold).returns.toEqualTypeOf<boolean>()
    expectTypeOf(selectIsMyselfOnHold).returns.toEqualTypeOf<boolean>()
    expectTypeOf(selectIsMyselfMuted).returns.toEqualTypeOf<boolean>()
    expectTypeOf(selectIsGroupCall).returns.toEqualTypeOf<boolean>()
  })

  test('selectors of a conference take (state, conferenceSid)', () => {
    expectTypeOf(selectConferenceView).parameters.toEqualTypeOf<[StateWithConferences, string]>()
    expectTypeOf(selectLiveWorkers).parameters.toEqualTypeOf<[StateWithConferences, string]>()
    expectTypeOf(selectParticipant).parameters.toEqualTypeOf<[StateWithConferences, string, string]>()
    expectTypeOf(selectConferenceSids).parameters.toEqualTypeOf<[StateWithConferences]>()
    // @ts-expect-error the conference SID is required
    selectConferenceView({} as StateWithConferences)
  })

  test('memoized selectors expose recomputations()', () => {
    expectTypeOf(selectLiveWorkers.recomputations).toEqualTypeOf<() => number>()
    expectTypeOf(selectConferenceView.resetRecomputations).toEqualTypeOf<() => void>()
  })

  test('a list cannot be mutated through its type', () => {
    const participants = selectParticipants({} as StateWithConferences, 'CF1')
    // @ts-expect-error readonly array
    participants.push(participants[0] as ConferenceParticipant)
  })
})

describe('action creators', () => {
  test('participantJoined takes a ParticipantEventPayload and an optional receivedAt', () => {
    expectTypeOf(participantJoined).parameter(0).toEqualTypeOf<ParticipantEventPayload>()
    expectTypeOf(participantJoined).parameter(1).toEqualTypeOf<number | undefined>()
    expectTypeOf(participantJoined).toBeCallableWith({ conferenceSid: 'CF1', callSid: 'CA1' })
    expectTypeOf(participantJoined).toBeCallableWith({ conferenceSid: 'CF1', callSid: 'CA1', sequence: 1 }, 0)
  })

  test('participantJoined requires conferenceSid and callSid', () => {
    // @ts-expect-error callSid is missing
    participantJoined({ conferenceSid: 'CF1', sequence: 1 }, 0)
    // @ts-expect-error conferenceSid is missing
    participantJoined({ callSid: 'CA1', sequence: 1 }, 0)
    // @ts-expect-error flags are booleans
    participantJoined({ conferenceSid: 'CF1', callSid: 'CA1', flags: { muted: 'true' } })
    // @ts-expect-error `agent` is a wire spelling: the type is `worker`
    participantJoined({ conferenceSid: 'CF1', callSid: 'CA1', identity: { participantType: 'agent' } })
  })

  test('the action carries the payload, meta.receivedAt and a conferences/ type', () => {
    type Joined = ReturnType<typeof participantJoined>
    expectTypeOf<Joined['payload']>().toEqualTypeOf<ParticipantEventPayload>()
    expectTypeOf<Joined['meta']>().toEqualTypeOf<ReceivedMeta>()
    expectTypeOf<Joined['meta']['receivedAt']>().toEqualTypeOf<number>()
    expectTypeOf<Joined['type']>().toEqualTypeOf<'conferences/participantJoined'>()
    expectTypeOf<ReturnType<typeof participantLeft>['payload']>().toEqualTypeOf<ParticipantLeftPayload>()
    expectTypeOf<ReturnType<typeof participantHeld>['payload']['callSid']>().toEqualTypeOf<string>()
  })

  test('match() narrows an unknown action', () => {
    const action = {} as { type: string }
    if (participantJoined.match(action)) expectTypeOf(action.payload.callSid).toEqualTypeOf<string>()
  })

  test('the other creators type their payloads', () => {
    expectTypeOf(currentWorkerIdentified).parameter(0).toEqualTypeOf<{ workerSid: string | null }>()
    // @ts-expect-error workerSid is required (null to log out)
    currentWorkerIdentified({})
    // @ts-expect-error a snapshot needs requestedAt, source and participants
    conferenceSnapshotReceived({ conferenceSid: 'CF1' })
    expectTypeOf(eventsReceived).parameter(0).toEqualTypeOf<ConferenceEvent[]>()
    // @ts-expect-error a batch holds conference events, not the current worker
    eventsReceived([currentWorkerIdentified({ workerSid: null })])
  })
})

describe('unions', () => {
  test('ParticipantType is exactly the six types', () => {
    expectTypeOf<ParticipantType>().toEqualTypeOf<
      'worker' | 'customer' | 'supervisor' | 'transfer' | 'external' | 'unknown'
    >()
  })

  test('ConferenceStatus is exactly setup | active | closed | failed', () => {
    expectTypeOf<ConferenceStatus>().toEqualTypeOf<'setup' | 'active' | 'closed' | 'failed'>()
  })

  test('ParticipantStatus is exactly the seed`s three statuses', () => {
    expectTypeOf<ParticipantStatus>().toEqualTypeOf<'joined' | 'recently_left' | 'left'>()
  })

  test('the views use the unions, not string', () => {
    expectTypeOf<ConferenceView['status']>().toEqualTypeOf<ConferenceStatus>()
    expectTypeOf<ConferenceParticipant['status']>().toEqualTypeOf<ParticipantStatus>()
    expectTypeOf<ConferenceParticipant['participantType']>().toEqualTypeOf<ParticipantType>()
  })
})

describe('createConferenceSelectors', () => {
  interface TelephonyState {
    telephony: { calls: ConferencesState }
  }

  test('infers the State parameter from selectSlice', () => {
    const selectors = createConferenceSelectors((state: TelephonyState) => state.telephony.calls)
    expectTypeOf(selectors).toEqualTypeOf<ConferenceSelectors<TelephonyState>>()
    expectTypeOf(selectors.selectConferenceView).parameters.toEqualTypeOf<[TelephonyState, string]>()
    expectTypeOf(selectors.selectConferenceView).returns.toEqualTypeOf<ConferenceView | undefined>()
    expectTypeOf(selectors.selectLiveWorkerCount).returns.toEqualTypeOf<number>()
    expectTypeOf(selectors.selectConferenceSids).parameter(0).toEqualTypeOf<TelephonyState>()
    // @ts-expect-error a state with the slice at `conferences` is not a TelephonyState
    selectors.selectConferenceView({} as StateWithConferences, 'CF1')
  })

  test('infers the State of a configured store', () => {
    const store = configureStore({ reducer: { telephony: combineReducers({ calls: conferencesReducer }) } })
    type RootState = ReturnType<typeof store.getState>
    const selectors = createConferenceSelectors((state: RootState) => state.telephony.calls)
    expectTypeOf(selectors.selectParticipants).parameter(0).toEqualTypeOf<RootState>()
    expectTypeOf(selectors.selectParticipants(store.getState(), 'CF1')).toEqualTypeOf<readonly ConferenceParticipant[]>()
  })

  test('requires selectSlice to return the slice state', () => {
    // @ts-expect-error the slice selector must return ConferencesState
    createConferenceSelectors((state: TelephonyState) => state.telephony)
  })
})

describe('no any in the views', () => {
  test('ConferenceView', () => {
    expectTypeOf<ConferenceView['participants']>().not.toBeAny()
    expectTypeOf<ConferenceView['participants'][number]>().not.toBeAny()
    expectTypeOf<ConferenceView['liveWorkers']>().not.toBeAny()
    expectTypeOf<AnyKeys<ConferenceView>>().toBeNever()
  })

  test('ConferenceParticipant', () => {
    expectTypeOf<AnyKeys<ConferenceParticipant>>().toBeNever()
    expectTypeOf<NonNullable<ConferenceParticipant['worker']>>().not.toBeAny()
    expectTypeOf<AnyKeys<NonNullable<ConferenceParticipant['worker']>>>().toBeNever()
    expectTypeOf<AnyKeys<NonNullable<ConferenceParticipant['queue']>>>().toBeNever()
  })

  test('the Flex state', () => {
    expectTypeOf<FlexConferencesState['states']>().not.toBeAny()
    expectTypeOf<FlexConferencesState['states']>().toEqualTypeOf<Map<string, FlexConferenceState>>()
    expectTypeOf<FlexConferenceState['source']>().toEqualTypeOf<ConferenceView>()
  })
})

describe('the seed`s Conference fields', () => {
  test('Conference', () => {
    type SeedKeys = 'sid' | 'status' | 'conferenceSid' | 'participants' | 'liveParticipantCount' | 'liveWorkerCount' | 'liveWorkers'
    expectTypeOf<Pick<ConferenceView, SeedKeys>>().toEqualTypeOf<{
      sid: string
      status: ConferenceStatus
      conferenceSid: string
      participants: readonly ConferenceParticipant[]
      liveParticipantCount: number
      liveWorkerCount: number
      liveWorkers: readonly ConferenceParticipant[]
    }>()
  })

  test('ConferenceParticipant', () => {
    type SeedKeys = 'callSid' | 'isMyself' | 'onHold' | 'muted' | 'connecting' | 'status' | 'participantType'
    expectTypeOf<Pick<ConferenceParticipant, SeedKeys>>().toEqualTypeOf<{
      callSid: string
      isMyself: boolean
      onHold: boolean
      muted: boolean
      connecting: boolean
      status: ParticipantStatus
      participantType: ParticipantType
    }>()
    // Known only for worker legs: optional here, where the seed writes `string`.
    expectTypeOf<ConferenceParticipant['workerSid']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<ConferenceParticipant['reservationSid']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<ConferenceParticipant>().toHaveProperty('worker').toEqualTypeOf<{ sid: string; fullName?: string } | undefined>()
    expectTypeOf<ConferenceParticipant>().toHaveProperty('queue').toEqualTypeOf<{ sid?: string; name?: string } | undefined>()
  })

  test('the Flex state selectors', () => {
    expectTypeOf(selectFlexConferencesState).returns.toEqualTypeOf<FlexConferencesState>()
    expectTypeOf(selectFlexConferencesState).parameter(0).toEqualTypeOf<StateWithConferences>()
    const selectByTask = createFlexConferencesStateSelector((state: { voice: ConferencesState }) => state.voice, {
      keyBy: 'taskSid',
    })
    expectTypeOf(selectByTask).parameter(0).toEqualTypeOf<{ voice: ConferencesState }>()
    // @ts-expect-error keyBy is conferenceSid or taskSid
    createFlexConferencesStateSelector((state: { voice: ConferencesState }) => state.voice, { keyBy: 'callSid' })
  })
})

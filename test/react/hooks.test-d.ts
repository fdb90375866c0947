/**
 * Type tests of `conference-state/react`: what a TypeScript user sees from each hook.
 */
import { describe, expectTypeOf, test } from 'vitest'
import {
  createConferenceSelectors,
  type ConferenceParticipant,
  type ConferencesState,
  type ConferenceView,
  type RejectedEvent,
} from 'conference-state'
import {
  createConferenceHooks,
  useConferenceSids,
  useConferenceView,
  useConferenceViewByTaskSid,
  useCurrentWorkerSid,
  useIsCustomerOnHold,
  useIsGroupCall,
  useIsMyselfMuted,
  useIsMyselfOnHold,
  useLiveParticipantCount,
  useLiveParticipants,
  useLiveWorkerCount,
  useLiveWorkers,
  useMyParticipants,
  useParticipant,
  useParticipants,
  useRecentlyLeftParticipants,
  useRejectedEvents,
  type ConferenceHooks,
  type ConferenceHooksSource,
} from 'conference-state/react'

interface TelephonyState {
  telephony: { calls: ConferencesState }
}

describe('the default hooks', () => {
  test('return the types of the selectors of the same name', () => {
    expectTypeOf(useConferenceSids).returns.toEqualTypeOf<readonly string[]>()
    expectTypeOf(useConferenceView).returns.toEqualTypeOf<ConferenceView | undefined>()
    expectTypeOf(useConferenceViewByTaskSid).returns.toEqualTypeOf<ConferenceView | undefined>()
    expectTypeOf(useParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(useParticipant).returns.toEqualTypeOf<ConferenceParticipant | undefined>()
    expectTypeOf(useLiveParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(useRecentlyLeftParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(useLiveParticipantCount).returns.toEqualTypeOf<number>()
    expectTypeOf(useLiveWorkers).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(useLiveWorkerCount).returns.toEqualTypeOf<number>()
    expectTypeOf(useMyParticipants).returns.toEqualTypeOf<readonly ConferenceParticipant[]>()
    expectTypeOf(useIsCustomerOnHold).returns.toEqualTypeOf<boolean>()
    expectTypeOf(useIsMyselfOnHold).returns.toEqualTypeOf<boolean>()
    expectTypeOf(useIsMyselfMuted).returns.toEqualTypeOf<boolean>()
    expectTypeOf(useIsGroupCall).returns.toEqualTypeOf<boolean>()
    expectTypeOf(useCurrentWorkerSid).returns.toEqualTypeOf<string | null>()
    expectTypeOf(useRejectedEvents).returns.toEqualTypeOf<readonly RejectedEvent[]>()
  })

  test('take a conference SID (and a call SID for one leg)', () => {
    expectTypeOf(useLiveWorkers).parameters.toEqualTypeOf<[conferenceSid: string]>()
    expectTypeOf(useParticipant).parameters.toEqualTypeOf<[conferenceSid: string, callSid: string]>()
    expectTypeOf(useConferenceSids).parameters.toEqualTypeOf<[]>()
    // @ts-expect-error: a conference SID is required
    useLiveWorkers()
  })

  test('give lists that cannot be mutated', () => {
    // @ts-expect-error: the arrays are shared with every other reader
    useLiveWorkers('CF…').push({} as ConferenceParticipant)
  })
})

describe('createConferenceHooks', () => {
  test('takes a slice selector typed by the root state', () => {
    const hooks = createConferenceHooks((state: TelephonyState) => state.telephony.calls)
    expectTypeOf(hooks).toEqualTypeOf<ConferenceHooks>()
    expectTypeOf(hooks.useConferenceView).returns.toEqualTypeOf<ConferenceView | undefined>()
    expectTypeOf(hooks.useLiveWorkerCount).returns.toEqualTypeOf<number>()
  })

  test('takes the selectors of createConferenceSelectors', () => {
    const selectors = createConferenceSelectors((state: TelephonyState) => state.telephony.calls)
    expectTypeOf(createConferenceHooks(selectors)).toEqualTypeOf<ConferenceHooks>()
    expectTypeOf(selectors).toExtend<ConferenceHooksSource<TelephonyState>>()
    expectTypeOf<(state: TelephonyState) => ConferencesState>().toExtend<ConferenceHooksSource<TelephonyState>>()
  })

  test('rejects a selector that does not return the slice', () => {
    // @ts-expect-error: `telephony` is not the slice state
    createConferenceHooks((state: TelephonyState) => state.telephony)
  })
})

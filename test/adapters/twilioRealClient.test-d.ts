/**
 * The parameter type of `fromTwilioParticipantList` accepts the `twilio` package's own types
 * without a cast, while `conference-state` never imports `twilio`.
 */
import { describe, expectTypeOf, test } from 'vitest'
import type { ParticipantInstance } from 'twilio/lib/rest/api/v2010/account/conference/participant'
import { fromTwilioParticipantList, type TwilioParticipantListInput } from 'conference-state/twilio'

describe('fromTwilioParticipantList and the twilio package types', () => {
  test('list() output and its toJSON() are accepted as they are', () => {
    expectTypeOf<ParticipantInstance[]>().toExtend<TwilioParticipantListInput>()
    expectTypeOf<Array<ReturnType<ParticipantInstance['toJSON']>>>().toExtend<TwilioParticipantListInput>()
    const instances: ParticipantInstance[] = []
    expectTypeOf(fromTwilioParticipantList('CF…', instances, 0)).not.toBeNever()
  })

  test('a leg without a call SID is still refused by the type', () => {
    expectTypeOf<Array<{ status: 'connected' }>>().not.toExtend<TwilioParticipantListInput>()
  })
})

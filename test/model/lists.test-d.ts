/**
 * The lists kept once (`src/registers.ts`, `src/commands.ts`) and the public types that derive
 * from them or must match them: adding a name to a list changes these types, or fails here.
 */
import { describe, expectTypeOf, test } from 'vitest'
import type {
  ConferenceParticipant,
  ControlErrorKind,
  ParticipantFlags,
  ParticipantIdentity,
  ParticipantType,
} from 'conference-state'
import type { CONTROL_ERROR_KINDS } from '../../src/commands'
import type { ParticipantRecord } from '../../src/model'
import type { FLAG_NAMES, FlagName, IdentityKey, PARTICIPANT_TYPE_NAMES } from '../../src/registers'

describe('participant types', () => {
  test('ParticipantType is PARTICIPANT_TYPE_NAMES, and still the six types it was', () => {
    expectTypeOf<ParticipantType>().toEqualTypeOf<(typeof PARTICIPANT_TYPE_NAMES)[number]>()
    expectTypeOf<ParticipantType>().toEqualTypeOf<'worker' | 'customer' | 'supervisor' | 'transfer' | 'external' | 'unknown'>()
  })
})

describe('flags', () => {
  test('ParticipantFlags has exactly the FLAG_NAMES, each a boolean', () => {
    expectTypeOf<FlagName>().toEqualTypeOf<(typeof FLAG_NAMES)[number]>()
    expectTypeOf<ParticipantFlags>().toEqualTypeOf<Record<FlagName, boolean>>()
    expectTypeOf<FlagName>().toEqualTypeOf<'muted' | 'onHold' | 'coaching' | 'endConferenceOnExit' | 'startConferenceOnEnter'>()
  })

  test('records and views carry every flag as a boolean', () => {
    expectTypeOf<Pick<ParticipantRecord, FlagName>>().toEqualTypeOf<Record<FlagName, boolean>>()
    expectTypeOf<Pick<ConferenceParticipant, FlagName>>().toEqualTypeOf<Record<FlagName, boolean>>()
  })
})

describe('identity', () => {
  test('ParticipantIdentity has exactly the IDENTITY_KEYS', () => {
    expectTypeOf<keyof ParticipantIdentity>().toEqualTypeOf<IdentityKey>()
  })
})

describe('control error kinds', () => {
  test('ControlErrorKind is CONTROL_ERROR_KINDS, and still the five kinds it was', () => {
    expectTypeOf<ControlErrorKind>().toEqualTypeOf<(typeof CONTROL_ERROR_KINDS)[number]>()
    expectTypeOf<ControlErrorKind>().toEqualTypeOf<'invalid' | 'transport' | 'no-reply' | 'unconfirmed' | 'aborted'>()
  })
})

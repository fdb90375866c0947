/**
 * The adapters' parameter types accept the vendors' own declared types without a cast, while
 * `conference-state` imports none of them: `amazon-connect-streams`' `connect.Contact`, and the
 * Flex UI 2.17.1 participant types (restated from `test/fixtures/real-clients/flex-2.17.1/declared-types.md`,
 * since `@twilio/flex-ui` is too large to install).
 */
/// <reference types="amazon-connect-streams" />
import { describe, expectTypeOf, test } from 'vitest'
import type { ConnectContactInput } from 'conference-state/connect'
import type { FlexConferenceMirror, FlexParticipantEvent } from 'conference-state/flex'

/** Flex's decoded `VoiceProperties` (camelCase, typed values). */
interface VoiceProperties {
  accountSid: string
  callSid: string
  coaching: boolean
  conferenceSid: string
  endConferenceOnExit: boolean
  friendlyName: string
  hold: boolean
  muted: boolean
  sequenceNumber: number
  startConferenceOnEnter: boolean
  statusCallbackEvent: string
  timestamp: string
  from: string
  to: string
  status?: 'left' | 'joined' | 'recently_left'
}
/** Flex's `ParticipantBase<VoiceProperties>`. */
interface ParticipantBase {
  routingProperties: { workerSid: string; taskSid: string; reservationSid: string }
  mediaProperties: VoiceProperties
  participantSid: string
  type: 'agent' | 'external' | 'customer' | 'unknown'
  channelType: 'voice'
  channelSid: string
  interactionSid: string
  isPending?: boolean
  connecting?: boolean
}
/** Flex's `ConferenceParticipant` class: private fields, getters. */
declare class ConferenceParticipant {
  participantLeftTimestamp: number | undefined
  private _source
  private _participantType
  get source(): ParticipantBase
  get mediaProperties(): VoiceProperties
  get onHold(): boolean
  get muted(): boolean
  get connecting(): boolean
  get participantType(): 'customer' | 'supervisor' | 'agent' | 'worker' | 'external' | 'unknown' | 'transfer' | undefined
  get reservationSid(): string
  get workerSid(): string
  get status(): 'left' | 'joined' | 'recently_left'
  get callSid(): string | undefined
}
/** Flex's `Conference` class. */
declare class Conference {
  sid: string
  source: unknown
  status: 'setup' | 'active' | 'closed' | 'failed'
  conferenceSid: string
  participants: ConferenceParticipant[]
  get liveParticipantCount(): number
}

describe('vendor types are accepted as they are', () => {
  test('amazon-connect-streams: a connect.Contact', () => {
    expectTypeOf<connect.Contact>().toExtend<ConnectContactInput>()
  })

  test('Flex: decoded participants, ConferenceParticipant instances and Conference objects', () => {
    expectTypeOf<ParticipantBase>().toExtend<FlexParticipantEvent>()
    expectTypeOf<ConferenceParticipant>().toExtend<FlexParticipantEvent>()
    expectTypeOf<Conference>().toExtend<FlexConferenceMirror>()
  })
})

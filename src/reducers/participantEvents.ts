/**
 * Case reducers for the participant events: each says what its event means for the leg.
 *
 * @module
 */
import type { ParticipantEventPayload, ParticipantIdentifiedPayload, ParticipantLeftPayload } from '../events'
import type { StateWriter } from '../writer'
import { noteConferenceDetails } from './conferenceRecord'
import { applyParticipantChange, type ParticipantChange } from './participantChange'
import { stampOf } from './stamp'

type ChangeOf<P> = (payload: P) => ParticipantChange

// Built field by field, always with the same keys: spreading changes of different shapes made V8
// fall back to its generic copy on every event (docs/architecture.md, "Performance"). The payload's
// flags are only read, never stored, so they are passed on without a copy when the event adds none.
const withFlags = (payload: ParticipantEventPayload, change: ParticipantChange): ParticipantChange => ({
  identity: payload.identity,
  presence: change.presence,
  connecting: change.connecting,
  speaking: change.speaking,
  departure: change.departure,
  flags:
    change.flags === undefined ? payload.flags : payload.flags === undefined ? change.flags : { ...payload.flags, ...change.flags },
})

/** What each participant event says, in one table. */
export const participantChanges = {
  participantJoined: (payload: ParticipantEventPayload) =>
    withFlags(payload, { presence: 'joined', connecting: false }),
  participantLeft: (payload: ParticipantLeftPayload) =>
    withFlags(payload, {
      presence: 'departed',
      connecting: false,
      departure: { reason: payload.reason, callStatus: payload.callStatus },
    }),
  participantMuted: (payload: ParticipantEventPayload) => withFlags(payload, { flags: { muted: true } }),
  participantUnmuted: (payload: ParticipantEventPayload) => withFlags(payload, { flags: { muted: false } }),
  participantHeld: (payload: ParticipantEventPayload) => withFlags(payload, { flags: { onHold: true } }),
  participantUnheld: (payload: ParticipantEventPayload) => withFlags(payload, { flags: { onHold: false } }),
  participantModified: (payload: ParticipantEventPayload) => withFlags(payload, {}),
  participantSpeechStarted: (payload: ParticipantEventPayload) => withFlags(payload, { speaking: true }),
  participantSpeechStopped: (payload: ParticipantEventPayload) => withFlags(payload, { speaking: false }),
  participantIdentified: (payload: ParticipantIdentifiedPayload) => ({ identity: payload.identity }),
} satisfies Record<string, ChangeOf<never>>

/** Builds the case reducer of a participant event from what the event says. */
export function participantEventReducer<P extends ParticipantEventPayload | ParticipantIdentifiedPayload>(
  changeOf: ChangeOf<P>,
) {
  return (writer: StateWriter, action: { payload: P; meta?: unknown }): void => {
    const { payload } = action
    const stamp = stampOf(writer, payload, action)
    applyParticipantChange(writer, payload.conferenceSid, payload.callSid, changeOf(payload), stamp)
    noteConferenceDetails(writer, payload, stamp)
  }
}

/**
 * Case reducers for the participant events: each says what its event means for the leg.
 *
 * @module
 */
import type { ParticipantEventPayload, ParticipantIdentifiedPayload, ParticipantLeftPayload } from '../events'
import type { StateWriter } from '../writer'
import { noteConferenceDetails } from './conferenceRecord'
import { applyParticipantChange, type EventFlag, type ParticipantChange } from './participantChange'
import { stampOf } from './stamp'

type ChangeOf<P> = (payload: P) => ParticipantChange

// Built field by field, always with the same keys: spreading changes of different shapes made V8
// fall back to its generic copy on every event (docs/architecture.md, "Performance"). The payload's
// flags are only read, never stored, so they are passed on as they are; the flag the event itself
// states is one of four shared constants, so no flags object is built per event.
const withFlags = (payload: ParticipantEventPayload, change: ParticipantChange): ParticipantChange => ({
  identity: payload.identity,
  presence: change.presence,
  connecting: change.connecting,
  speaking: change.speaking,
  departure: change.departure,
  flags: payload.flags,
  eventFlag: change.eventFlag,
})

const states = (name: EventFlag['name'], value: boolean): EventFlag => Object.freeze({ name, value })
const MUTED = states('muted', true)
const UNMUTED = states('muted', false)
const HELD = states('onHold', true)
const UNHELD = states('onHold', false)

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
  participantMuted: (payload: ParticipantEventPayload) => withFlags(payload, { eventFlag: MUTED }),
  participantUnmuted: (payload: ParticipantEventPayload) => withFlags(payload, { eventFlag: UNMUTED }),
  participantHeld: (payload: ParticipantEventPayload) => withFlags(payload, { eventFlag: HELD }),
  participantUnheld: (payload: ParticipantEventPayload) => withFlags(payload, { eventFlag: UNHELD }),
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

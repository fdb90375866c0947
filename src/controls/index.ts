/**
 * Controls (docs/architecture.md, "Controls"): optimistic commands and the transports that carry them.
 *
 * @module
 */
export {
  addParticipant,
  holdParticipant,
  muteParticipant,
  removeParticipant,
  unholdParticipant,
  unmuteParticipant,
} from './thunks'
export { createConferenceControls, DEFAULT_CONTROL_TIMEOUT_MS } from './createConferenceControls'
export { createHttpTransport } from './httpTransport'
export { createEvoVoiceTransport } from './evoVoiceTransport'
export { ConferenceTransportError } from './transport'

export type { AddParticipantArgs, ParticipantControlArgs } from './commands'
export type { ConferenceControlsExtra } from './thunks'
export type {
  ConferenceControls,
  ConferenceControlsOptions,
  ControlThunk,
  ControlThunkConfig,
} from './createConferenceControls'
export type { ControlFailure, ControlResult } from './runCommand'
export type {
  AddCommand,
  AddResult,
  ConferenceTransport,
  ConferenceTransportErrorOptions,
  HoldCommand,
  MuteCommand,
  ParticipantCommand,
  RemoveCommand,
  TransportReply,
  TransportResult,
} from './transport'
export type { HttpTransportOptions } from './httpTransport'
export type { HeadersSource } from './fetchJson'
export type {
  EvoVoiceMemberChange,
  EvoVoiceMemberIds,
  EvoVoiceMemberRoute,
  EvoVoiceTransportOptions,
} from './evoVoiceTransport'

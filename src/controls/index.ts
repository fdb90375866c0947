/**
 * `conference-state/controls`: optimistic commands (hold, mute, remove, add) as thunks, and the
 * HTTP transport that carries them to your backend (docs/controls.md).
 *
 * @packageDocumentation
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
export { ConferenceTransportError } from './transport'

export type { AddParticipantArgs, ParticipantControlArgs } from '../commands'
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
  TransportContext,
  TransportReply,
  TransportResult,
} from './transport'
export type { HttpTransportOptions } from './httpTransport'
export type { HeadersSource } from './fetchJson'

/**
 * `conference-state/evo-voice`: Evo Voice `SessionInfo` replies read as conference snapshots, and
 * the transport that sends controls to Evo Voice's session services.
 *
 * @packageDocumentation
 */
export { fromEvoVoiceSession, EVO_VOICE_SESSION } from '../adapters/evoVoiceSession'
export { createEvoVoiceTransport } from '../controls/evoVoiceTransport'

export type {
  EvoVoiceMemberCallState,
  EvoVoiceMemberRole,
  EvoVoiceSessionCallState,
  EvoVoiceSessionInfo,
  EvoVoiceSessionInput,
  EvoVoiceSessionMember,
  EvoVoiceSessionOptions,
} from '../adapters/evoVoiceSession'
export type {
  EvoVoiceMemberChange,
  EvoVoiceMemberIds,
  EvoVoiceMemberRoute,
  EvoVoiceTransportOptions,
} from '../controls/evoVoiceTransport'

/**
 * `conference-state`: a Redux Toolkit slice that keeps the live state of voice conferences.
 *
 * @packageDocumentation
 */
export { conferencesSlice, conferencesReducer } from './slice'
export { createConferencesState, defaultConferencesConfig } from './config'
export {
  conferenceStarted,
  conferenceEnded,
  participantJoined,
  participantLeft,
  participantMuted,
  participantUnmuted,
  participantHeld,
  participantUnheld,
  participantModified,
  participantSpeechStarted,
  participantSpeechStopped,
  announcementEnded,
  announcementFailed,
  participantIdentified,
  conferenceSnapshotReceived,
  currentWorkerIdentified,
  recentlyLeftExpired,
  conferencesPruned,
  eventsReceived,
  eventRejected,
} from './events'
export {
  createConferenceSelectors,
  selectConferenceRecord,
  selectConferenceSids,
  selectConferenceView,
  selectConferenceViewByTaskSid,
  selectCurrentWorkerSid,
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
} from './selectors'
export { createFlexConferencesStateSelector, selectFlexConferencesState } from './flex'
export { fromTwilioStatusCallback, TWILIO_STATUS_CALLBACK } from './adapters/twilioStatusCallback'
export { fromTwilioParticipantList, TWILIO_PARTICIPANT_LIST } from './adapters/twilioParticipantList'
export { fromEvoVoiceSession, EVO_VOICE_SESSION } from './adapters/evoVoiceSession'
export { classifyParticipantLabel } from './adapters/participantLabel'
export { createConferenceTimers } from './timers'

export type {
  AnnouncementRecord,
  ConferenceRecord,
  ConferenceStatus,
  ConferencesConfig,
  ConferencesState,
  ConferenceTable,
  ParticipantFlags,
  ParticipantIdentity,
  ParticipantRecord,
  ParticipantStatus,
  ParticipantType,
  ParticipantVersions,
  RejectedEvent,
} from './model'
export type {
  AnnouncementPayload,
  ConferenceEndedPayload,
  ConferenceEvent,
  ConferenceEventBase,
  ConferencesAction,
  ConferenceSnapshotPayload,
  ConferencesPrunedPayload,
  CurrentWorkerPayload,
  EventRejectedPayload,
  ParticipantEventPayload,
  ParticipantIdentifiedPayload,
  ParticipantLeftPayload,
  ReceivedMeta,
  RecentlyLeftExpiredPayload,
  SnapshotParticipant,
} from './events'
export type { ConferenceParticipant, ConferenceView } from './selectors/views'
export type {
  ConferenceSelector,
  ConferenceSelectors,
  MemoizedSelectorInfo,
} from './selectors/createConferenceSelectors'
export type { StateWithConferences } from './selectors'
export type { FlexConferenceState, FlexConferencesState, FlexConferencesStateOptions } from './flex'
export type {
  TwilioStatusCallbackEvent,
  TwilioStatusCallbackInput,
  TwilioStatusCallbackOptions,
} from './adapters/twilioStatusCallback'
export type {
  TwilioParticipantListInput,
  TwilioParticipantListOptions,
  TwilioParticipantResource,
  TwilioParticipantStatus,
} from './adapters/twilioParticipantList'
export type {
  EvoVoiceMemberCallState,
  EvoVoiceMemberRole,
  EvoVoiceSessionCallState,
  EvoVoiceSessionInfo,
  EvoVoiceSessionInput,
  EvoVoiceSessionMember,
  EvoVoiceSessionOptions,
} from './adapters/evoVoiceSession'
export type { ParticipantClassifier } from './adapters/participantLabel'
export type { ConferenceTimers, ConferenceTimersOptions } from './timers'

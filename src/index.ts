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
  controlConfirmationTimedOut,
  conferencesMerged,
} from './events'
export {
  conferenceSelectors,
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
  selectControlErrors,
  selectConferenceClock,
  selectConferenceExport,
} from './selectors'
export { CONFERENCE_EXPORT_FORMAT } from './exportFormat'
export { createConferenceTimers } from './timers'

export type { ConferencesSlice } from './slice'
export type { ConferenceEventCreators } from './eventCreators'
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
  LegTombstone,
  SnapshotOmission,
  ForgottenConference,
  SidTable,
  ControlCommand,
  ControlError,
  ControlErrorKind,
  PendingAdd,
  PendingControl,
  PendingRequest,
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
  ControlConfirmationTimedOutPayload,
} from './events'
export type { ConferenceParticipant, ConferenceView } from './selectors/views'
export type { ConferenceExport, ConferenceTombstone, ExportedConference, ExportedParticipant } from './exportFormat'
export type {
  ConferenceSelector,
  ConferenceSelectors,
  MemoizedSelectorInfo,
} from './selectors/createConferenceSelectors'
export type { StateWithConferences } from './selectors'
export type { ConferenceTimers, ConferenceTimersOptions } from './timers'

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
export { carriesConferenceEvent, conferenceEventsIn } from './eventsInAction'
export { createConferenceTimers } from './timers'

export type { ConferencesSlice } from './slice'
export type { ConferenceEventCreators } from './eventCreators'
// The record layout (the table, records, versions, pending marks) is not part of the public
// contract: read the state through the selectors and their views (docs/architecture.md).
export type {
  ConferenceStatus,
  ConferencesConfig,
  ConferencesState,
  ControlCommand,
  ControlError,
  ControlErrorKind,
  ParticipantFlags,
  ParticipantIdentity,
  ParticipantStatus,
  ParticipantType,
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
export type { EventMatcher, EventsReceivedAction, MatchedEvent, SingleConferenceEvent } from './eventsInAction'
export type { ConferenceTimers, ConferenceTimersOptions } from './timers'

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
} from './selectors'
export { createFlexConferencesStateSelector, selectFlexConferencesState } from './flex'
export { fromTwilioStatusCallback, TWILIO_STATUS_CALLBACK } from './adapters/twilioStatusCallback'
export { fromTwilioParticipantList, TWILIO_PARTICIPANT_LIST } from './adapters/twilioParticipantList'
export { fromEvoVoiceSession, EVO_VOICE_SESSION } from './adapters/evoVoiceSession'
export { fromConnectContact, CONNECT_CONTACT, CONNECT_DEFAULT_AGENT_ID, CONNECT_MAPPING } from './adapters/connect'
export type { ConnectConnectionData, ConnectContactData, ConnectContactInput, ConnectContactOptions } from './adapters/connect'
export { createGenesysConversationReader, fromGenesysConversation, GENESYS_CONVERSATION, GENESYS_MAPPING } from './adapters/genesys'
export type {
  GenesysCall,
  GenesysConversation,
  GenesysConversationInput,
  GenesysConversationOptions,
  GenesysConversationReader,
  GenesysConversationReaderOptions,
  GenesysNotification,
  GenesysParticipant,
} from './adapters/genesys'
export {
  fromFlexConference,
  fromFlexParticipantEvent,
  fromFlexSyncConferenceItems,
  FLEX_CONFERENCE,
  FLEX_MAPPING,
  FLEX_PARTICIPANT_EVENT,
  FLEX_SYNC,
  FLEX_SYNC_CONFERENCE_STATUS_KEY,
} from './adapters/flex'
export { classifyParticipantLabel } from './adapters/participantLabel'
export { createConferenceTimers } from './timers'
export {
  holdParticipant,
  unholdParticipant,
  muteParticipant,
  unmuteParticipant,
  removeParticipant,
  addParticipant,
  createConferenceControls,
  createHttpTransport,
  createEvoVoiceTransport,
  ConferenceTransportError,
  DEFAULT_CONTROL_TIMEOUT_MS,
} from './controls'

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
  TwilioParticipantInstanceLike,
  TwilioParticipantListItem,
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
export type {
  FlexConferenceMirror,
  FlexConferenceOptions,
  FlexConferenceParticipantMirror,
  FlexMediaProperties,
  FlexParticipantEvent,
  FlexParticipantEventOptions,
  FlexParticipantTypes,
  FlexRoutingProperties,
  FlexSyncConferenceItemsInput,
  FlexSyncConferenceItemsOptions,
  FlexSyncMapItem,
  FlexSyncParticipantData,
  FlexSyncConferenceStatusData,
  FlexPropertyBag,
} from './adapters/flex'
export type { ParticipantClassifier } from './adapters/participantLabel'
export type { ConferenceTimers, ConferenceTimersOptions } from './timers'
export type {
  AddCommand,
  AddParticipantArgs,
  AddResult,
  ConferenceControls,
  ConferenceControlsExtra,
  ConferenceControlsOptions,
  ConferenceTransport,
  ConferenceTransportErrorOptions,
  ControlFailure,
  ControlResult,
  ControlThunk,
  ControlThunkConfig,
  EvoVoiceMemberChange,
  EvoVoiceMemberIds,
  EvoVoiceMemberRoute,
  EvoVoiceTransportOptions,
  HeadersSource,
  HoldCommand,
  HttpTransportOptions,
  MuteCommand,
  ParticipantCommand,
  ParticipantControlArgs,
  RemoveCommand,
  TransportReply,
  TransportResult,
} from './controls'

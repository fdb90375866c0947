/**
 * The Flex sources: TaskRouter / Flex participant events, the Sync `<TaskSid>.CS` map items and
 * mirrors of Flex `Conference` objects, read through one mapping table (`mapping.ts`).
 *
 * @module
 */
export { fromFlexParticipantEvent } from './participantEvent'
export { fromFlexSyncConferenceItems, FLEX_SYNC_CONFERENCE_STATUS_KEY } from './syncConferenceItems'
export { fromFlexConference } from './conference'
export { FLEX_CONFERENCE, FLEX_MAPPING, FLEX_PARTICIPANT_EVENT, FLEX_SYNC } from './mapping'
export type { FlexParticipantTypes } from './mapping'
export type {
  FlexMediaProperties,
  FlexParticipantEvent,
  FlexParticipantEventOptions,
  FlexPropertyBag,
  FlexRoutingProperties,
} from './participantEvent'
export type {
  FlexSyncConferenceItemsInput,
  FlexSyncConferenceItemsOptions,
  FlexSyncMapItem,
  FlexSyncParticipantData,
  FlexSyncConferenceStatusData,
} from './syncConferenceItems'
export type { FlexConferenceMirror, FlexConferenceOptions, FlexConferenceParticipantMirror } from './conference'

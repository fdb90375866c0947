/**
 * `conference-state/flex`: the Twilio Flex sources (participant events, Sync `<TaskSid>.CS` map
 * items, mirrors of Flex `Conference` objects) and the Flex-compatible view of the state, the
 * shape of Flex's `state.flex.conferences`.
 *
 * @packageDocumentation
 */
export {
  fromFlexConference,
  fromFlexParticipantEvent,
  fromFlexSyncConferenceItems,
  FLEX_CONFERENCE,
  FLEX_MAPPING,
  FLEX_PARTICIPANT_EVENT,
  FLEX_SYNC,
  FLEX_SYNC_CONFERENCE_STATUS_KEY,
} from '../adapters/flex'
export { createFlexConferencesStateSelector, selectFlexConferencesState } from './view'

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
} from '../adapters/flex'
export type { FlexConferenceState, FlexConferencesState, FlexConferencesStateOptions } from './view'

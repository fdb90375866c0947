/**
 * `conference-state/twilio`: Twilio's conference status callbacks and participant lists, read
 * into conference events, and the classifier of participant labels they share.
 *
 * @packageDocumentation
 */
export { fromTwilioStatusCallback, TWILIO_STATUS_CALLBACK } from '../adapters/twilioStatusCallback'
export { fromTwilioParticipantList, TWILIO_PARTICIPANT_LIST } from '../adapters/twilioParticipantList'
export { classifyParticipantLabel } from '../adapters/participantLabel'
export { verifyTwilioSignature } from '../adapters/twilio/signature'

export type {
  TwilioStatusCallbackEvent,
  TwilioStatusCallbackInput,
  TwilioStatusCallbackOptions,
} from '../adapters/twilioStatusCallback'
export type {
  TwilioParticipantListInput,
  TwilioParticipantListOptions,
  TwilioParticipantResource,
  TwilioParticipantStatus,
  TwilioParticipantInstanceLike,
  TwilioParticipantListItem,
} from '../adapters/twilioParticipantList'
export type { ParticipantClassifier } from '../adapters/participantLabel'
export type { TwilioSignatureAlgorithm, TwilioSignatureInput, TwilioSignedParams } from '../adapters/twilio/signature'

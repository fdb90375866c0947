/**
 * Reading who is behind a leg from its Twilio `ParticipantLabel`.
 *
 * @module
 */
import { isSafeKey } from '../validation/keys'
import type { ParticipantIdentity, ParticipantType } from '../model'
import { PARTICIPANT_TYPE_NAMES } from '../registers'
import { textOfThrown } from './rejection'

/** Turns a participant label into what it says about the leg. Return `undefined` to say nothing. */
export type ParticipantClassifier = (label: string) => ParticipantIdentity | undefined

/** The first word of a label, lower case → its type: each of ours, and `agent` for `worker`. */
const TYPES: Readonly<Record<string, ParticipantType>> = /* @__PURE__ */ (() => ({
  ...Object.fromEntries(PARTICIPANT_TYPE_NAMES.map((type) => [type, type])),
  agent: 'worker',
}))()

/**
 * The default classification: `<type>[:<workerSid>[:<anything>]]`, e.g. `customer`,
 * `worker:WK…`, `supervisor:WK…:2`. `agent` means `worker`; any other label is kept with type
 * `unknown`.
 *
 * @param label - The `ParticipantLabel` as sent.
 * @returns The leg's type, worker SID and label.
 * @example
 * ```ts
 * classifyParticipantLabel('supervisor:WK0123…:2') // { participantType: 'supervisor', workerSid: 'WK0123…', label: … }
 * ```
 */
export const classifyParticipantLabel: ParticipantClassifier = (label) => {
  const [kind = '', workerSid] = label.split(':')
  const participantType = Object.hasOwn(TYPES, kind.toLowerCase()) ? TYPES[kind.toLowerCase()] : undefined
  if (participantType === undefined) return { participantType: 'unknown', label }
  return {
    participantType,
    label,
    ...(workerSid !== undefined && isSafeKey(workerSid) ? { workerSid } : {}),
  }
}

/** What a Twilio leg's label and coached call say about it, or why its label could not be read. */
export type LabelledIdentity = { identity: ParticipantIdentity | undefined } | { problem: string }

/**
 * The identity a Twilio leg reports (a status callback, a REST participant): what `classify` reads
 * from its label ({@link classifyParticipantLabel} unless the caller gives its own), and whom it
 * whispers to while coaching. A leg that says it stopped coaching
 * whispers to no one; Twilio keeps the last `CallSidToCoach` after coaching stops.
 */
export function identityOfTwilioLeg(
  leg: { label?: string | null | undefined; callSidToCoach?: string | null | undefined; coaching?: boolean | undefined },
  classify: ParticipantClassifier = classifyParticipantLabel,
): LabelledIdentity {
  let identity: ParticipantIdentity | undefined
  if (typeof leg.label === 'string') {
    try {
      identity = classify(leg.label)
    } catch (error) {
      return { problem: `could not be classified: ${textOfThrown(error).slice(0, 100)}` }
    }
  }
  if (typeof leg.callSidToCoach === 'string' && leg.coaching !== false) {
    identity = { ...identity, callSidToCoach: leg.callSidToCoach }
  }
  return { identity }
}

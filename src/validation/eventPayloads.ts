/**
 * The payload checks of conference and participant events. The reducers run them at their door
 * (plugin authors dispatch our actions by hand, so a reducer cannot assume an adapter validated
 * them) and the adapters run them on what they build: anything that would corrupt state, or
 * reach a prototype, is refused and recorded instead (docs/architecture.md, "Bad input and bounds").
 *
 * @module
 */
import { describeType } from './keys'
import { flagsField, identityField } from './legFields'
import { keyField, sequenceField, textField, timeField } from './payloadFields'
import { isPlainObject } from './plainObject'
import { problem, type PayloadProblem } from './problem'

/** Checks the fields every conference event shares. */
export function conferenceEventProblem(payload: unknown): PayloadProblem | undefined {
  if (!isPlainObject(payload)) return problem('payload', `must be an object, got ${describeType(payload)}`)
  return (
    keyField(payload, 'conferenceSid', true) ??
    sequenceField(payload) ??
    timeField(payload, 'timestamp') ??
    keyField(payload, 'taskSid', false) ??
    keyField(payload, 'accountSid', false) ??
    textField(payload, 'friendlyName')
  )
}

/** Checks a participant event: the shared fields, the call SID, flags and identity. */
export function participantEventProblem(payload: unknown): PayloadProblem | undefined {
  const shared = conferenceEventProblem(payload)
  if (shared !== undefined) return shared
  const fields = payload as Record<string, unknown>
  return (
    keyField(fields, 'callSid', true) ??
    flagsField(fields.flags, 'flags') ??
    identityField(fields.identity, 'identity') ??
    textField(fields, 'reason') ??
    textField(fields, 'callStatus')
  )
}

/** Checks the free-text fields of a conference end or announcement. */
export function conferenceDetailProblem(payload: unknown): PayloadProblem | undefined {
  const shared = conferenceEventProblem(payload)
  if (shared !== undefined) return shared
  const fields = payload as Record<string, unknown>
  return (
    textField(fields, 'reason') ??
    textField(fields, 'reasonEnded') ??
    textField(fields, 'announceUrl') ??
    textField(fields, 'participantLabelEndingConference') ??
    keyField(fields, 'callSid', false) ??
    keyField(fields, 'callSidEndingConference', false)
  )
}

/**
 * Payload checks at the reducer's door. Plugin authors dispatch our actions by hand, so a reducer
 * cannot assume an adapter validated them: anything that would corrupt state, or reach a
 * prototype, is refused and recorded instead (DESIGN section 8).
 *
 * @module
 */
import { describeType, keyProblem } from '../keys'
import type { ParticipantFlags, ParticipantType } from '../model'
import { MAX_SEQUENCE } from '../ordering'

/** A refusal: the field to blame and what is wrong with it. */
export interface PayloadProblem {
  field: string
  reason: string
}

const FLAG_NAMES: ReadonlySet<string> = new Set<keyof ParticipantFlags>([
  'muted',
  'onHold',
  'coaching',
  'endConferenceOnExit',
  'startConferenceOnEnter',
])
/** Every participant type, for checks. */
export const PARTICIPANT_TYPES: ReadonlySet<string> = new Set<ParticipantType>([
  'worker',
  'customer',
  'supervisor',
  'transfer',
  'external',
  'unknown',
])
const KEY_FIELDS = new Set(['workerSid', 'reservationSid', 'taskSid', 'queueSid', 'callSidToCoach', 'monitoredCallSid'])
/** Longest free-text value kept in state (names, reasons, labels, URLs). */
export const MAX_TEXT_LENGTH = 512

const problem = (field: string, reason: string): PayloadProblem => ({ field, reason })

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function keyField(payload: Record<string, unknown>, field: string, required: boolean): PayloadProblem | undefined {
  const value = payload[field]
  if (value === undefined && !required) return undefined
  const reason = keyProblem(value)
  return reason === undefined ? undefined : problem(field, value === undefined ? 'is required' : reason)
}

function textField(payload: Record<string, unknown>, field: string): PayloadProblem | undefined {
  const value = payload[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string') return problem(field, `must be a string, got ${describeType(value)}`)
  if (value.length > MAX_TEXT_LENGTH) return problem(field, `must be at most ${MAX_TEXT_LENGTH} characters`)
  return undefined
}

function timeField(payload: Record<string, unknown>, field: string, required = false): PayloadProblem | undefined {
  const value = payload[field]
  if (value === undefined && !required) return undefined
  return typeof value === 'number' && Number.isFinite(value)
    ? undefined
    : problem(field, `must be epoch milliseconds, got ${describeType(value)}`)
}

function sequenceField(payload: Record<string, unknown>): PayloadProblem | undefined {
  const value = payload.sequence
  if (value === undefined) return undefined
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEQUENCE
    ? undefined
    : problem('sequence', `must be an integer from 0 to ${MAX_SEQUENCE}, got ${String(value)}`)
}

function flagsField(value: unknown, path: string): PayloadProblem | undefined {
  if (value === undefined) return undefined
  if (!isPlainObject(value)) return problem(path, `must be an object, got ${describeType(value)}`)
  for (const [name, flag] of Object.entries(value)) {
    if (!FLAG_NAMES.has(name)) return problem(`${path}.${name}`, 'is not a participant flag')
    if (flag !== undefined && typeof flag !== 'boolean') {
      return problem(`${path}.${name}`, `must be a boolean, got ${describeType(flag)}`)
    }
  }
  return undefined
}

function identityField(value: unknown, path: string): PayloadProblem | undefined {
  if (value === undefined) return undefined
  if (!isPlainObject(value)) return problem(path, `must be an object, got ${describeType(value)}`)
  for (const name of Object.keys(value)) {
    const found =
      name === 'participantType'
        ? value[name] === undefined || PARTICIPANT_TYPES.has(value[name] as string)
          ? undefined
          : problem(`${path}.participantType`, `must be one of ${[...PARTICIPANT_TYPES].join(', ')}`)
        : KEY_FIELDS.has(name)
          ? keyField(value, name, false)
          : textField(value, name)
    if (found !== undefined) return { field: found.field.startsWith(path) ? found.field : `${path}.${found.field}`, reason: found.reason }
  }
  return undefined
}

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

/** Most legs a snapshot may list: more is not a conference, it is junk. */
export const MAX_SNAPSHOT_PARTICIPANTS = 250

/** Checks a snapshot: the shared fields, its time, and every leg it lists. */
export function snapshotProblem(payload: unknown): PayloadProblem | undefined {
  const shared = conferenceEventProblem(payload)
  if (shared !== undefined) return shared
  const fields = payload as Record<string, unknown>
  const first = timeField(fields, 'requestedAt', true) ?? textField(fields, 'source')
  if (first !== undefined) return first
  const participants = fields.participants
  if (!Array.isArray(participants)) return problem('participants', `must be an array, got ${describeType(participants)}`)
  if (participants.length > MAX_SNAPSHOT_PARTICIPANTS) {
    return problem('participants', `must list at most ${MAX_SNAPSHOT_PARTICIPANTS} legs`)
  }
  for (const [index, leg] of participants.entries()) {
    const path = `participants[${index}]`
    if (!isPlainObject(leg)) return problem(path, `must be an object, got ${describeType(leg)}`)
    const status = leg.status
    const found =
      keyField(leg, 'callSid', true) ??
      (status === 'joined' || status === 'left' || status === 'recently_left' || status === 'connecting'
        ? undefined
        : problem('status', 'must be joined, connecting, recently_left or left')) ??
      flagsField(leg.flags, 'flags') ??
      identityField(leg.identity, 'identity')
    if (found !== undefined) return { field: `${path}.${found.field}`, reason: found.reason }
  }
  return undefined
}

/**
 * Payload checks at the reducer's door. Plugin authors dispatch our actions by hand, so a reducer
 * cannot assume an adapter validated them: anything that would corrupt state, or reach a
 * prototype, is refused and recorded instead (docs/architecture.md, "Bad input and bounds").
 *
 * @module
 */
import { describeType, keyProblem } from '../keys'
import { MAX_SEQUENCE, MAX_VERSION } from '../ordering'
import {
  FLAG_NAMES as FLAG_LIST,
  IDENTITY_KEYS,
  IDENTITY_SID_PREFIXES,
  LEG_KEY_IDENTITIES,
  isParticipantType,
  MAX_TEXT_LENGTH,
  PARTICIPANT_TYPE_NAMES,
  type IdentityKey,
} from '../registers'

/** A refusal: the field to blame and what is wrong with it. */
export interface PayloadProblem {
  field: string
  reason: string
}

const FLAG_NAMES: ReadonlySet<string> = new Set(FLAG_LIST)
const IDENTITY_NAMES: ReadonlySet<string> = new Set(IDENTITY_KEYS)
/** Two letters and 32 hex digits: the shape of every Twilio SID. */
const TWILIO_SID_SHAPE = /^[A-Z]{2}[0-9a-fA-F]{32}$/
const LEG_KEY_SET: ReadonlySet<string> = new Set(LEG_KEY_IDENTITIES)
export { MAX_TEXT_LENGTH }

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

function versionField(payload: Record<string, unknown>, field: string): PayloadProblem | undefined {
  return versionProblem(field, payload[field])
}

/**
 * Checks a version clock (a snapshot's `asOf`): absent, or an integer from 0 to `MAX_VERSION`.
 *
 * @param field - The name to report.
 * @param value - The value given.
 * @returns The problem naming `field`, or `undefined` when it is absent or valid.
 * @example
 * ```ts
 * versionProblem('asOf', -1) // { field: 'asOf', reason: 'must be a version clock …' }
 * ```
 */
export function versionProblem(field: string, value: unknown): PayloadProblem | undefined {
  if (value === undefined) return undefined
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_VERSION
    ? undefined
    : problem(field, `must be a version clock (an integer from 0 to ${MAX_VERSION}, from selectConferenceClock), got ${describeType(value)}`)
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
  for (const name of Object.keys(value)) {
    const flag = value[name]
    if (!FLAG_NAMES.has(name)) return problem(`${path}.${boundedName(name)}`, 'is not a participant flag')
    if (flag !== undefined && typeof flag !== 'boolean') {
      return problem(`${path}.${name}`, `must be a boolean, got ${describeType(flag)}`)
    }
  }
  return undefined
}

/** Why `value` cannot be identity field `name`, or `undefined` when it can. */
export function identityValueProblem(name: string, value: unknown): string | undefined {
  if (!IDENTITY_NAMES.has(name)) return `is not a participant identity field (known: ${IDENTITY_KEYS.join(', ')})`
  if (value === undefined) return undefined
  if (name === 'participantType') {
    return isParticipantType(value) ? undefined : `must be one of ${PARTICIPANT_TYPE_NAMES.join(', ')}`
  }
  if (LEG_KEY_SET.has(name)) return keyProblem(value)
  const prefix = IDENTITY_SID_PREFIXES[name as IdentityKey]
  if (prefix !== undefined) {
    const reason = keyProblem(value)
    if (reason !== undefined) return reason
    // A Twilio SID must have the field's prefix; other platforms' keys (an Amazon Connect agent's
    // username, a Genesys user or participant UUID) fill the same roles and are plain keys.
    if (!TWILIO_SID_SHAPE.test(value as string)) return undefined
    return (value as string).startsWith(prefix) ? undefined : `must be a SID starting with ${prefix}`
  }
  if (typeof value !== 'string') return `must be a string, got ${describeType(value)}`
  return value.length > MAX_TEXT_LENGTH ? `must be at most ${MAX_TEXT_LENGTH} characters` : undefined
}

/** Checks an identity object: a closed set of known fields, each validated. */
export function identityField(value: unknown, path: string): PayloadProblem | undefined {
  if (value === undefined) return undefined
  if (!isPlainObject(value)) return problem(path, `must be an object, got ${describeType(value)}`)
  for (const name of Object.keys(value)) {
    const reason = identityValueProblem(name, value[name])
    if (reason !== undefined) return problem(`${path}.${boundedName(name)}`, reason)
  }
  return undefined
}

/** A key from input, shortened for messages and field names. */
export function boundedName(name: string): string {
  return name.length > 64 ? `${name.slice(0, 61)}...` : name
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
  const first = timeField(fields, 'requestedAt', true) ?? versionField(fields, 'asOf') ?? textField(fields, 'source')
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

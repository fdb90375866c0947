/**
 * Checks of what an event says about a leg: its flags and its identity, each a closed set of
 * names from `src/registers.ts`.
 *
 * @module
 */
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
import { describeType, keyProblem } from './keys'
import { isPlainObject } from './plainObject'
import { boundedName, problem, type PayloadProblem } from './problem'

const FLAG_NAMES: ReadonlySet<string> = new Set(FLAG_LIST)
const IDENTITY_NAMES: ReadonlySet<string> = new Set(IDENTITY_KEYS)
/** Two letters and 32 hex digits: the shape of every Twilio SID. */
const TWILIO_SID_SHAPE = /^[A-Z]{2}[0-9a-fA-F]{32}$/
const LEG_KEY_SET: ReadonlySet<string> = new Set(LEG_KEY_IDENTITIES)

/** Checks a flags object: only `FLAG_NAMES`, each a boolean or absent. */
export function flagsField(value: unknown, path: string): PayloadProblem | undefined {
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

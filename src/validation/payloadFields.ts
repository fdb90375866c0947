/**
 * Checks of one field of a payload, by its kind: a key, bounded text, a time, a version clock, a
 * sequence number.
 *
 * @module
 */
import { MAX_SEQUENCE, MAX_VERSION } from '../ordering'
import { MAX_TEXT_LENGTH } from '../registers'
import { describeType, describeValue, keyProblem } from './keys'
import { problem, type PayloadProblem } from './problem'

/** A key (`keyProblem`) at `field`; absent passes unless `required`. */
export function keyField(payload: Record<string, unknown>, field: string, required: boolean): PayloadProblem | undefined {
  const value = payload[field]
  if (value === undefined && !required) return undefined
  const reason = keyProblem(value)
  return reason === undefined ? undefined : problem(field, value === undefined ? 'is required' : reason)
}

/** Text of at most `MAX_TEXT_LENGTH` characters at `field`, or absent. */
export function textField(payload: Record<string, unknown>, field: string): PayloadProblem | undefined {
  const value = payload[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string') return problem(field, `must be a string, got ${describeType(value)}`)
  if (value.length > MAX_TEXT_LENGTH) return problem(field, `must be at most ${MAX_TEXT_LENGTH} characters`)
  return undefined
}

/** Epoch milliseconds at `field`; absent passes unless `required`. */
export function timeField(payload: Record<string, unknown>, field: string, required = false): PayloadProblem | undefined {
  const value = payload[field]
  if (value === undefined && !required) return undefined
  return typeof value === 'number' && Number.isFinite(value)
    ? undefined
    : problem(field, `must be epoch milliseconds, got ${describeType(value)}`)
}

/** A version clock at `field` (see `versionProblem`). */
export function versionField(payload: Record<string, unknown>, field: string): PayloadProblem | undefined {
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

/** A source's sequence number, from 0 to `MAX_SEQUENCE`, or absent. */
export function sequenceField(payload: Record<string, unknown>): PayloadProblem | undefined {
  const value = payload.sequence
  if (value === undefined) return undefined
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEQUENCE
    ? undefined
    : problem('sequence', `must be an integer from 0 to ${MAX_SEQUENCE}, got ${describeValue(value)}`)
}

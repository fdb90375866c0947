/**
 * Which strings may become object keys in state (docs/architecture.md, "Bad input and bounds"). Shared by the reducers'
 * payload checks and the adapters' schemas so that both refuse the same things.
 *
 * @module
 */

/** Longest key accepted: SIDs are 34 characters; other platforms use GUIDs and short names. */
export const MAX_KEY_LENGTH = 128

/** Names that would reach an object's prototype machinery if used as keys. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** Whether `name` is one of {@link RESERVED_KEYS}, without hashing it (it runs for every key read). */
export function isReservedKey(name: string): boolean {
  return name === '__proto__' || name === 'constructor' || name === 'prototype'
}

const isLetterOrDigit = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)

/**
 * Whether `value` matches `^[A-Za-z0-9][A-Za-z0-9_.:@+-]*$`: checked by character codes, since
 * every event checks two or three keys and a regular expression's call costs more than the scan.
 */
function isPlainIdentifier(value: string): boolean {
  if (!isLetterOrDigit(value.charCodeAt(0))) return false
  for (let index = 1; index < value.length; index++) {
    const code = value.charCodeAt(index)
    // _ . : @ + -
    if (!isLetterOrDigit(code) && code !== 95 && code !== 46 && code !== 58 && code !== 64 && code !== 43 && code !== 45) {
      return false
    }
  }
  return true
}

/** Why `value` cannot be a key, or `undefined` when it can. */
export function keyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${describeType(value)}`
  if (value.length === 0) return 'must not be empty'
  if (value.length > MAX_KEY_LENGTH) return `must be at most ${MAX_KEY_LENGTH} characters, got ${value.length}`
  if (isReservedKey(value)) return `"${value}" is reserved and cannot be used as a key`
  if (!isPlainIdentifier(value)) return 'must be a plain identifier (letters, digits, _ . : @ + -)'
  return undefined
}

/** Whether `value` can safely be used as a key in state. */
export function isSafeKey(value: unknown): value is string {
  return keyProblem(value) === undefined
}

/** A short name for the type of an unknown value, for messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/**
 * An unknown value as a message shows it: a number or boolean as itself, text quoted and
 * shortened, anything else by its type (`String()` of an object can throw, or say nothing).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return describeType(value)
}

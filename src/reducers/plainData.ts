/**
 * Reading untrusted input once into plain data (docs/architecture.md, "Bad input and bounds"): every
 * property is read exactly once, so a getter or a proxy cannot answer one thing to the check and
 * another to the reducer, and whatever throws while being read is caught by the caller.
 *
 * @module
 */
import { isReservedKey } from '../validation/keys'

/** Deepest nesting read: events are at most four levels deep (`payload.participants[i].flags`). */
const MAX_DEPTH = 8
/** Most members of one array read (a snapshot lists at most 250 legs). */
const MAX_ITEMS = 10_000

/** Why `value` is not plain data. */
export class NotPlainDataError extends Error {}

/**
 * A copy of `value` made of plain objects, arrays and primitives, each property read once.
 *
 * What counts is what JSON and `structuredClone` see: own enumerable properties with string keys.
 * A non-enumerable property is not copied, and a symbol-keyed one, though the spread carries it
 * along, is never read by a check or a reducer (they walk `Object.keys` and read by name), so the
 * checks see everything the reducers read. A reserved key (`__proto__`, `constructor`,
 * `prototype`) is copied as an own data property, never through a setter, so the checks can
 * refuse it by name.
 *
 * @throws NotPlainDataError for functions, class instances, nesting deeper than eight levels or
 * arrays over 10,000 items; and whatever a getter or proxy throws.
 */
export function readPlain(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new NotPlainDataError(`a ${typeof value} is not plain data`)
    }
    return value
  }
  if (depth >= MAX_DEPTH) throw new NotPlainDataError(`nested deeper than ${MAX_DEPTH} levels`)
  if (Array.isArray(value)) {
    const length = value.length
    if (length > MAX_ITEMS) throw new NotPlainDataError(`an array of more than ${MAX_ITEMS} items`)
    const copy = new Array<unknown>(length)
    for (let index = 0; index < length; index++) copy[index] = readPlain(value[index], depth + 1)
    return copy
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) throw new NotPlainDataError('an object that is not a plain object')
  // A spread reads each own enumerable property once, and V8 clones a plain literal's layout in
  // one step: about half the cost of adding the keys one by one to an empty object.
  const copy: Record<string, unknown> = { ...value }
  const keys = Object.keys(copy)
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string
    const member = copy[key]
    if (member === null || typeof member === 'string' || typeof member === 'number' || typeof member === 'boolean') continue
    // Never assign a reserved key: `copy.__proto__ = …` would set the copy's prototype.
    if (isReservedKey(key)) {
      Object.defineProperty(copy, key, { value: readPlain(member, depth + 1), enumerable: true, writable: true, configurable: true })
    } else {
      copy[key] = readPlain(member, depth + 1)
    }
  }
  return copy
}

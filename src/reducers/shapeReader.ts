/**
 * Reading untrusted nested data against a fixed shape, in the style of the reducers' guards
 * (docs/architecture.md, "Bad input and bounds"): every property is read once into a fresh plain
 * copy, unknown keys are refused by name, lists are bounded before they are read, and the first
 * problem names its dotted field. Whatever a getter or proxy throws is left to the caller to catch.
 *
 * Small on purpose: the core entry carries no schema library (the adapters' valibot schemas live
 * in their own entries).
 *
 * @module
 */
import { describeType } from '../validation/keys'
import { isPlainObject } from '../validation/plainObject'
import { boundedName, type PayloadProblem } from '../validation/problem'

/** What reading a value came to: a fresh copy of it, or the first problem found. */
export type ShapeRead = { value: unknown } | { problem: PayloadProblem }

/** Reads `value`, found at the dotted `path`. */
export type ShapeReader = (value: unknown, path: string) => ShapeRead

/** One field of a record: how it is read, and whether it may be absent. */
export interface ShapeField {
  read: ShapeReader
  optional: boolean
}

/** The fields of a record, by name. */
export type ShapeFields = Readonly<Record<string, ShapeField>>

/** A refusal of the value at `path`. */
export const refuse = (field: string, reason: string): ShapeRead => ({ problem: { field, reason } })

/** A reader of a single value (a string, number or boolean): `problemOf` says what is wrong with it. */
export function leaf(problemOf: (value: unknown) => string | undefined): ShapeReader {
  return (value, path) => {
    const reason = problemOf(value)
    return reason === undefined ? { value } : refuse(path, reason)
  }
}

/** A field that must be present. */
export const required = (read: ShapeReader): ShapeField => ({ read, optional: false })

/** A field that may be absent (or `undefined`); an absent field stays absent in the copy. */
export const optional = (read: ShapeReader): ShapeField => ({ read, optional: true })

/** A field whose value is one of `names`. */
export function oneOf(names: readonly string[]): ShapeReader {
  const known: ReadonlySet<unknown> = new Set(names)
  const reason = `must be ${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`
  return leaf((value) => (known.has(value) ? undefined : reason))
}

/**
 * A reader of a plain object with exactly `fields`: each is read once (own properties only, so a
 * polluted prototype cannot fill in an absent field), then any other key is refused with `unknownReason`.
 */
export function record(fields: ShapeFields, unknownReason: string): ShapeReader {
  const entries = Object.entries(fields)
  return (input, path) => {
    if (!isPlainObject(input)) return refuse(path, `must be an object, got ${describeType(input)}`)
    const copy: Record<string, unknown> = {}
    for (const [name, field] of entries) {
      const value = Object.hasOwn(input, name) ? input[name] : undefined
      if (value === undefined) {
        if (field.optional) continue
        return refuse(`${path}.${name}`, 'is required')
      }
      const read = field.read(value, `${path}.${name}`)
      if ('problem' in read) return read
      copy[name] = read.value
    }
    for (const name of Object.keys(input)) {
      if (!Object.hasOwn(fields, name)) return refuse(`${path}.${boundedName(name)}`, unknownReason)
    }
    return { value: copy }
  }
}

/** A reader of an array of at most `max` items, each read by `item`; `tooMany` says the bound. */
export function list(item: ShapeReader, max: number, tooMany: string): ShapeReader {
  return (input, path) => {
    if (!Array.isArray(input)) return refuse(path, `must be an array, got ${describeType(input)}`)
    const length = input.length
    if (length > max) return refuse(path, tooMany)
    const copy: unknown[] = []
    for (let index = 0; index < length; index++) {
      const read = item(input[index], `${path}[${index}]`)
      if ('problem' in read) return read
      copy.push(read.value)
    }
    return { value: copy }
  }
}

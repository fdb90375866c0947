/**
 * How adapters refuse input: an `eventRejected` action naming the field and the reason, with a
 * short summary of the input (never the whole payload).
 *
 * @module
 */
import type { BaseIssue } from 'valibot'
import { eventRejected, type ConferenceEvent } from '../events'
import { describeType } from '../validation/keys'

/** Longest summary kept of a refused input. */
export const MAX_SUMMARY_LENGTH = 200

/** The `eventRejected` action for a refused input. */
export function rejectInput(
  source: string,
  reason: string,
  summary: string,
  receivedAt: number | undefined,
  field?: string,
): ReturnType<typeof eventRejected> {
  const clipped = summary.length > MAX_SUMMARY_LENGTH ? `${summary.slice(0, MAX_SUMMARY_LENGTH - 3)}...` : summary
  return eventRejected({ source, reason, summary: clipped, ...(field === undefined ? {} : { field }) }, receivedAt)
}

/** The dotted path of a schema issue, e.g. `members[2].callSid`. */
export function issuePath(issue: BaseIssue<unknown>): string | undefined {
  const keys = issue.path?.map((item) => item.key)
  if (keys === undefined || keys.length === 0) return undefined
  return keys.reduce<string>((path, key) => {
    if (typeof key === 'number') return `${path}[${key}]`
    const name = String(key)
    return path === '' ? name : `${path}.${name}`
  }, '')
}

/**
 * The field and reason of a schema issue, for an input read at `prefix` of a larger one
 * (`items[2].data`): a field that is absent "is required", whatever the schema said.
 */
export function explainIssue(issue: BaseIssue<unknown>, prefix?: string): { field: string | undefined; reason: string } {
  const inner = issuePath(issue)
  const field = prefix === undefined || inner === undefined ? (inner ?? prefix) : inner.startsWith('[') ? `${prefix}${inner}` : `${prefix}.${inner}`
  if (field === undefined) return { field, reason: issue.message }
  return { field, reason: `\`${field}\` ${issue.input === undefined ? 'is required' : issue.message}` }
}

/** A thrown value as text; some cannot be converted (`Object.create(null)`, a throwing `toString`). */
export function textOfThrown(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error)
  } catch {
    return 'a value that cannot be shown as text was thrown'
  }
}

/** What reading an input came to: an action, or a reason naming the field. */
export type AdapterOutcome = { action: ConferenceEvent } | { reason: string; field?: string | undefined }

/** What every adapter's options may carry. */
interface AdapterOptions {
  receivedAt?: number
}

/**
 * An adapter's options, read once into a plain copy, so that nothing the adapter reads later can
 * throw or change. `undefined` is no options; `null`, a primitive, or options whose getter or
 * proxy throws are refused, naming `options`.
 */
export function copyAdapterOptions<O extends AdapterOptions>(options: O | undefined): { options: O } | { reason: string; field: string } {
  if (options === undefined) return { options: {} as O }
  if (typeof options !== 'object' || options === null) {
    return { reason: `\`options\` must be an object, got ${describeType(options)}`, field: 'options' }
  }
  try {
    return { options: { ...options } }
  } catch (error) {
    return { reason: `\`options\` could not be read: ${textOfThrown(error)}`.slice(0, 200), field: 'options' }
  }
}

/**
 * Runs an adapter's reading and never throws: a refusal or anything thrown (a hostile getter, a
 * revoked proxy, options that cannot be read) becomes `eventRejected` from `source`, with a
 * summary of the input. `read` gets a copy of the options.
 */
export function runAdapter<O extends AdapterOptions>(
  source: string,
  options: O | undefined,
  summarize: () => string,
  read: (options: O) => AdapterOutcome,
): ConferenceEvent {
  const copied = copyAdapterOptions(options)
  let outcome: AdapterOutcome
  try {
    outcome = 'reason' in copied ? copied : read(copied.options)
  } catch (error) {
    outcome = { reason: `input could not be read: ${textOfThrown(error)}`.slice(0, 200) }
  }
  if ('action' in outcome) return outcome.action
  let summary: string
  try {
    summary = summarize()
  } catch {
    summary = '(unreadable input)'
  }
  return rejectInput(source, outcome.reason, summary, 'options' in copied ? copied.options.receivedAt : undefined, outcome.field)
}

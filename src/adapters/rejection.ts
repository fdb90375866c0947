/**
 * How adapters refuse input: an `eventRejected` action naming the field and the reason, with a
 * short summary of the input (never the whole payload).
 *
 * @module
 */
import type { BaseIssue } from 'valibot'
import { eventRejected } from '../events'

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

/** A reason naming the field of the first issue: "`SequenceNumber` must be …". */
export function describeIssue(issue: BaseIssue<unknown>): { field: string | undefined; reason: string } {
  const field = issuePath(issue)
  return { field, reason: field === undefined ? issue.message : `\`${field}\` ${issue.message}` }
}

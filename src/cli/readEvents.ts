/**
 * Reading NDJSON replay files: each line a form-encoded Twilio callback, a JSON object of callback
 * parameters, or one of our actions. Bad lines are reported with their number, never fatal.
 *
 * @module
 */
import { fromTwilioStatusCallback } from '../adapters/twilioStatusCallback'
import { eventRejected, eventsReceived, type ConferencesAction } from '../events'
import { caseReducers } from '../reducers'

/** A line that became an action, received at `receivedAt`. */
export interface ReplayEvent {
  line: number
  action: ConferencesAction
  receivedAt: number
  /** Whether `receivedAt` is the source's time; when not, it is 1 ms after the previous event. */
  timed: boolean
}

/** A line that could not be used, and why. */
export interface ReplayProblem {
  line: number
  reason: string
}

/** What a replay file holds. */
export interface ReplayInput {
  events: ReplayEvent[]
  problems: ReplayProblem[]
}

/** Largest epoch milliseconds a `Date` can hold. */
const MAX_DATE_MS = 8.64e15

const isShowableTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_DATE_MS

const isOurType = (type: unknown): type is string =>
  typeof type === 'string' && (Object.hasOwn(caseReducers, type) || type === eventsReceived.type)

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` }
  }
}

/** One line → an action, or the reason it cannot be one. */
type ReadLine = { action: ConferencesAction; receivedAt: number; timed: boolean } | { reason: string }

function readLine(text: string, fallbackAt: number): ReadLine {
  if (!text.startsWith('{')) return fromCallback(text, fallbackAt)
  const parsed = parseJson(text)
  if ('error' in parsed) return { reason: parsed.error }
  const value = parsed.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reason: 'a JSON line must be an object' }
  const record = value as Record<string, unknown>
  if (!('type' in record)) return fromCallback(record as Record<string, string>, fallbackAt)
  if (!isOurType(record.type)) return { reason: `unknown action type ${JSON.stringify(record.type)?.slice(0, 80)}` }
  const meta = record.meta as { receivedAt?: unknown } | undefined
  // Only a time a date can show counts as the source's (1e20 is a number, not a time of day).
  const timed = isShowableTime(meta?.receivedAt)
  const receivedAt = timed ? (meta?.receivedAt as number) : fallbackAt
  return { action: { ...record, meta: { ...meta, receivedAt } } as ConferencesAction, receivedAt, timed }
}

function fromCallback(input: string | Record<string, string>, fallbackAt: number): ReadLine {
  const probe = fromTwilioStatusCallback(input, { receivedAt: fallbackAt })
  if (probe.type === eventRejected.type) return { reason: (probe.payload as { reason: string }).reason }
  const timestamp = (probe.payload as { timestamp?: number }).timestamp
  const receivedAt = timestamp ?? fallbackAt
  return { action: { ...probe, meta: { receivedAt } } as ConferencesAction, receivedAt, timed: timestamp !== undefined }
}

/**
 * Reads a replay file. Events are received at their source time when they have one, otherwise
 * one millisecond after the previous event.
 *
 * @param text - The file's contents.
 * @returns The events, and the lines that could not be read.
 */
export function readReplayFile(text: string): ReplayInput {
  const events: ReplayEvent[] = []
  const problems: ReplayProblem[] = []
  let clock = 0
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const read = readLine(trimmed, clock + 1)
    if ('reason' in read) {
      problems.push({ line, reason: read.reason })
      return
    }
    clock = Math.max(clock, read.receivedAt)
    events.push({ line, action: read.action, receivedAt: read.receivedAt, timed: read.timed })
  })
  return { events, problems }
}

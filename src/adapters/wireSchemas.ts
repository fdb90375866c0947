/**
 * Shared schema pieces for wire formats, so every adapter validates SIDs, booleans, numbers and
 * text the same way. Messages complete the sentence "`Field` …".
 *
 * @module
 */
import * as v from 'valibot'
import { MAX_KEY_LENGTH, RESERVED_KEYS } from '../validation/keys'
import { MAX_SEQUENCE } from '../ordering'

// Each schema is built in a `/* @__PURE__ */` arrow called at once: bundlers drop a pure call
// only when none of its arguments could have an effect, and a schema's arguments are calls,
// closures and constants. So an entry that never reads `isoTimestamp` (the Twilio entry) does not
// carry it, nor the valibot code only it uses (docs/performance.md, "Bundle size").

/** A Twilio SID: a two-letter prefix and 32 hex digits. */
export const twilioSid = (prefix: string) =>
  v.pipe(
    v.string('must be a string'),
    v.regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio SID (${prefix} followed by 32 hex digits)`),
  )

/** `"true"` or `"false"`, as Twilio sends booleans. */
export const booleanString = /* @__PURE__ */ (() =>
  v.pipe(
    v.picklist(['true', 'false'], 'must be "true" or "false"'),
    v.transform((value) => value === 'true'),
  ))()

/** A non-negative integer sent as a string, within the range versions can hold. */
export const sequenceString = /* @__PURE__ */ (() =>
  v.pipe(
    v.string('must be a string'),
    v.regex(/^\d{1,10}$/, 'must be a non-negative integer'),
    v.transform(Number),
    v.check((sequence) => sequence <= MAX_SEQUENCE, `must be at most ${MAX_SEQUENCE}`),
  ))()

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT|UTC)$/

// `Date.parse` rolls days the month lacks over ("31 Feb" becomes 3 March): refuse them instead.
function isCalendarDay(value: string): boolean {
  const [, day = '', month = '', year = ''] = RFC_2822.exec(value) ?? []
  const date = new Date(Date.UTC(Number(year), MONTHS.indexOf(month), Number(day)))
  return date.getUTCDate() === Number(day)
}

/** An RFC 2822 date (`Thu, 1 Jun 2017 20:48:32 +0000`), as epoch milliseconds. */
export const rfc2822Timestamp = /* @__PURE__ */ (() =>
  v.pipe(
    v.string('must be a string'),
    v.regex(RFC_2822, 'must be an RFC 2822 date such as "Thu, 1 Jun 2017 20:48:32 +0000"'),
    v.check(isCalendarDay, 'must be a valid date'),
    v.transform((value) => Date.parse(value)),
    v.check((time) => Number.isFinite(time), 'must be a valid date'),
  ))()

/** Free text of bounded length. */
export const boundedText = (maxLength: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(maxLength, `must be at most ${maxLength} characters`))

/** A short machine token such as `participant_hung_up` or `no-answer`. */
export const token = /* @__PURE__ */ (() =>
  v.pipe(
    v.string('must be a string'),
    v.maxLength(64, 'must be at most 64 characters'),
    v.regex(/^[A-Za-z0-9_.-]*$/, 'must be a short token (letters, digits, _ . -)'),
  ))()

/** A string that will become (part of) a key in state: no prototype names. */
export const safeKey = /* @__PURE__ */ (() =>
  v.pipe(
    v.string('must be a string'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(MAX_KEY_LENGTH, `must be at most ${MAX_KEY_LENGTH} characters`),
    v.check((value) => !RESERVED_KEYS.has(value), 'must not be a reserved name (__proto__, constructor, prototype)'),
    v.regex(/^[A-Za-z0-9][A-Za-z0-9_.:@+-]*$/, 'must be a plain identifier (letters, digits, _ . : @ + -)'),
  ))()

const ISO_MESSAGE = 'must be an ISO-8601 date such as "2025-12-10T15:04:00.000Z" or a Date'
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/

/**
 * A point in time as client libraries hand it: an ISO-8601 string (Genesys, JSON copies) or a
 * `Date` (what the AWS SDK inside Amazon Connect Streams parses timestamps into), as epoch ms.
 */
export const isoTimestamp = /* @__PURE__ */ (() =>
  v.pipe(
    v.union(
      [
        v.pipe(v.string(), v.maxLength(40, ISO_MESSAGE), v.regex(ISO_8601, ISO_MESSAGE)),
        v.date(ISO_MESSAGE),
      ],
      ISO_MESSAGE,
    ),
    v.transform((value) => (typeof value === 'string' ? Date.parse(value) : value.getTime())),
    v.check((time) => Number.isFinite(time), 'must be a valid date'),
  ))()

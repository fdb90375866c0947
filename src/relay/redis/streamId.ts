/**
 * Redis stream IDs (`<milliseconds>-<sequence>`, two unsigned 64-bit integers) as the relay's
 * SSE event IDs: validated before they reach a Redis command and compared exactly, without
 * floating point (see `docs/relay-redis.md`).
 *
 * @module
 */

/** Digits without a leading zero, at most 20 of them (2^64 - 1 has 20 digits). */
const STREAM_ID = /^(0|[1-9][0-9]{0,19})-(0|[1-9][0-9]{0,19})$/
const UINT64_MAX = '18446744073709551615'

/** Compares two unsigned decimal integers written without leading zeros. */
function compareDecimals(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Whether a string is a complete Redis stream ID as Redis itself writes them.
 *
 * @param id - A candidate ID, e.g. a viewer's `Last-Event-ID`.
 * @returns `true` for `1712345678901-0`; `false` for `-`, `+`, `1712345678901`, `01-0`, `$`.
 * @example
 * ```ts
 * isStreamId('1712345678901-3') // true
 * isStreamId('(1712345678901-3') // false: never pass a viewer's text to Redis unchecked
 * ```
 */
export function isStreamId(id: string): boolean {
  const match = STREAM_ID.exec(id)
  if (match === null) return false
  return compareDecimals(match[1] as string, UINT64_MAX) <= 0 && compareDecimals(match[2] as string, UINT64_MAX) <= 0
}

/**
 * Orders two valid stream IDs as Redis does: by milliseconds, then by sequence.
 *
 * @param a - A valid stream ID.
 * @param b - A valid stream ID.
 * @returns A negative number when `a` comes first, 0 when equal, a positive number otherwise.
 * @example
 * ```ts
 * compareStreamIds('9-5', '10-0') // < 0: numeric, not lexicographic
 * ```
 */
export function compareStreamIds(a: string, b: string): number {
  const dashA = a.indexOf('-')
  const dashB = b.indexOf('-')
  return (
    compareDecimals(a.slice(0, dashA), b.slice(0, dashB)) || compareDecimals(a.slice(dashA + 1), b.slice(dashB + 1))
  )
}

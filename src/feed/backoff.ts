/**
 * How long a feed waits before its next attempt: exponential, capped, with jitter so that a
 * thousand agents cut off by the same outage do not all return in the same second.
 *
 * @module
 */

/** The reconnect delays of a feed (ms). */
export interface BackoffOptions {
  /** The delay before the first retry. Default 500. */
  initialDelayMs?: number
  /** The longest delay. Default 30 000. */
  maxDelayMs?: number
}

/** Default first retry delay (ms). */
export const DEFAULT_INITIAL_DELAY_MS = 500
/** Default longest retry delay (ms). */
export const DEFAULT_MAX_DELAY_MS = 30_000

/**
 * The delay before retry number `attempt` (1 for the first): `initial · 2^(attempt-1)`, capped,
 * then "equal jitter": a random point in the upper half, so it never collapses to zero.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const initial = Math.max(0, options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS)
  const max = Math.max(initial, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS)
  const ceiling = Math.min(max, initial * 2 ** Math.min(Math.max(attempt - 1, 0), 30))
  const unit = Math.min(Math.max(random(), 0), 1)
  return Math.round(ceiling / 2 + (ceiling / 2) * unit)
}

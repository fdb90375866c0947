/**
 * The short record of when a conference's clock moved, so a snapshot that gives only its
 * `requestedAt` is ordered by the clock as it stood then (docs/architecture.md, "Snapshots").
 *
 * Stored as flat pairs `[arrivedAt, clock, …]`, oldest first, at most `CLOCK_LOG_ENTRIES` pairs:
 * moves that arrive in the same millisecond share one pair, so a burst costs one entry.
 *
 * @module
 */

/** Most clock moves kept per conference. */
export const CLOCK_LOG_ENTRIES = 32

/** What a clock move writes: a conference record being edited. */
interface ClockedRecord {
  clock: number
  clockLog?: readonly number[]
}

/**
 * Moves the clock of `conference` (a writable copy) up to `clock`, logging the move at `arrivedAt`;
 * a clock at or below the current one changes nothing. A merge whose export is ahead moves the
 * clock this way: the merged clock stood there from the merge's arrival on, as if its events had
 * arrived then (an event's move is logged the same way, by `stampConference`).
 */
export function advanceClock(conference: ClockedRecord, clock: number, arrivedAt: number): void {
  if (clock <= conference.clock) return
  conference.clock = clock
  conference.clockLog = logClockMove(conference.clockLog, arrivedAt, clock)
}

/** The log after the clock moved to `clock` at `arrivedAt`. */
export function logClockMove(log: readonly number[] | undefined, arrivedAt: number, clock: number): number[] {
  const next = log === undefined ? [] : log.slice()
  const last = next.length - 2
  if (last >= 0 && next[last] === arrivedAt) {
    next[last + 1] = Math.max(next[last + 1] as number, clock)
    return next
  }
  next.push(arrivedAt, clock)
  if (next.length > CLOCK_LOG_ENTRIES * 2) next.splice(0, 2)
  return next
}

/**
 * The clock as it stood at `at`: the highest clock logged at or before it. `undefined` when the
 * log no longer reaches back so far (it was full and its oldest move is after `at`).
 */
export function clockAt(log: readonly number[] | undefined, at: number): number | undefined {
  if (log === undefined || log.length === 0) return 0
  let clock = 0
  let reaches = log.length < CLOCK_LOG_ENTRIES * 2
  for (let index = 0; index < log.length; index += 2) {
    if ((log[index] as number) <= at) {
      reaches = true
      clock = Math.max(clock, log[index + 1] as number)
    }
  }
  return reaches ? clock : undefined
}

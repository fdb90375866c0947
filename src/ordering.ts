/**
 * Sequence and last-writer-wins rules (docs/architecture.md, "Ordering").
 *
 * Every register (a participant's status, hold flag, …) remembers the version of the event that
 * last wrote it, and a write wins only with a higher version. A version packs the source's
 * sequence number with room below it for events that have none:
 *
 * - a sequenced event gets `(sequence + 1) × 2^20`, so the order between sources' sequence
 *   numbers is the order between versions, and a duplicate has the very same version;
 * - an event without a sequence gets the conference's clock (the highest version applied) plus one:
 *   newer than everything that arrived before it, older than the next sequence number.
 *
 * @module
 */

/** Room for events without a sequence number between two sequence numbers. */
export const UNSEQUENCED_STEPS = 2 ** 20

/** The highest sequence number accepted: versions must stay exact doubles. */
export const MAX_SEQUENCE = 2 ** 32 - 1

/** The highest version a register can hold: the version of `MAX_SEQUENCE`, plus room above it. */
export const MAX_VERSION = (MAX_SEQUENCE + 2) * UNSEQUENCED_STEPS

/** The version an event writes with, given the conference's clock. */
export function eventVersion(sequence: number | undefined, clock: number): number {
  return sequence === undefined ? clock + 1 : (sequence + 1) * UNSEQUENCED_STEPS
}

/** Whether a write at `version` replaces one at `current`: strictly newer only, so duplicates change nothing. */
export function isNewer(version: number, current: number): boolean {
  return version > current
}

/** Whether a departure whose source time is `timestamp` is already past the `recently_left` window. */
export function isStaleDeparture(
  timestamp: number | undefined,
  receivedAt: number,
  recentlyLeftMs: number,
): boolean {
  return timestamp !== undefined && receivedAt - timestamp >= recentlyLeftMs
}

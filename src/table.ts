/**
 * The conference table layout behind the performance budget (docs/architecture.md, "Performance").
 *
 * Conferences live in 64 × 64 buckets picked by a hash of the SID; a bucket is a short array of
 * records (about n / 4096: 2.4 at 10,000 conferences), found by comparing SIDs. Writing one
 * conference copies two 64-slot arrays and one short bucket, so the cost of an event barely grows
 * with the number of conferences held, while the table stays plain, serializable data.
 *
 * Buckets are arrays, not objects keyed by SID: objects whose keys are unique strings get a hidden
 * class each (or fall back to dictionary mode) in V8, and copying one cost 9-68 µs for 39 keys,
 * against well under a microsecond for an array. Until a row is written, every slot shares one
 * frozen empty row, so an empty table costs one small array.
 *
 * @module
 */
import type { ConferenceRecord, ConferenceTable, ParticipantRecord, SidTable } from './model'

/** Slots per level: 64 × 64 = 4096 buckets. */
export const TABLE_FANOUT = 64
const LEVEL_BITS = 6

/** The bucket of a SID: two 6-bit slices of its 32-bit FNV-1a hash. */
export function bucketOf(sid: string): readonly [number, number] {
  let hash = 0x811c9dc5
  for (let index = 0; index < sid.length; index++) {
    hash ^= sid.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return [hash & (TABLE_FANOUT - 1), (hash >>> LEVEL_BITS) & (TABLE_FANOUT - 1)]
}

const EMPTY_BUCKET: readonly never[] = Object.freeze([])
const EMPTY_ROW: ReadonlyArray<readonly never[]> = Object.freeze(Array.from({ length: TABLE_FANOUT }, () => EMPTY_BUCKET))

/** An empty table: every row is the shared, frozen empty row until written. */
export function createTable<T extends { conferenceSid: string } = ConferenceRecord>(): SidTable<T> {
  return Array.from({ length: TABLE_FANOUT }, () => EMPTY_ROW)
}

/** Where `sid` is in its bucket, or -1. */
export function indexInBucket(bucket: ReadonlyArray<{ conferenceSid: string }>, sid: string): number {
  for (let index = 0; index < bucket.length; index++) {
    if ((bucket[index] as { conferenceSid: string }).conferenceSid === sid) return index
  }
  return -1
}

/** The entry stored under `sid` in a table keyed by conference SID, if any. */
export function lookupBySid<T extends { conferenceSid: string }>(table: SidTable<T> | undefined, sid: string): T | undefined {
  return table === undefined ? undefined : lookupInBucket(table, bucketOf(sid), sid)
}

/** The entry stored under `sid` in its bucket `at` (from `bucketOf(sid)`, when the caller has it already). */
export function lookupInBucket<T extends { conferenceSid: string }>(table: SidTable<T>, at: readonly [number, number], sid: string): T | undefined {
  const bucket = table[at[0]]?.[at[1]]
  if (bucket === undefined) return undefined
  const index = indexInBucket(bucket, sid)
  return index === -1 ? undefined : bucket[index]
}

/** The conference stored under `sid`, if any. */
export function lookupConference(table: ConferenceTable, sid: string): ConferenceRecord | undefined {
  return lookupBySid(table, sid)
}

/** The leg of `conference` with `callSid`, if any (legs are a short array, found by SID). */
export function findParticipant(conference: ConferenceRecord | undefined, callSid: string): ParticipantRecord | undefined {
  if (conference === undefined) return undefined
  for (const leg of conference.participants) if (leg.callSid === callSid) return leg
  return undefined
}

/** Calls `visit` for every entry of a table keyed by conference SID. */
export function forEachConference<T extends { conferenceSid: string } = ConferenceRecord>(
  table: SidTable<T>,
  visit: (record: T) => void,
): void {
  for (const row of table) {
    if (row === EMPTY_ROW) continue
    for (const bucket of row) {
      for (const record of bucket) visit(record)
    }
  }
}

/**
 * Calls `visit` for every conference of `after` that is not the very record `before` holds: the
 * conferences the actions between the two tables created or changed. A write copies only the
 * row and bucket it touches, so an action that changed one conference costs two passes over 64
 * slots and one short bucket, whatever the number of conferences.
 */
export function forEachChangedConference(
  before: ConferenceTable,
  after: ConferenceTable,
  visit: (record: ConferenceRecord) => void,
): void {
  if (before === after) return
  for (let row = 0; row < after.length; row++) {
    const rowAfter = after[row] as ConferenceTable[number]
    const rowBefore = before[row]
    if (rowAfter === rowBefore) continue
    for (let slot = 0; slot < rowAfter.length; slot++) {
      const bucket = rowAfter[slot] as ConferenceTable[number][number]
      const old = rowBefore?.[slot]
      if (bucket === old) continue
      for (const record of bucket) if (old === undefined || !old.includes(record)) visit(record)
    }
  }
}

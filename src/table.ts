/**
 * The conference table layout behind the performance budget (DESIGN section 9).
 *
 * Conferences live in 16 × 16 buckets picked by a hash of the SID. Writing one conference copies
 * two 16-slot arrays and one bucket of about n / 256 records, so the cost of an event barely grows
 * with the number of conferences held, while the table stays plain, serializable data.
 *
 * @module
 */
import type { ConferenceRecord, ConferenceTable } from './model'

/** Slots per level: 16 × 16 = 256 buckets. */
export const TABLE_FANOUT = 16

/** The bucket of a SID: two 4-bit slices of its 32-bit FNV-1a hash. */
export function bucketOf(sid: string): readonly [number, number] {
  let hash = 0x811c9dc5
  for (let index = 0; index < sid.length; index++) {
    hash ^= sid.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return [hash & 0x0f, (hash >>> 4) & 0x0f]
}

/** An empty table. */
export function createTable(): ConferenceTable {
  return Array.from({ length: TABLE_FANOUT }, () => Array.from({ length: TABLE_FANOUT }, () => ({})))
}

/** The conference stored under `sid`, if any. Never reads inherited properties. */
export function lookupConference(table: ConferenceTable, sid: string): ConferenceRecord | undefined {
  const [outer, inner] = bucketOf(sid)
  const bucket = table[outer]?.[inner]
  return bucket !== undefined && Object.hasOwn(bucket, sid) ? bucket[sid] : undefined
}

/** Calls `visit` for every stored conference. */
export function forEachConference(table: ConferenceTable, visit: (record: ConferenceRecord) => void): void {
  for (const row of table) {
    for (const bucket of row) {
      for (const sid in bucket) {
        if (Object.hasOwn(bucket, sid)) visit(bucket[sid] as ConferenceRecord)
      }
    }
  }
}

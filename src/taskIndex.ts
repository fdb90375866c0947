/**
 * Task SID → conference SID, for `selectConferenceViewByTaskSid`, in the bucket layout of the
 * conference table (hashed by task SID), so indexing a new conference's task copies two 64-slot
 * arrays and a short bucket instead of the whole index (docs/architecture.md, "Performance").
 *
 * @module
 */
import type { TaskEntry, TaskIndex } from './model'
import { bucketOf } from './table'

/** The conference serving `taskSid`, if indexed. */
export function lookupTask(index: TaskIndex | undefined, taskSid: string): string | undefined {
  if (index === undefined) return undefined
  if (!Array.isArray(index)) {
    // A state persisted when the index was an object keyed by task SID.
    const legacy = index as unknown as Record<string, string>
    return Object.hasOwn(legacy, taskSid) ? legacy[taskSid] : undefined
  }
  const [outer, inner] = bucketOf(taskSid)
  const bucket = index[outer]?.[inner]
  if (bucket === undefined) return undefined
  for (const entry of bucket) if (entry.taskSid === taskSid) return entry.conferenceSid
  return undefined
}

/** Where `taskSid` is in its bucket, or -1. */
export function indexOfTask(bucket: readonly TaskEntry[], taskSid: string): number {
  for (let index = 0; index < bucket.length; index++) if ((bucket[index] as TaskEntry).taskSid === taskSid) return index
  return -1
}

/**
 * A copy-on-write transaction over the slice state.
 *
 * Reducers read the current records and ask the writer for writable copies only when something
 * changes. The first request copies the path from the root to the record; later requests in the
 * same transaction (a batch) reuse the copies. Nothing is copied for an event that changes
 * nothing, so a duplicate returns the identical state object.
 *
 * We do this by hand instead of through Immer drafts: Immer's proxies and finalization cost
 * several times the copy itself (about 80 µs against 18 µs per event at 10,000 conferences here).
 * In development the new objects are frozen, as Immer would, so accidental mutation throws.
 *
 * @module
 */
import type {
  ConferenceRecord,
  ConferencesState,
  ControlError,
  ForgottenConference,
  ParticipantRecord,
  RejectedEvent,
  SidTable,
  TaskEntry,
  TaskIndex,
} from './model'
import { chunkSids, listConferenceSids, SID_CHUNK } from './sidList'
import { indexOfTask, lookupTask } from './taskIndex'
import { bucketOf, createTable, forEachConference, indexInBucket, lookupBySid, lookupConference, lookupInBucket } from './table'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Writable<T> = Mutable<T>

/** The writer handed to every case reducer. */
export interface StateWriter {
  /** The state as changed so far. */
  readonly state: ConferencesState
  /** The conference as changed so far. */
  conference(sid: string): ConferenceRecord | undefined
  /** A writable copy of a conference, created by `create` when it does not exist yet. */
  editConference(sid: string, create: () => ConferenceRecord): Writable<ConferenceRecord>
  /** A writable copy of a participant of a conference already being edited. */
  editParticipant(conference: Writable<ConferenceRecord>, callSid: string, create: () => ParticipantRecord): ParticipantRecord
  /** Drops a participant of a conference already being edited. */
  removeParticipant(conference: Writable<ConferenceRecord>, callSid: string): void
  /** Drops conferences. */
  removeConferences(sids: ReadonlySet<string>): void
  /** The tombstone of a pruned conference, if any. */
  forgottenConference(sid: string): ForgottenConference | undefined
  /** Leaves (or raises) a tombstone for a pruned conference; the oldest go past `limit`. */
  buryConference(tombstone: ForgottenConference, limit: number): void
  /** Removes a conference's tombstone (it came back with newer events). */
  unburyConference(sid: string): void
  /** Records that a conference serves a task, for lookups by task SID. */
  indexTask(taskSid: string, conferenceSid: string): void
  /** Forgets that a conference serves a task (when the index still points to that conference). */
  unindexTask(taskSid: string, conferenceSid: string): void
  /** Sets the logged-in worker. */
  setCurrentWorker(workerSid: string | null): void
  /** Appends to the bounded rejection log. */
  recordRejection(rejection: RejectedEvent): void
  /** Appends to the bounded log of failed or unconfirmed commands. */
  recordControlError(error: ControlError): void
  /** Freezes every object this transaction created, as Immer would (development builds). */
  freezeWrites(): void
}

/**
 * Opens a transaction on `base`.
 *
 * @param base - The state before the action (frozen).
 * @returns A writer whose `state` is `base` until something is written.
 */
export function createWriter(base: ConferencesState): StateWriter {
  return new CopyOnWriteTransaction(base)
}

type TableName = 'table' | 'forgottenConferences'

/**
 * The writer as a class: one object per action, its methods shared on the prototype. A closure
 * per method (the earlier form) allocated about fifteen functions per action, a fixed cost that
 * dominated single events on small states (docs/architecture.md, "Performance").
 */
class CopyOnWriteTransaction implements StateWriter {
  /**
   * The state before the action. What this transaction created is told apart from it by place,
   * not by a list: an object is this transaction's own when the same place in `base` holds
   * another (or does not hold it, in a bucket or a conference's legs). An earlier form kept every
   * copy in a `Set`, and a batch of 1,000 events spent about a tenth of its time on it.
   */
  private readonly base: ConferencesState
  private root: ConferencesState
  /**
   * The last conference looked up or edited: one event reads its conference in every step (the
   * forgotten check, its stamp, the change, its details), and at 10,000 conferences each walk
   * of the table is a few cache misses. Only this class changes the table, and it keeps the entry
   * current (`editConference` stores the copy, `removeConferences` drops it).
   */
  private lastSid: string | undefined = undefined
  private lastRecord: ConferenceRecord | undefined = undefined
  /** The bucket of the last conference SID hashed: an event looks its conference up, then edits it. */
  private hashedSid: string | undefined = undefined
  private hashedBucket: readonly [number, number] = [0, 0]

  constructor(base: ConferencesState) {
    this.base = base
    this.root = base
  }

  get state(): ConferencesState {
    return this.root
  }

  /**
   * A writable copy of an array (itself when this transaction created it), given what the same
   * place holds in the base state. Records are copied at their own spreads (`ownRoot`,
   * `editConference`, `editParticipant`): one spread seeing every shape would make V8's object
   * copy generic and several times slower.
   */
  private own<T>(value: readonly T[], original: readonly unknown[] | undefined): T[] {
    return madeHere(value, original) ? (value as T[]) : value.slice()
  }

  private ownRoot(): Writable<ConferencesState> {
    if (this.root === this.base) this.root = { ...this.base }
    return this.root as Writable<ConferencesState>
  }

  /** A table of the base state (absent, or not in the bucket layout: nothing in it is shared). */
  private baseTable(name: TableName | 'taskIndex'): SidTable<{ conferenceSid: string }> | undefined {
    const table = this.base[name] as unknown
    return Array.isArray(table) ? (table as SidTable<{ conferenceSid: string }>) : undefined
  }

  private bucketIn(name: 'table', sid: string): ConferenceRecord[]
  private bucketIn(name: 'forgottenConferences', sid: string): ForgottenConference[]
  private bucketIn(name: TableName, sid: string): Array<{ conferenceSid: string }> {
    const state = this.ownRoot() as unknown as Record<TableName, SidTable<{ conferenceSid: string }>>
    const [outer, inner] = this.bucketOfSid(sid)
    const baseTable = this.baseTable(name)
    const table = this.own(state[name] ?? createTable(), baseTable) as Array<Array<Array<{ conferenceSid: string }>>>
    state[name] = table
    const baseRow = baseTable?.[outer]
    const row = this.own(table[outer] as Array<Array<{ conferenceSid: string }>>, baseRow)
    table[outer] = row
    const bucket = this.own(row[inner] as Array<{ conferenceSid: string }>, baseRow?.[inner])
    row[inner] = bucket
    return bucket
  }

  /** `bucketOf(sid)`, remembered for the last SID: hashing a SID reads all its characters. */
  private bucketOfSid(sid: string): readonly [number, number] {
    if (sid !== this.hashedSid) {
      this.hashedBucket = bucketOf(sid)
      this.hashedSid = sid
    }
    return this.hashedBucket
  }

  conference(sid: string): ConferenceRecord | undefined {
    if (sid === this.lastSid) return this.lastRecord
    const record = lookupInBucket(this.root.table, this.bucketOfSid(sid), sid)
    this.lastSid = sid
    this.lastRecord = record
    return record
  }

  editConference(sid: string, create: () => ConferenceRecord): Writable<ConferenceRecord> {
    const bucket = this.bucketIn('table', sid)
    const index = indexInBucket(bucket, sid)
    if (index !== -1) {
      const known = bucket[index] as ConferenceRecord
      if (entryMadeHere(known, this.baseBucket('table', sid))) return known
      const copy = { ...known }
      bucket[index] = copy
      this.lastSid = sid
      this.lastRecord = copy
      return copy
    }
    const created = create()
    bucket.push(created)
    this.lastSid = sid
    this.lastRecord = created
    // A conference that comes back after it was pruned starts from its tombstone's clock.
    const tombstone = this.forgottenConference(sid)
    if (tombstone !== undefined) {
      created.clock = Math.max(created.clock, tombstone.version)
      this.unburyConference(sid)
    }
    this.appendSid(sid)
    if (created.taskSid !== undefined) this.indexTask(created.taskSid, sid)
    return created
  }

  editParticipant(conference: Writable<ConferenceRecord>, callSid: string, create: () => ParticipantRecord): ParticipantRecord {
    const baseLegs = this.baseLegs(conference.conferenceSid)
    const participants = this.own(conference.participants, baseLegs)
    conference.participants = participants
    const index = indexOfLeg(participants, callSid)
    if (index === -1) {
      const created = create()
      participants.push(created)
      return created
    }
    const known = participants[index] as ParticipantRecord
    if (entryMadeHere(known, baseLegs)) return known
    const record = { ...known }
    participants[index] = record
    return record
  }

  /** The bucket of `sid` in a table of the base state, if any. */
  private baseBucket(name: TableName, sid: string): ReadonlyArray<{ conferenceSid: string }> | undefined {
    const [outer, inner] = this.bucketOfSid(sid)
    return this.baseTable(name)?.[outer]?.[inner]
  }

  /** The legs conference `sid` had in the base state, if it was there. */
  private baseLegs(sid: string): readonly ParticipantRecord[] | undefined {
    const bucket = this.baseBucket('table', sid) as readonly ConferenceRecord[] | undefined
    if (bucket === undefined) return undefined
    const index = indexInBucket(bucket, sid)
    return index === -1 ? undefined : (bucket[index] as ConferenceRecord).participants
  }

  removeParticipant(conference: Writable<ConferenceRecord>, callSid: string): void {
    const participants = this.own(conference.participants, this.baseLegs(conference.conferenceSid))
    conference.participants = participants
    const index = indexOfLeg(participants, callSid)
    if (index !== -1) participants.splice(index, 1)
  }

  removeConferences(sids: ReadonlySet<string>): void {
    if (sids.size === 0) return
    this.lastSid = undefined
    this.lastRecord = undefined
    const state = this.ownRoot()
    for (const sid of sids) {
      const record = lookupConference(this.root.table, sid)
      if (record === undefined) continue
      const bucket = this.bucketIn('table', sid)
      bucket.splice(indexInBucket(bucket, sid), 1)
      if (record.taskSid !== undefined) this.unindexTask(record.taskSid, sid)
    }
    // A sweep already visits every conference: rebuilding the chunks costs no more.
    state.sidChunks = chunkSids(listConferenceSids(state).filter((sid) => !sids.has(sid)))
  }

  forgottenConference(sid: string): ForgottenConference | undefined {
    const tombstones = this.root.forgottenConferences
    return tombstones === undefined ? undefined : lookupInBucket(tombstones, this.bucketOfSid(sid), sid)
  }

  buryConference(tombstone: ForgottenConference, limit: number): void {
    const bucket = this.bucketIn('forgottenConferences', tombstone.conferenceSid)
    const index = indexInBucket(bucket, tombstone.conferenceSid)
    const state = this.root as Writable<ConferencesState>
    if (index === -1) {
      bucket.push({ ...tombstone })
      state.forgottenCount = (state.forgottenCount ?? 0) + 1
    } else {
      const known = bucket[index] as ForgottenConference
      bucket[index] = { ...tombstone, version: Math.max(known.version, tombstone.version) }
    }
    if ((state.forgottenCount ?? 0) > limit) this.dropOldestTombstones(limit)
  }

  unburyConference(sid: string): void {
    if (lookupBySid(this.root.forgottenConferences, sid) === undefined) return
    const bucket = this.bucketIn('forgottenConferences', sid)
    bucket.splice(indexInBucket(bucket, sid), 1)
    const state = this.root as Writable<ConferencesState>
    state.forgottenCount = Math.max(0, (state.forgottenCount ?? 1) - 1)
  }

  freezeWrites(): void {
    // Every write copies the root, and everything this transaction created hangs under it.
    if (this.root !== this.base) deepFreezeNew(this.root)
  }

  setCurrentWorker(workerSid: string | null): void {
    if (this.root.currentWorkerSid !== workerSid) this.ownRoot().currentWorkerSid = workerSid
  }

  recordRejection(rejection: RejectedEvent): void {
    const state = this.ownRoot()
    const limit = Math.max(0, state.config.maxRejectedEvents)
    const log = this.own(state.rejected, this.base.rejected)
    log.push(boundedRejection(rejection))
    if (log.length > limit) log.splice(0, log.length - limit)
    state.rejected = log
    state.rejectedCount += 1
  }

  recordControlError(error: ControlError): void {
    const state = this.ownRoot()
    // A state persisted before the controls existed has no log yet.
    const limit = Math.max(0, state.config.maxControlErrors ?? 50)
    const log = this.own(state.controlErrors ?? [], this.base.controlErrors)
    log.push(boundedControlError(error))
    if (log.length > limit) log.splice(0, log.length - limit)
    state.controlErrors = log
    state.controlErrorCount = (state.controlErrorCount ?? 0) + 1
  }

  /** Drops the oldest tombstones down to 90 % of `limit`, so the sweep runs once per many prunes. */
  private dropOldestTombstones(limit: number): void {
    const all: ForgottenConference[] = []
    forEachConference<ForgottenConference>(this.root.forgottenConferences ?? createTable<ForgottenConference>(), (stone) => all.push(stone))
    all.sort((a, b) => a.at - b.at || a.version - b.version || (a.conferenceSid < b.conferenceSid ? -1 : 1))
    const keep = Math.floor(limit * 0.9)
    for (const stone of all.slice(0, Math.max(0, all.length - keep))) this.unburyConference(stone.conferenceSid)
  }

  /** Appends a new conference's SID: copies the last chunk and the outer array, never the whole list. */
  private appendSid(sid: string): void {
    const state = this.ownRoot()
    const baseChunks = this.base.sidChunks as ReadonlyArray<readonly string[]> | undefined
    const chunks = this.own(state.sidChunks ?? chunkSids(listConferenceSids(state)), baseChunks) as string[][]
    state.sidChunks = chunks
    const last = chunks[chunks.length - 1]
    if (last === undefined || last.length >= SID_CHUNK) {
      chunks.push([sid])
    } else {
      const chunk = this.own(last, baseChunks?.[chunks.length - 1])
      chunk.push(sid)
      chunks[chunks.length - 1] = chunk
    }
  }

  /** The writable bucket of `taskSid` in the task index (created, or converted from the old object form). */
  private taskBucket(taskSid: string): TaskEntry[] {
    const state = this.ownRoot()
    let index = state.taskIndex
    if (index !== undefined && !Array.isArray(index)) {
      const legacy = Object.entries(index as unknown as Record<string, string>)
      state.taskIndex = createTable<{ conferenceSid: string }>() as unknown as TaskIndex
      for (const [task, conferenceSid] of legacy) this.taskBucket(task).push({ taskSid: task, conferenceSid })
      index = state.taskIndex
    }
    const [outer, inner] = bucketOf(taskSid)
    const baseIndex = this.baseTable('taskIndex') as unknown as TaskIndex | undefined
    const table = this.own((index ?? createTable<{ conferenceSid: string }>()) as unknown as TaskIndex, baseIndex) as TaskEntry[][][]
    state.taskIndex = table
    const baseRow = baseIndex?.[outer]
    const row = this.own(table[outer] as TaskEntry[][], baseRow)
    table[outer] = row
    const bucket = this.own(row[inner] as TaskEntry[], baseRow?.[inner])
    row[inner] = bucket
    return bucket
  }

  indexTask(taskSid: string, conferenceSid: string): void {
    if (lookupTask(this.root.taskIndex, taskSid) === conferenceSid) return
    const bucket = this.taskBucket(taskSid)
    const entry = { taskSid, conferenceSid }
    const index = indexOfTask(bucket, taskSid)
    if (index === -1) bucket.push(entry)
    else bucket[index] = entry
  }

  unindexTask(taskSid: string, conferenceSid: string): void {
    if (lookupTask(this.root.taskIndex, taskSid) !== conferenceSid) return
    const bucket = this.taskBucket(taskSid)
    const index = indexOfTask(bucket, taskSid)
    if (index !== -1) bucket.splice(index, 1)
  }
}

/**
 * Whether this transaction made `value`, which sits where `original` sits in the base state. The
 * shared empty rows and buckets, and in development everything earlier actions made, are frozen
 * and never written in place.
 */
function madeHere(value: object, original: object | undefined): boolean {
  return value !== original && !Object.isFrozen(value)
}

/** Whether this transaction made `entry` of a bucket or of a conference's legs, given the base's list at that place. */
function entryMadeHere(entry: object, originals: readonly object[] | undefined): boolean {
  return !Object.isFrozen(entry) && (originals === undefined || !originals.includes(entry))
}

/** Where leg `callSid` is in a conference's legs, or -1. */
function indexOfLeg(participants: readonly ParticipantRecord[], callSid: string): number {
  for (let index = 0; index < participants.length; index++) {
    if ((participants[index] as ParticipantRecord).callSid === callSid) return index
  }
  return -1
}

/**
 * Freezes `value` and every object under it that is not frozen yet. Everything a previous state
 * holds is frozen already, so this stops at the shared parts and visits only what this action
 * created (a copied record, its new `versions`, a new clock log, …).
 */
function deepFreezeNew(value: object): void {
  if (Object.isFrozen(value)) return
  Object.freeze(value)
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreezeNew(child as object)
  }
}

/** Longest strings kept in the logs: the log is bounded in bytes, not only in entries. */
export const LOG_TEXT_LIMITS = { source: 64, reason: 300, field: 128, summary: 200, message: 300, sid: 128, destination: 128 } as const

const clip = (value: unknown, limit: number): string => {
  const text = typeof value === 'string' ? value : String(value)
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text
}

function boundedRejection(rejection: RejectedEvent): RejectedEvent {
  const bounded: RejectedEvent = {
    source: clip(rejection.source, LOG_TEXT_LIMITS.source),
    reason: clip(rejection.reason, LOG_TEXT_LIMITS.reason),
    summary: clip(rejection.summary, LOG_TEXT_LIMITS.summary),
    receivedAt: rejection.receivedAt,
  }
  if (rejection.field !== undefined) bounded.field = clip(rejection.field, LOG_TEXT_LIMITS.field)
  return bounded
}

function boundedControlError(error: ControlError): ControlError {
  const bounded: ControlError = {
    ...error,
    message: clip(error.message, LOG_TEXT_LIMITS.message),
    conferenceSid: clip(error.conferenceSid, LOG_TEXT_LIMITS.sid),
    requestId: clip(error.requestId, LOG_TEXT_LIMITS.sid),
  }
  if (error.callSid !== undefined) bounded.callSid = clip(error.callSid, LOG_TEXT_LIMITS.sid)
  if (error.destination !== undefined) bounded.destination = clip(error.destination, LOG_TEXT_LIMITS.destination)
  return bounded
}

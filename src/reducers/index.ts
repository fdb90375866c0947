/**
 * The case reducers, one entry per action: a newcomer finds where an event is handled by its name.
 * Each entry pairs the payload check with the reducer; a refused payload becomes a recorded
 * rejection and changes nothing else. An action is first read once into plain data, and the check
 * and the reducer see only that copy (docs/architecture.md, "Bad input and bounds").
 *
 * @module
 */
import { COMMAND_TYPE_PREFIX, TOGGLE_COMMANDS, type ToggleCommand } from '../commands'
import * as events from '../events'
import { eventVersion } from '../ordering'
import type { StateWriter } from '../writer'
import {
  reduceAnnouncementEnded,
  reduceAnnouncementFailed,
  reduceConferenceEnded,
  reduceConferenceStarted,
} from './conferenceEvents'
import {
  controlTimedOutProblem,
  reduceAddRequested,
  reduceAddSent,
  reduceControlConfirmationTimedOut,
  reduceControlRejected,
  reduceRemoveRequested,
  reduceToggleRequested,
  readLifecycleMeta,
} from './controls'
import { conferenceDetailProblem, conferenceEventProblem, participantEventProblem } from '../validation/eventPayloads'
import type { PayloadProblem } from '../validation/problem'
import { snapshotProblem } from '../validation/snapshotPayload'
import {
  clockProblem,
  currentWorkerProblem,
  eventRejectedProblem,
  reduceConferencesPruned,
  reduceCurrentWorkerIdentified,
  reduceEventRejected,
  reduceRecentlyLeftExpired,
} from './housekeeping'
import type { ParticipantChange } from './participantChange'
import { reduceConferencesMerged } from './merge'
import { readPlain } from './plainData'
import { participantChanges, participantEventReducer } from './participantEvents'
import { reduceConferenceSnapshot } from './snapshot'
import { receivedAtOf } from './stamp'

/** An action as dispatched: nothing in it is trusted yet. */
type AnyAction = { type: string; payload?: unknown; meta?: unknown; error?: unknown }

/**
 * How each part of an action is read into the plain copy its check and case reducer see: every
 * field they use, exactly once. A reader throws what a getter or proxy throws.
 */
interface ActionReaders {
  payload: (payload: unknown) => unknown
  meta: (meta: unknown) => unknown
  /** Only the control thunks' rejections carry an `error`. */
  error?: (error: unknown) => unknown
}

/** A case reducer over the writer, the check its payload must pass first, and how the action is read. */
interface CaseEntry {
  read: ActionReaders
  check: (payload: unknown) => PayloadProblem | undefined
  reduce: (writer: StateWriter, action: never) => void
}

const noCheck = () => undefined

/** The arrival time is all an event's reducers read from `meta`. */
const readMeta = (meta: unknown): unknown =>
  meta === undefined ? undefined : { receivedAt: (meta as { receivedAt?: unknown } | null)?.receivedAt }

/** An event: its payload copied into plain data, and its arrival time. */
const EVENT_READERS: ActionReaders = { payload: readPlain, meta: readMeta }
/** `conferencesMerged`: its export schema reads the payload once itself, bounding each list before reading it. */
const MERGE_READERS: ActionReaders = { payload: (payload) => payload, meta: readMeta }
/** A control thunk's lifecycle: of `meta.arg` only the command's arguments (`readLifecycleMeta`). */
const LIFECYCLE_READERS: ActionReaders = { payload: readPlain, meta: readLifecycleMeta, error: readPlain }

const eventEntry = (check: CaseEntry['check'], reduce: CaseEntry['reduce']): CaseEntry => ({ read: EVENT_READERS, check, reduce })
const controlEntry = (reduce: CaseEntry['reduce']): CaseEntry => ({ read: LIFECYCLE_READERS, check: noCheck, reduce })

/** The participant events share one check and one mechanism; `participantChanges` says what each means. */
function participantEntries(): Record<string, CaseEntry> {
  const entries: Record<string, CaseEntry> = {}
  for (const name of Object.keys(participantChanges) as Array<keyof typeof participantChanges>) {
    const reduce = participantEventReducer(participantChanges[name] as (payload: never) => ParticipantChange)
    entries[events[name].type] = eventEntry(participantEventProblem, reduce)
  }
  return entries
}

/**
 * The lifecycle actions of the control thunks (`src/controls/`). Their arguments sit in `meta.arg`,
 * read once by name (`readLifecycleMeta`), so the case reducers check that copy instead of a
 * payload. A hold, mute or remove changes nothing when the transport answers: the platform's
 * event confirms it.
 */
function controlEntries(): Record<string, CaseEntry> {
  const entries: Record<string, CaseEntry> = {}
  for (const command of Object.keys(TOGGLE_COMMANDS) as ToggleCommand[]) {
    entries[`${COMMAND_TYPE_PREFIX[command]}/pending`] = controlEntry(reduceToggleRequested(command))
  }
  entries[`${COMMAND_TYPE_PREFIX.remove}/pending`] = controlEntry(reduceRemoveRequested)
  entries[`${COMMAND_TYPE_PREFIX.add}/pending`] = controlEntry(reduceAddRequested)
  entries[`${COMMAND_TYPE_PREFIX.add}/fulfilled`] = controlEntry(reduceAddSent)
  for (const command of Object.keys(COMMAND_TYPE_PREFIX) as Array<keyof typeof COMMAND_TYPE_PREFIX>) {
    entries[`${COMMAND_TYPE_PREFIX[command]}/rejected`] = controlEntry(reduceControlRejected(command))
  }
  return entries
}

/** Every action type this library handles, to its check and case reducer. */
export const caseReducers: Readonly<Record<string, CaseEntry>> = {
  [events.conferenceStarted.type]: eventEntry(conferenceEventProblem, reduceConferenceStarted),
  [events.conferenceEnded.type]: eventEntry(conferenceDetailProblem, reduceConferenceEnded),
  ...participantEntries(),
  [events.announcementEnded.type]: eventEntry(conferenceDetailProblem, reduceAnnouncementEnded),
  [events.announcementFailed.type]: eventEntry(conferenceDetailProblem, reduceAnnouncementFailed),
  [events.conferenceSnapshotReceived.type]: eventEntry(snapshotProblem, reduceConferenceSnapshot),
  [events.currentWorkerIdentified.type]: eventEntry(currentWorkerProblem, reduceCurrentWorkerIdentified),
  [events.recentlyLeftExpired.type]: eventEntry(clockProblem, reduceRecentlyLeftExpired),
  [events.conferencesPruned.type]: eventEntry(clockProblem, reduceConferencesPruned),
  [events.eventRejected.type]: eventEntry(eventRejectedProblem, reduceEventRejected),
  [events.conferencesMerged.type]: { read: MERGE_READERS, check: noCheck, reduce: reduceConferencesMerged },
  ...controlEntries(),
  [events.controlConfirmationTimedOut.type]: eventEntry(controlTimedOutProblem, reduceControlConfirmationTimedOut),
}

/**
 * The same entries in a Map, for the lookups of every event: action types are built strings, and
 * looking one up among an object's keys first searches V8's table of internalized strings, while a
 * Map compares by the hash the string keeps (docs/architecture.md, "Performance").
 */
const caseEntries: ReadonlyMap<string, CaseEntry> = new Map(Object.entries(caseReducers))

/** A short, bounded description of a refused action, for the rejection log. */
function summarize(action: { type: string; payload?: unknown }): string {
  let text: string
  try {
    text = JSON.stringify(action.payload) ?? String(action.payload)
  } catch {
    text = '[unserializable payload]'
  }
  return `${action.type} ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`
}

/**
 * Applies one action through the writer: reads it once into plain data, checks that copy, then
 * runs its case reducer on it. Batches (`eventsReceived`) apply their events in order through the
 * same writer.
 */
export function reduceAction(writer: StateWriter, action: AnyAction): void {
  const type = action.type
  if (type === events.eventsReceived.type) {
    if (!Array.isArray(action.payload)) {
      reject(writer, action, { field: 'payload', reason: 'must be an array of conference events' })
      return
    }
    for (const event of action.payload as unknown[]) reduceBatchMember(writer, event)
    return
  }
  const entry = caseEntries.get(type)
  if (entry === undefined) return
  const copy = readAction(writer, entry.read, type, action)
  if (copy !== undefined) applyEntry(writer, entry, copy)
}

/**
 * The plain copy of `action` its check and case reducer see, or `undefined` when a part of it
 * throws while being read (a getter, a proxy) or is not plain data: that is recorded, naming the part.
 */
function readAction(writer: StateWriter, read: ActionReaders, type: string, action: AnyAction): AnyAction | undefined {
  let part = 'payload'
  try {
    const payload = read.payload(action.payload)
    part = 'meta'
    const copy: AnyAction = { type, payload, meta: read.meta(action.meta) }
    part = 'error'
    if (read.error !== undefined) copy.error = read.error(action.error)
    return copy
  } catch (error) {
    reject(writer, { type, payload: `[unreadable ${part}]` }, {
      field: part,
      reason: `could not be read as plain data (${describeThrown(error)})`,
    })
    return undefined
  }
}

/** Checks an action already read into plain data, then runs its case reducer on it. */
function applyEntry(writer: StateWriter, entry: CaseEntry, action: AnyAction): void {
  const problem = entry.check(action.payload)
  if (problem !== undefined) {
    reject(writer, action, problem)
    return
  }
  if (isForgotten(writer, action)) return
  entry.reduce(writer, action as never)
}

/** What a getter or proxy threw while being read, short. */
const describeThrown = (error: unknown): string =>
  error instanceof Error ? String(error.message).slice(0, 120) : 'a value was thrown'

/** The platform's events: what can be late news of a pruned conference. */
const CONFERENCE_EVENT_TYPES: ReadonlySet<string> = new Set([
  ...(Object.keys(participantChanges) as Array<keyof typeof participantChanges>).map((name) => events[name].type),
  events.conferenceStarted.type,
  events.conferenceEnded.type,
  events.announcementEnded.type,
  events.announcementFailed.type,
  events.conferenceSnapshotReceived.type,
])

/**
 * Whether an event is late news of a pruned conference: the conference is gone, and the event's
 * version is at or below its tombstone's clock (a retry, a duplicate, a stale snapshot).
 */
function isForgotten(writer: StateWriter, action: { type: string; payload?: unknown }): boolean {
  if (!CONFERENCE_EVENT_TYPES.has(action.type)) return false
  const payload = action.payload as { conferenceSid?: unknown; sequence?: number; asOf?: number }
  if (typeof payload.conferenceSid !== 'string' || writer.conference(payload.conferenceSid) !== undefined) return false
  const tombstone = writer.forgottenConference(payload.conferenceSid)
  if (tombstone === undefined) return false
  const version = action.type === events.conferenceSnapshotReceived.type ? (payload.asOf ?? 0) + 1 : eventVersion(payload.sequence, 0)
  return version <= tombstone.version
}

/**
 * One member of a batch, alone: it is read once into plain data first, so a member that throws
 * when read (a getter, a revoked proxy) or is not an event is rejected without the others. That
 * copy is already plain, so it goes straight to its check.
 */
function reduceBatchMember(writer: StateWriter, raw: unknown): void {
  let event: unknown
  try {
    event = readPlain(raw)
  } catch (error) {
    reject(writer, { type: events.eventsReceived.type, payload: '[unreadable member]' }, {
      field: 'payload[]',
      reason: `a batch member could not be read as plain data (${describeThrown(error)})`,
    })
    return
  }
  const type = (event as { type?: unknown } | null)?.type
  const entry = typeof type === 'string' ? caseEntries.get(type) : undefined
  if (entry === undefined) {
    reject(writer, { type: events.eventsReceived.type, payload: event }, {
      field: 'type',
      reason: `a batch member must be a conference event, got ${typeof type === 'string' ? `"${type.slice(0, 60)}"` : 'no type'}`,
    })
    return
  }
  applyEntry(writer, entry, event as AnyAction)
}

function reject(writer: StateWriter, action: AnyAction, problem: PayloadProblem): void {
  writer.recordRejection({
    source: 'reducer',
    reason: `${action.type}: \`${problem.field}\` ${problem.reason}`,
    field: problem.field,
    summary: summarize(action),
    receivedAt: receivedAtOf(action),
  })
}

/**
 * The case reducers, one entry per action: a newcomer finds where an event is handled by its name.
 * Each entry pairs the payload check with the reducer; a refused payload becomes a recorded
 * rejection and changes nothing else.
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

/** A case reducer over the writer, and the check its payload must pass first. */
interface CaseEntry {
  check: (payload: unknown) => PayloadProblem | undefined
  reduce: (writer: StateWriter, action: never) => void
}

const noCheck = () => undefined

/** The participant events share one check and one mechanism; `participantChanges` says what each means. */
function participantEntries(): Record<string, CaseEntry> {
  const entries: Record<string, CaseEntry> = {}
  for (const name of Object.keys(participantChanges) as Array<keyof typeof participantChanges>) {
    entries[events[name].type] = {
      check: participantEventProblem,
      reduce: participantEventReducer(participantChanges[name] as (payload: never) => ParticipantChange),
    }
  }
  return entries
}

/**
 * The lifecycle actions of the control thunks (`src/controls/`). Their arguments sit in `meta.arg`,
 * so the case reducers read them defensively instead of through a payload check. A hold, mute or
 * remove changes nothing when the transport answers: the platform's event confirms it.
 */
function controlEntries(): Record<string, CaseEntry> {
  const entries: Record<string, CaseEntry> = {}
  for (const command of Object.keys(TOGGLE_COMMANDS) as ToggleCommand[]) {
    entries[`${COMMAND_TYPE_PREFIX[command]}/pending`] = { check: noCheck, reduce: reduceToggleRequested(command) }
  }
  entries[`${COMMAND_TYPE_PREFIX.remove}/pending`] = { check: noCheck, reduce: reduceRemoveRequested }
  entries[`${COMMAND_TYPE_PREFIX.add}/pending`] = { check: noCheck, reduce: reduceAddRequested }
  entries[`${COMMAND_TYPE_PREFIX.add}/fulfilled`] = { check: noCheck, reduce: reduceAddSent }
  for (const command of Object.keys(COMMAND_TYPE_PREFIX) as Array<keyof typeof COMMAND_TYPE_PREFIX>) {
    entries[`${COMMAND_TYPE_PREFIX[command]}/rejected`] = { check: noCheck, reduce: reduceControlRejected(command) }
  }
  return entries
}

/** Every action type this library handles, to its check and case reducer. */
export const caseReducers: Readonly<Record<string, CaseEntry>> = {
  [events.conferenceStarted.type]: { check: conferenceEventProblem, reduce: reduceConferenceStarted },
  [events.conferenceEnded.type]: { check: conferenceDetailProblem, reduce: reduceConferenceEnded },
  ...participantEntries(),
  [events.announcementEnded.type]: { check: conferenceDetailProblem, reduce: reduceAnnouncementEnded },
  [events.announcementFailed.type]: { check: conferenceDetailProblem, reduce: reduceAnnouncementFailed },
  [events.conferenceSnapshotReceived.type]: { check: snapshotProblem, reduce: reduceConferenceSnapshot },
  [events.currentWorkerIdentified.type]: { check: currentWorkerProblem, reduce: reduceCurrentWorkerIdentified },
  [events.recentlyLeftExpired.type]: { check: clockProblem, reduce: reduceRecentlyLeftExpired },
  [events.conferencesPruned.type]: { check: clockProblem, reduce: reduceConferencesPruned },
  [events.eventRejected.type]: { check: eventRejectedProblem, reduce: reduceEventRejected },
  [events.conferencesMerged.type]: { check: noCheck, reduce: reduceConferencesMerged },
  ...controlEntries(),
  [events.controlConfirmationTimedOut.type]: { check: controlTimedOutProblem, reduce: reduceControlConfirmationTimedOut },
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
 * Applies one action through the writer: checks it, then runs its case reducer.
 * Batches (`eventsReceived`) apply their events in order through the same writer.
 */
export function reduceAction(writer: StateWriter, action: { type: string; payload?: unknown; meta?: unknown }): void {
  if (action.type === events.eventsReceived.type) {
    if (!Array.isArray(action.payload)) {
      reject(writer, action, { field: 'payload', reason: 'must be an array of conference events' })
      return
    }
    for (const event of action.payload as unknown[]) reduceBatchMember(writer, event)
    return
  }
  const entry = caseEntries.get(action.type)
  if (entry === undefined) return
  const problem = entry.check(action.payload)
  if (problem !== undefined) {
    reject(writer, action, problem)
    return
  }
  if (isForgotten(writer, action)) return
  entry.reduce(writer, action as never)
}

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
 * when read (a getter, a revoked proxy) or is not an event is rejected without the others.
 */
function reduceBatchMember(writer: StateWriter, raw: unknown): void {
  let event: unknown
  try {
    event = readPlain(raw)
  } catch (error) {
    const detail = error instanceof Error ? String(error.message).slice(0, 120) : 'a value was thrown'
    reject(writer, { type: events.eventsReceived.type, payload: '[unreadable member]' }, {
      field: 'payload[]',
      reason: `a batch member could not be read as plain data (${detail})`,
    })
    return
  }
  const type = (event as { type?: unknown } | null)?.type
  const isEvent = typeof type === 'string' && type !== events.eventsReceived.type && caseEntries.has(type)
  if (!isEvent) {
    reject(writer, { type: events.eventsReceived.type, payload: event }, {
      field: 'type',
      reason: `a batch member must be a conference event, got ${typeof type === 'string' ? `"${type.slice(0, 60)}"` : 'no type'}`,
    })
    return
  }
  reduceAction(writer, event as { type: string; payload?: unknown; meta?: unknown })
}

function reject(writer: StateWriter, action: { type: string; payload?: unknown; meta?: unknown }, problem: PayloadProblem): void {
  writer.recordRejection({
    source: 'reducer',
    reason: `${action.type}: \`${problem.field}\` ${problem.reason}`,
    field: problem.field,
    summary: summarize(action),
    receivedAt: receivedAtOf(action),
  })
}

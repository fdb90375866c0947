/**
 * Case reducers driven by time and by the app: window expiry, pruning, the current worker and the
 * rejection log.
 *
 * @module
 */
import type {
  ConferencesPrunedPayload,
  CurrentWorkerPayload,
  EventRejectedPayload,
  RecentlyLeftExpiredPayload,
} from '../events'
import { keyProblem } from '../validation/keys'
import type { ConferenceRecord } from '../model'
import { settingOf } from '../config'
import { expirePendingCommands } from './controls'
import { forEachConference } from '../table'
import type { StateWriter } from '../writer'
import { receivedAtOf } from './stamp'

/**
 * `recentlyLeftExpired`, the clock sweep: legs whose `recently_left` window ended by `now` become
 * `left`, and control commands still pending past their deadline are rolled back.
 */
export function reduceRecentlyLeftExpired(writer: StateWriter, action: { payload: RecentlyLeftExpiredPayload }): void {
  const { now, conferenceSid } = action.payload
  const { recentlyLeftMs } = writer.state.config
  const expire = (conference: ConferenceRecord) => {
    expirePendingCommands(writer, conference, now)
    for (const leg of writer.conference(conference.conferenceSid)?.participants ?? []) {
      if (leg.status !== 'recently_left' || (leg.leftAt ?? 0) + recentlyLeftMs > now) continue
      const editable = writer.editConference(conference.conferenceSid, () => conference)
      writer.editParticipant(editable, leg.callSid, () => leg).status = 'left'
    }
  }
  if (conferenceSid !== undefined) {
    const conference = writer.conference(conferenceSid)
    if (conference !== undefined) expire(conference)
  } else {
    forEachConference(writer.state.table, expire)
  }
}

/** The arrival time of the last change to a conference (states persisted before `touchedAt` existed included). */
function lastActivity(conference: ConferenceRecord): number {
  let last = Math.max(conference.touchedAt ?? 0, conference.changedAt, conference.closedAt ?? 0)
  for (const leg of conference.participants) last = Math.max(last, leg.changedAt, leg.addPending?.requestedAt ?? 0)
  return last
}

/**
 * `conferencesPruned`: closed or failed conferences older than `retainClosedMs` at `now`, and any
 * conference with no change for `retainIdleMs`, are dropped. Each leaves a tombstone (its SID and
 * clock), so a late or retried event at or below that clock does not bring it back.
 */
export function reduceConferencesPruned(writer: StateWriter, action: { payload: ConferencesPrunedPayload }): void {
  const { now } = action.payload
  const { config } = writer.state
  const retainClosedMs = settingOf(config, 'retainClosedMs')
  const retainIdleMs = settingOf(config, 'retainIdleMs')
  const expired = new Map<string, number>()
  forEachConference(writer.state.table, (conference) => {
    const over = conference.status === 'closed' || conference.status === 'failed'
    const closedLongAgo = over && (conference.closedAt ?? conference.changedAt) + retainClosedMs <= now
    if (closedLongAgo || lastActivity(conference) + retainIdleMs <= now) expired.set(conference.conferenceSid, conference.clock)
  })
  if (expired.size === 0) return
  writer.removeConferences(new Set(expired.keys()))
  const limit = settingOf(config, 'maxForgottenConferences')
  for (const [conferenceSid, version] of expired) writer.buryConference({ conferenceSid, version, at: now }, limit)
}

/** `currentWorkerIdentified`: the logged-in worker, or `null`. */
export function reduceCurrentWorkerIdentified(writer: StateWriter, action: { payload: CurrentWorkerPayload }): void {
  writer.setCurrentWorker(action.payload.workerSid)
}

/** `eventRejected`: appended to the bounded log (the writer bounds every string). */
export function reduceEventRejected(writer: StateWriter, action: { payload: EventRejectedPayload; meta?: unknown }): void {
  const { source, reason, field, summary } = action.payload
  writer.recordRejection({
    source,
    reason,
    ...(field === undefined ? {} : { field }),
    summary,
    receivedAt: receivedAtOf(action),
  })
}

/** Checks the payload of `eventRejected`: strings where strings are due (their length is bounded when kept). */
export function eventRejectedProblem(payload: unknown): { field: string; reason: string } | undefined {
  if (typeof payload !== 'object' || payload === null) return { field: 'payload', reason: 'must be an object' }
  const fields = payload as Record<string, unknown>
  for (const name of ['source', 'reason', 'summary'] as const) {
    if (typeof fields[name] !== 'string') return { field: name, reason: 'must be a string' }
  }
  if (fields.field !== undefined && typeof fields.field !== 'string') return { field: 'field', reason: 'must be a string' }
  return undefined
}

/** Checks the payload of `currentWorkerIdentified`. */
export function currentWorkerProblem(payload: unknown): { field: string; reason: string } | undefined {
  const workerSid = (payload as { workerSid?: unknown } | null)?.workerSid
  if (workerSid === null) return undefined
  const reason = keyProblem(workerSid)
  return reason === undefined ? undefined : { field: 'workerSid', reason }
}

/** Checks a payload that only carries a time and an optional conference. */
export function clockProblem(payload: unknown): { field: string; reason: string } | undefined {
  const fields = (payload ?? {}) as { now?: unknown; conferenceSid?: unknown }
  if (typeof fields.now !== 'number' || !Number.isFinite(fields.now)) {
    return { field: 'now', reason: 'must be epoch milliseconds' }
  }
  if (fields.conferenceSid !== undefined) {
    const reason = keyProblem(fields.conferenceSid)
    if (reason !== undefined) return { field: 'conferenceSid', reason }
  }
  return undefined
}

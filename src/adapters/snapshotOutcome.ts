/**
 * What every snapshot adapter shares: the `conferenceSnapshotReceived` action built from the legs
 * it read, checked by the reducer's own guard, with a refusal that names the input field the
 * offending leg came from (docs/architecture.md, "Adapters").
 *
 * @module
 */
import * as events from '../events'
import type { ConferenceStatus } from '../model'
import { versionProblem } from '../validation/payloadFields'
import { snapshotProblem } from '../validation/snapshotPayload'
import type { AdapterOutcome } from './rejection'

/** A refusal naming the field. */
export interface Refusal {
  reason: string
  field: string
}

/** One leg read from a source, and where in the input it was (`connections[2]`, `items[1].data`). */
export interface SnapshotLeg {
  path: string
  participant: events.SnapshotParticipant
}

/** The conference-level fields of a snapshot. */
export interface SnapshotFields {
  conferenceSid: string
  taskSid?: string | undefined
  requestedAt: number
  /** The conference's version clock when the request was sent (see {@link asOfOf}). */
  asOf?: number | undefined
  status?: ConferenceStatus | undefined
  /** Source time (epoch ms) the snapshot reflects, when the source says. */
  timestamp?: number | undefined
}

/** The snapshot of `legs`, from `source`, once the reducer's guard has accepted it. */
export function snapshotOutcome(
  source: string,
  fields: SnapshotFields,
  legs: readonly SnapshotLeg[],
  receivedAt: number | undefined,
): AdapterOutcome {
  const payload: events.ConferenceSnapshotPayload = {
    conferenceSid: fields.conferenceSid,
    requestedAt: fields.requestedAt,
    source,
    participants: legs.map((leg) => leg.participant),
  }
  if (fields.asOf !== undefined) payload.asOf = fields.asOf
  if (fields.taskSid !== undefined) payload.taskSid = fields.taskSid
  if (fields.status !== undefined) payload.status = fields.status
  if (fields.timestamp !== undefined) payload.timestamp = fields.timestamp
  const action = events.conferenceSnapshotReceived(payload, receivedAt)
  const problem = snapshotProblem(action.payload)
  if (problem === undefined) return { action }
  // The guard names the output (`participants[2].identity.workerSid`): point at the input leg instead.
  const leg = /^participants\[(\d+)\]/.exec(problem.field)
  const path = leg === null ? undefined : legs[Number(leg[1])]?.path
  const field = leg === null || path === undefined ? problem.field : `${path}${problem.field.slice(leg[0].length)}`
  return { reason: `\`${field}\` ${problem.reason}`, field }
}

/** When a pushed snapshot counts as requested: the caller's `requestedAt`, else its arrival. */
export function requestedAtOf(options: { requestedAt?: number | undefined; receivedAt?: number | undefined }): number | Refusal {
  const requestedAt = options.requestedAt ?? options.receivedAt ?? Date.now()
  return typeof requestedAt === 'number' && Number.isFinite(requestedAt)
    ? requestedAt
    : { reason: '`requestedAt` must be epoch milliseconds', field: 'requestedAt' }
}

/** The snapshot-ordering options every snapshot adapter takes. */
export interface AsOfOption {
  /**
   * The conference's version clock read just before the request was sent:
   * `selectConferenceClock(store.getState(), conferenceSid)`. The snapshot then overrides what
   * is older than the request and loses to every later event, whenever it arrives
   * (docs/architecture.md, "Snapshots"). Without it, the reducer derives it from `requestedAt`.
   */
  asOf?: number | undefined
}

/**
 * A snapshot adapter's `asOf` option, checked by the reducer's own rule (an integer from 0 to
 * `MAX_VERSION`): the value (`undefined` when not given), or a refusal naming `asOf`.
 */
export function asOfOf(options: AsOfOption): { asOf: number | undefined } | Refusal {
  const asOf: unknown = options.asOf
  const problem = versionProblem('asOf', asOf)
  if (problem !== undefined) return { reason: `\`asOf\` ${problem.reason}`, field: 'asOf' }
  return { asOf: asOf as number | undefined }
}

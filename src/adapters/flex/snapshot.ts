/**
 * What the two Flex snapshot adapters share: reading their arguments, and building the
 * `conferenceSnapshotReceived` action checked by the reducer's own guard, with a refusal that
 * names the input field the offending leg came from.
 *
 * @module
 */
import * as v from 'valibot'
import * as events from '../../events'
import type { ConferenceStatus } from '../../model'
import { snapshotProblem } from '../../reducers/guard'
import type { AdapterOutcome } from '../rejection'
import { twilioSid } from '../wireSchemas'

/** A refusal naming the field. */
export interface Refusal {
  reason: string
  field: string
}

/** One leg read from a Flex source, and where in the input it was. */
export interface FlexLeg {
  /** The input path of the leg, e.g. `items[2].data` or `participants[1]`. */
  path: string
  participant: events.SnapshotParticipant
}

/** The conference-level fields of a Flex snapshot. */
export interface FlexSnapshotFields {
  conferenceSid: string
  taskSid?: string | undefined
  requestedAt: number
  status?: ConferenceStatus | undefined
}

/** Reads a SID argument (`conferenceSid`, `taskSid`), or refuses it naming `field`. */
export function readSidArgument(prefix: string, value: unknown, field: string): { sid: string } | Refusal {
  const parsed = v.safeParse(twilioSid(prefix), value)
  return parsed.success ? { sid: parsed.output } : { reason: `\`${field}\` ${parsed.issues[0].message}`, field }
}

/** Refuses a `requestedAt` that is not epoch milliseconds. */
export function requestedAtRefusal(requestedAt: unknown): Refusal | undefined {
  return typeof requestedAt === 'number' && Number.isFinite(requestedAt)
    ? undefined
    : { reason: '`requestedAt` must be epoch milliseconds', field: 'requestedAt' }
}

/** The snapshot of `legs`, from `source`, once the reducer's guard has accepted it. */
export function flexSnapshot(
  source: string,
  fields: FlexSnapshotFields,
  legs: readonly FlexLeg[],
  receivedAt: number | undefined,
): AdapterOutcome {
  const payload: events.ConferenceSnapshotPayload = {
    conferenceSid: fields.conferenceSid,
    requestedAt: fields.requestedAt,
    source,
    participants: legs.map((leg) => leg.participant),
  }
  if (fields.taskSid !== undefined) payload.taskSid = fields.taskSid
  if (fields.status !== undefined) payload.status = fields.status
  const action = events.conferenceSnapshotReceived(payload, receivedAt)
  const problem = snapshotProblem(action.payload)
  if (problem === undefined) return { action }
  // The guard names the output (`participants[2].identity.workerSid`): point at the input leg instead.
  const leg = /^participants\[(\d+)\]/.exec(problem.field)
  const path = leg === null ? undefined : legs[Number(leg[1])]?.path
  const field = leg === null || path === undefined ? problem.field : `${path}${problem.field.slice(leg[0].length)}`
  return { reason: `\`${field}\` ${problem.reason}`, field }
}

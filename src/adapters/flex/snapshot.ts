/**
 * What the two Flex snapshot adapters share: reading their arguments, and building the
 * `conferenceSnapshotReceived` action checked by the reducer's own guard, with a refusal that
 * names the input field the offending leg came from.
 *
 * @module
 */
import * as v from 'valibot'
import type { ConferenceStatus } from '../../model'
import { snapshotOutcome, type Refusal, type SnapshotLeg } from '../snapshotOutcome'
export { asOfOf, type AsOfOption } from '../snapshotOutcome'
import type { AdapterOutcome } from '../rejection'
import { twilioSid } from '../wireSchemas'

export type { Refusal } from '../snapshotOutcome'

/** One leg read from a Flex source, and where in the input it was (`items[2].data`, `participants[1]`). */
export type FlexLeg = SnapshotLeg

/** The conference-level fields of a Flex snapshot. */
export interface FlexSnapshotFields {
  conferenceSid: string
  taskSid?: string | undefined
  requestedAt: number
  asOf?: number | undefined
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
export const flexSnapshot: (
  source: string,
  fields: FlexSnapshotFields,
  legs: readonly FlexLeg[],
  receivedAt: number | undefined,
) => AdapterOutcome = snapshotOutcome

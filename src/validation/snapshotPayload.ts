/**
 * The payload check of a conference snapshot: the shared fields, its time, and every leg it lists.
 *
 * @module
 */
import { conferenceEventProblem } from './eventPayloads'
import { describeType } from './keys'
import { flagsField, identityField } from './legFields'
import { keyField, textField, timeField, versionField } from './payloadFields'
import { isPlainObject } from './plainObject'
import { problem, type PayloadProblem } from './problem'

/** Most legs a snapshot may list: more is not a conference, it is junk. */
export const MAX_SNAPSHOT_PARTICIPANTS = 250

/** Checks a snapshot: the shared fields, its time, and every leg it lists. */
export function snapshotProblem(payload: unknown): PayloadProblem | undefined {
  const shared = conferenceEventProblem(payload)
  if (shared !== undefined) return shared
  const fields = payload as Record<string, unknown>
  const first = timeField(fields, 'requestedAt', true) ?? versionField(fields, 'asOf') ?? textField(fields, 'source')
  if (first !== undefined) return first
  const participants = fields.participants
  if (!Array.isArray(participants)) return problem('participants', `must be an array, got ${describeType(participants)}`)
  if (participants.length > MAX_SNAPSHOT_PARTICIPANTS) {
    return problem('participants', `must list at most ${MAX_SNAPSHOT_PARTICIPANTS} legs`)
  }
  // A leg listed twice says two things at once: which one the store would keep is not a choice to make silently.
  const firstAt = new Map<unknown, number>()
  for (const [index, leg] of participants.entries()) {
    const path = `participants[${index}]`
    if (!isPlainObject(leg)) return problem(path, `must be an object, got ${describeType(leg)}`)
    const status = leg.status
    const found =
      keyField(leg, 'callSid', true) ??
      (status === 'joined' || status === 'left' || status === 'recently_left' || status === 'connecting'
        ? undefined
        : problem('status', 'must be joined, connecting, recently_left or left')) ??
      flagsField(leg.flags, 'flags') ??
      identityField(leg.identity, 'identity')
    if (found !== undefined) return { field: `${path}.${found.field}`, reason: found.reason }
    const first = firstAt.get(leg.callSid)
    if (first !== undefined) return problem(`${path}.callSid`, `is listed twice (first at index ${first})`)
    firstAt.set(leg.callSid, index)
  }
  return undefined
}

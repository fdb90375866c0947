/**
 * The two rules a conference keeps for its legs (docs/architecture.md, "Ordering" and
 * "Snapshots"): its end and its latest snapshot's omissions. Both apply to every leg whose latest
 * presence report is below them, whenever that leg's events arrive, so a leg ends up the same in
 * every delivery order.
 *
 * A leg's latest presence report is the version of its `connecting` register: every report of
 * presence (a join, a leave, a snapshot listing the leg) writes `connecting` with it, and nothing
 * else does. The status register can be higher, because a rule raised it; comparing the rules
 * with the report rather than with the status keeps one rule from hiding the other.
 *
 * Whether a departed leg is `left` at once or `recently_left` is decided by what the set of
 * events says, not by which of them arrived first: its latest presence report when that is a
 * departure already past the window, or an end that covers it and is itself past the window.
 *
 * @module
 */
import type { ConferenceRecord, ParticipantRecord } from '../model'
import { isStaleDeparture } from '../ordering'
import type { StateWriter } from '../writer'
import { forgetDeparted } from './forgetting'
import { isPlaceholder } from './participantChange'
import { depart } from './registerWrites'

/** The leave reason given to known legs a snapshot no longer lists. */
export const ABSENT_FROM_SNAPSHOT = 'absent_from_snapshot'

/** The version of a leg's latest presence report (a join, a leave, a snapshot's listing); 0 before any. */
export function reportedPresence(leg: ParticipantRecord): number {
  return leg.versions.connecting
}

/**
 * Whether the conference's latest snapshot omits `leg`: the leg is not listed and its latest
 * presence report is below the snapshot's version. The leave reason is not written: the views
 * show `absent_from_snapshot` for a departed leg whose status is the snapshot's and that reported
 * no reason of its own, so the record stays independent of arrival order.
 */
export function isOmitted(leg: ParticipantRecord, conference: ConferenceRecord): boolean {
  const omission = conference.snapshotOmission
  const reported = reportedPresence(leg)
  // A leg whose presence no event has reported yet (only flags, or Flex's mirror of a join that
  // has not arrived) is not ended: its join or leave will say, in whichever order they arrive.
  return (
    omission !== undefined &&
    reported > 0 &&
    reported < omission.version &&
    !isPlaceholder(leg) &&
    !omission.listed.includes(leg.callSid)
  )
}

/**
 * Whether the conference's end covers `leg`: its latest presence report is below the end, or is
 * the latest snapshot's listing at or above it (a snapshot taken after the end cannot reopen the
 * conference, whether the end arrives before or after it).
 */
function endCovers(leg: ParticipantRecord, conference: ConferenceRecord, endVersion: number): boolean {
  const reported = reportedPresence(leg)
  if (reported < endVersion) return true
  const omission = conference.snapshotOmission
  return omission !== undefined && reported === omission.version && omission.listed.includes(leg.callSid)
}

/**
 * Applies the end and the latest snapshot to `leg` (a writable copy when `take` is set): the
 * status register rises to the highest rule below which its report lies, a live leg departs, and
 * a departure becomes `left` when an end past the window covers it. Whether anything changes.
 */
function offerRules(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number, take: boolean): boolean {
  const { endVersion, snapshotOmission } = conference
  if (endVersion === undefined && snapshotOmission === undefined) return false
  if (isPlaceholder(leg)) return false
  const ended = endVersion !== undefined && endCovers(leg, conference, endVersion)
  const omitted = snapshotOmission !== undefined && isOmitted(leg, conference)
  if (!ended && !omitted) return false

  let version = leg.versions.status
  if (ended && reportedPresence(leg) < endVersion) version = Math.max(version, endVersion)
  if (omitted) version = Math.max(version, snapshotOmission.version)
  const closedAt = conference.closedAt ?? leg.changedAt
  const stale = ended && isStaleDeparture(conference.endedAt, closedAt, recentlyLeftMs)
  const staler = stale && leg.status === 'recently_left'
  if (version === leg.versions.status && leg.status !== 'joined' && !staler) return false
  if (!take) return true

  if (version !== leg.versions.status) leg.versions = { ...leg.versions, status: version }
  if (leg.status === 'joined') depart(leg, ended ? closedAt : (snapshotOmission?.at ?? closedAt), stale)
  else if (staler) leg.status = 'left'
  return true
}

/** Whether the conference's end or latest snapshot would change `leg`. */
export function rulesWouldChange(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): boolean {
  return offerRules(leg, conference, recentlyLeftMs, false)
}

/** Applies the conference's end and latest snapshot to `leg`, a writable copy. */
export function applyConferenceRules(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): void {
  offerRules(leg, conference, recentlyLeftMs, true)
}

/**
 * Applies the end and the latest snapshot to every leg of a conference being edited (after an
 * end, a snapshot or a merge changed them), then forgets the departed legs past the cap.
 */
export function settleLegs(writer: StateWriter, conference: ConferenceRecord): void {
  const { recentlyLeftMs } = writer.state.config
  for (const leg of [...conference.participants]) {
    if (!rulesWouldChange(leg, conference, recentlyLeftMs)) continue
    applyConferenceRules(writer.editParticipant(conference, leg.callSid, () => leg), conference, recentlyLeftMs)
  }
  forgetDeparted(writer, conference)
}

/** Whether some leg of `conference` has something of its end or latest snapshot still to take. */
export function needsSettling(conference: ConferenceRecord, recentlyLeftMs: number): boolean {
  return conference.participants.some((leg) => rulesWouldChange(leg, conference, recentlyLeftMs))
}

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
 * departure already past the window, or the conference's end when that is past the window.
 *
 * @module
 */
import type { ConferenceRecord, ParticipantRecord, ParticipantStatus } from '../model'
import { isStaleDeparture } from '../ordering'
import type { StateWriter } from '../writer'
import { forgetDeparted } from './forgetting'
import { isPlaceholder, type EventStamp } from './participantChange'
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

/** Whether the conference's end is already past the window: the legs it ends are `left` at once. */
function endIsStale(conference: ConferenceRecord, fallbackAt: number, recentlyLeftMs: number): boolean {
  return isStaleDeparture(conference.endedAt, conference.closedAt ?? fallbackAt, recentlyLeftMs)
}

/**
 * What a join reported at `version` says in a conference that ended at or below it: the leg
 * departs as the end departs it, so a join that arrives after the end writes what the end would
 * have made of it. `undefined` when the join stands.
 */
export function joinAfterEnd(
  conference: ConferenceRecord | undefined,
  version: number,
  receivedAt: number,
  recentlyLeftMs: number,
): ParticipantStatus | undefined {
  const endVersion = conference?.endVersion
  if (conference === undefined || endVersion === undefined || version < endVersion) return undefined
  return endIsStale(conference, receivedAt, recentlyLeftMs) ? 'left' : 'recently_left'
}

/**
 * Whether a presence report at `stamp` arrived once the window of the rule it lies below was over:
 * the end's (from the end's arrival, `closedAt`) or else the latest snapshot's omission (from its
 * arrival). The departure that rule made is then past the window, as the clock sweep at that
 * arrival would find it, so the sweep and the late report give the same leg in either order.
 */
export function ruleWindowOver(conference: ConferenceRecord, stamp: EventStamp, recentlyLeftMs: number): boolean {
  const { endVersion, closedAt, snapshotOmission } = conference
  const at =
    endVersion !== undefined && stamp.version < endVersion
      ? closedAt
      : snapshotOmission !== undefined && stamp.version < snapshotOmission.version
        ? snapshotOmission.at
        : undefined
  return at !== undefined && at + recentlyLeftMs <= stamp.receivedAt
}

/** What the rules make of a leg: its status register's version, its status, and when it left if it departs now. */
interface RuledLeg {
  version: number
  status: ParticipantStatus
  leftAt: number
}

/**
 * What the conference's end and latest snapshot make of `leg`, or `undefined` when neither covers
 * it. The status register rises to the highest rule its latest report lies below. The end covers
 * every leg of the conference: a live leg departs (a closed conference keeps none, whatever the
 * order: a join reported at or above the end, such as a snapshot taken after it that still lists
 * the leg, departs as the end would), and when the end is past the window every leg is `left`,
 * one that left by its own report above the end too. The record does not say whether a departed
 * leg above the end left by its own report or was departed by an older end, so a newer end past
 * the window judges them alike, and the leg is the same whichever end came first.
 */
function ruled(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): RuledLeg | undefined {
  const { endVersion, snapshotOmission } = conference
  if ((endVersion === undefined && snapshotOmission === undefined) || isPlaceholder(leg)) return undefined
  const reported = reportedPresence(leg)
  let version = leg.versions.status
  const omitted = snapshotOmission !== undefined && isOmitted(leg, conference)
  if (omitted) version = Math.max(version, snapshotOmission.version)
  const ended = endVersion !== undefined
  if (!ended && !omitted) return undefined
  if (ended && reported < endVersion) version = Math.max(version, endVersion)
  const closedAt = conference.closedAt ?? leg.changedAt
  const stale = ended && endIsStale(conference, closedAt, recentlyLeftMs)
  const status = stale ? 'left' : leg.status === 'joined' ? 'recently_left' : leg.status
  return { version, status, leftAt: ended ? closedAt : (snapshotOmission?.at ?? closedAt) }
}

/**
 * The status `leg` has once the conference's end and latest snapshot apply to it: a merge ranks
 * two legs by it, so a live leg those rules end counts as departed.
 */
export function statusUnderRules(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): ParticipantStatus {
  return ruled(leg, conference, recentlyLeftMs)?.status ?? leg.status
}

/** Whether the conference's end or latest snapshot would change `leg`. */
export function rulesWouldChange(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): boolean {
  const outcome = ruled(leg, conference, recentlyLeftMs)
  return outcome !== undefined && (outcome.version !== leg.versions.status || outcome.status !== leg.status)
}

/** Applies the conference's end and latest snapshot to `leg`, a writable copy. */
export function applyConferenceRules(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): void {
  const outcome = ruled(leg, conference, recentlyLeftMs)
  if (outcome === undefined) return
  if (outcome.version !== leg.versions.status) leg.versions = { ...leg.versions, status: outcome.version }
  if (leg.status === 'joined') depart(leg, outcome.leftAt, outcome.status === 'left')
  else leg.status = outcome.status
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

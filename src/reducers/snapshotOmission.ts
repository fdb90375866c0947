/**
 * What a snapshot says about the legs it does not list: they had left by the time it was read.
 * Like a conference end, the rule is kept on the conference and applies to every leg whose status
 * was last written below the snapshot's version, including legs whose events arrive later.
 *
 * @module
 */
import type { ConferenceRecord, ParticipantRecord } from '../model'
import { isPlaceholder } from './participantChange'
import { depart } from './registerWrites'

/** The leave reason given to known legs a snapshot no longer lists. */
export const ABSENT_FROM_SNAPSHOT = 'absent_from_snapshot'

/**
 * Whether the conference's latest snapshot ends `leg`: the leg is not listed and its status was
 * last written below the snapshot's version. The leave reason is not written: the views show
 * `absent_from_snapshot` for a departed leg whose status is the snapshot's and that reported no
 * reason of its own, so the record stays independent of arrival order.
 */
export function isOmitted(leg: ParticipantRecord, conference: ConferenceRecord): boolean {
  const omission = conference.snapshotOmission
  // A leg whose presence no event has reported yet (only flags, or Flex's mirror of a join that
  // has not arrived) is not ended: its join or leave will say, in whichever order they arrive.
  return (
    omission !== undefined &&
    leg.versions.status > 0 &&
    leg.versions.status < omission.version &&
    !isPlaceholder(leg) &&
    !omission.listed.includes(leg.callSid)
  )
}

/** Ends a leg the latest snapshot omitted (a writable copy). */
export function applySnapshotOmission(leg: ParticipantRecord, conference: ConferenceRecord): void {
  const omission = conference.snapshotOmission
  if (omission === undefined || !isOmitted(leg, conference)) return
  leg.versions = { ...leg.versions, status: omission.version }
  if (leg.status === 'joined') depart(leg, omission.at, false)
}

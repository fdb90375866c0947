/**
 * What a snapshot says about the legs it does not list: they had left by the time it was read.
 * Like a conference end, the rule is kept on the conference and applies to every leg whose status
 * was last written below the snapshot's version, including legs whose events arrive later.
 *
 * @module
 */
import type { ConferenceRecord, ParticipantRecord } from '../model'
import { winsRegister } from '../registers'
import { depart, isPlaceholder, registerValue } from './participantChange'

/** The leave reason given to known legs a snapshot no longer lists. */
export const ABSENT_FROM_SNAPSHOT = 'absent_from_snapshot'

/** Whether the conference's latest snapshot omitted `leg` while its status was older than the snapshot. */
export function isOmitted(leg: ParticipantRecord, conference: ConferenceRecord): boolean {
  const omission = conference.snapshotOmission
  return (
    omission !== undefined &&
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
  const reason = { reason: ABSENT_FROM_SNAPSHOT, callStatus: undefined }
  if (winsRegister(omission.version, reason, leg.versions.departure, registerValue(leg, 'departure'))) {
    leg.versions = { ...leg.versions, departure: omission.version }
    leg.leftReason = ABSENT_FROM_SNAPSHOT
    delete leg.callStatus
  }
}

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

const ABSENT = { reason: ABSENT_FROM_SNAPSHOT, callStatus: undefined }

/**
 * Whether the conference's latest snapshot has something to write on `leg`: the leg is not listed,
 * and its status is older than the snapshot, or its leave reason is. The reason is written on
 * every leg the snapshot did not list, whatever its status, like an event would: so the result
 * does not depend on whether the leg's own events arrived before or after the snapshot (the
 * views show a leave reason only on departed legs).
 */
export function isOmitted(leg: ParticipantRecord, conference: ConferenceRecord): boolean {
  const omission = conference.snapshotOmission
  if (omission === undefined || isPlaceholder(leg) || omission.listed.includes(leg.callSid)) return false
  return (
    leg.versions.status < omission.version ||
    winsRegister(omission.version, ABSENT, leg.versions.departure, registerValue(leg, 'departure'))
  )
}

/** Applies the latest snapshot's omission to a leg (a writable copy). */
export function applySnapshotOmission(leg: ParticipantRecord, conference: ConferenceRecord): void {
  const omission = conference.snapshotOmission
  if (omission === undefined || !isOmitted(leg, conference)) return
  if (leg.versions.status < omission.version) {
    leg.versions = { ...leg.versions, status: omission.version }
    if (leg.status === 'joined') depart(leg, omission.at, false)
  }
  if (winsRegister(omission.version, ABSENT, leg.versions.departure, registerValue(leg, 'departure'))) {
    leg.versions = { ...leg.versions, departure: omission.version }
    leg.leftReason = ABSENT_FROM_SNAPSHOT
    delete leg.callStatus
  }
}

/**
 * Reconciling a snapshot (DESIGN section 4): it is the truth at the time it was requested.
 * Listed legs take its flags; known legs it omits have left; and nothing that arrived after the
 * request was made is undone, because the snapshot cannot have seen it.
 *
 * @module
 */
import type { ConferenceSnapshotPayload, SnapshotParticipant } from '../events'
import { findParticipant } from '../table'
import type { StateWriter } from '../writer'
import { closeConference } from './conferenceEvents'
import { editConference, noteConferenceDetails } from './conferenceRecord'
import { applyParticipantChange, isPlaceholder, type ParticipantChange } from './participantChange'
import { stampOf } from './stamp'

/** The leave reason given to known legs a snapshot no longer lists. */
export const ABSENT_FROM_SNAPSHOT = 'absent_from_snapshot'

/** What a listed leg says; in a snapshot of a closed conference, nobody is still in it. */
function changeOfListed(leg: SnapshotParticipant, closing: boolean): ParticipantChange {
  const gone = closing || leg.status === 'left' || leg.status === 'recently_left'
  return {
    presence: gone ? 'departed' : 'joined',
    connecting: leg.status === 'connecting',
    flags: leg.flags,
    identity: leg.identity,
  }
}

/** `conferenceSnapshotReceived`. */
export function reduceConferenceSnapshot(
  writer: StateWriter,
  action: { payload: ConferenceSnapshotPayload; meta?: unknown },
): void {
  const { payload } = action
  const { conferenceSid, requestedAt } = payload
  const stamp = { ...stampOf(writer, payload, action), timestamp: undefined }
  const seenSince = (changedAt: number) => changedAt > requestedAt
  const before = writer.conference(conferenceSid)
  const closing =
    (payload.status === 'closed' || payload.status === 'failed') && (before === undefined || !seenSince(before.changedAt))

  const listed = new Set<string>()
  for (const leg of payload.participants) {
    listed.add(leg.callSid)
    const current = findParticipant(writer.conference(conferenceSid), leg.callSid)
    if (current !== undefined && seenSince(current.changedAt)) continue
    applyParticipantChange(writer, conferenceSid, leg.callSid, changeOfListed(leg, closing), stamp)
  }

  const known = writer.conference(conferenceSid)
  for (const leg of known?.participants ?? []) {
    if (listed.has(leg.callSid) || leg.status !== 'joined' || seenSince(leg.changedAt) || isPlaceholder(leg)) continue
    applyParticipantChange(
      writer,
      conferenceSid,
      leg.callSid,
      { presence: 'departed', connecting: false, departure: { reason: ABSENT_FROM_SNAPSHOT } },
      stamp,
    )
  }

  const conference = writer.conference(conferenceSid)
  const status = payload.status
  if (status !== undefined && (conference === undefined || !seenSince(conference.changedAt))) {
    if (status === 'closed' || status === 'failed') {
      if (conference?.status !== status) closeConference(writer, payload, stamp, status)
    } else if (conference?.status !== status) {
      const editable = editConference(writer, conferenceSid, stamp)
      editable.status = status
      editable.statusVersion = stamp.version
    }
  }
  if (writer.conference(conferenceSid) === undefined) editConference(writer, conferenceSid, stamp)
  noteConferenceDetails(writer, payload, stamp)
}

/**
 * Reconciling a snapshot (docs/architecture.md, "Snapshots"): it is the truth as of the clock the
 * client had when it sent the request (`asOf`).
 *
 * Every register it reports is written at `asOf + 1`: it fills gaps and overrides what is older
 * than the request, and every event with a higher sequence still wins, whenever it arrives. Legs
 * it does not list have left, unless their presence was reported above `asOf`; that rule is kept
 * on the conference, so it also ends legs whose older events arrive after the snapshot
 * (`conferenceRules.ts`). It never reopens a closed conference.
 *
 * A snapshot that gives only `requestedAt` gets `asOf` from the conference's clock log (the clock
 * as it stood then). Only when the log no longer reaches back so far does the older rule apply:
 * nothing that arrived after `requestedAt` is undone.
 *
 * @module
 */
import type { ConferenceSnapshotPayload, SnapshotParticipant } from '../events'
import type { ConferenceRecord } from '../model'
import { winsRegister } from '../registers'
import { findParticipant } from '../table'
import type { StateWriter } from '../writer'
import { clockAt } from './clockLog'
import { closeConference, writeStatus } from './conferenceEvents'
import { noteConferenceDetails, stampConference } from './conferenceRecord'
import { applyParticipantChange, isPlaceholder, type EventStamp, type ParticipantChange } from './participantChange'
import { ABSENT_FROM_SNAPSHOT, settleLegs } from './conferenceRules'
import { stampOf } from './stamp'

export { ABSENT_FROM_SNAPSHOT }

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

const isClosing = (status: ConferenceSnapshotPayload['status']) => status === 'closed' || status === 'failed'
const isOver = (conference: ConferenceRecord | undefined) =>
  conference?.endVersion !== undefined || conference?.status === 'closed' || conference?.status === 'failed'

/** `conferenceSnapshotReceived`. */
export function reduceConferenceSnapshot(
  writer: StateWriter,
  action: { payload: ConferenceSnapshotPayload; meta?: unknown },
): void {
  const { payload } = action
  const known = writer.conference(payload.conferenceSid)
  const asOf = payload.asOf ?? (known === undefined ? 0 : clockAt(known.clockLog, payload.requestedAt))
  if (asOf === undefined) reduceByArrival(writer, action)
  else reduceAsOf(writer, action, asOf)
}

/** The versioned rule: every register the snapshot reports is written at `asOf + 1`. */
function reduceAsOf(writer: StateWriter, action: { payload: ConferenceSnapshotPayload; meta?: unknown }, asOf: number): void {
  const { payload } = action
  const { conferenceSid } = payload
  const stamp: EventStamp = { ...stampOf(writer, payload, action), version: asOf + 1, timestamp: undefined }
  // Legs are written as listed: in a conference with an end, the end departs them whether it
  // arrives before or after the snapshot (see conferenceRules.ts).
  const closing = isClosing(payload.status)

  for (const leg of payload.participants) {
    applyParticipantChange(writer, conferenceSid, leg.callSid, changeOfListed(leg, closing), stamp)
  }

  const listed = payload.participants.map((leg) => leg.callSid).sort()
  const current = writer.conference(conferenceSid)?.snapshotOmission
  if (winsRegister(stamp.version, listed, current?.version ?? 0, current?.listed)) {
    const conference = stampConference(writer, conferenceSid, stamp)
    conference.snapshotOmission = { version: stamp.version, listed, at: stamp.receivedAt }
    settleLegs(writer, conference)
  }

  const status = payload.status
  if (isClosing(status)) {
    closeConference(writer, payload, stamp, status as 'closed' | 'failed')
  } else if (status !== undefined) {
    writeStatus(writer, conferenceSid, status, stamp)
  }
  if (writer.conference(conferenceSid) === undefined) stampConference(writer, conferenceSid, stamp)
  noteConferenceDetails(writer, payload, stamp)
}

/**
 * The rule by arrival time, for a snapshot older than the clock log: listed legs take its word
 * unless they changed after `requestedAt`; omitted legs that did not change since have left.
 */
function reduceByArrival(writer: StateWriter, action: { payload: ConferenceSnapshotPayload; meta?: unknown }): void {
  const { payload } = action
  const { conferenceSid, requestedAt } = payload
  const stamp = { ...stampOf(writer, payload, action), timestamp: undefined }
  const seenSince = (changedAt: number) => changedAt > requestedAt
  const before = writer.conference(conferenceSid)
  const over = isOver(before)
  const closing = over || (isClosing(payload.status) && (before === undefined || !seenSince(before.changedAt)))

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
    if (isClosing(status)) {
      if (conference?.status !== status) closeConference(writer, payload, stamp, status as 'closed' | 'failed')
    } else if (conference?.status !== status && !over) {
      const editable = stampConference(writer, conferenceSid, stamp)
      editable.status = status
      editable.statusVersion = stamp.version
    }
  }
  if (writer.conference(conferenceSid) === undefined) stampConference(writer, conferenceSid, stamp)
  noteConferenceDetails(writer, payload, stamp)
}

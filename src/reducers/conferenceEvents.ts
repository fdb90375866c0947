/**
 * Case reducers for the conference's own events: start, end, announcements.
 *
 * @module
 */
import type { AnnouncementPayload, ConferenceEndedPayload, ConferenceEventBase } from '../events'
import type { ConferenceRecord, ConferenceStatus } from '../model'
import { isNewer } from '../ordering'
import type { StateWriter } from '../writer'
import { noteConferenceDetails, stampConference } from './conferenceRecord'
import { settleLegs } from './conferenceRules'
import type { EventStamp } from './participantChange'
import { stampOf } from './stamp'

type EventAction<P> = { payload: P; meta?: unknown }

/** Writes the conference's status register; returns the writable conference when it took the write. */
function writeStatus(
  writer: StateWriter,
  conferenceSid: string,
  status: ConferenceStatus,
  stamp: EventStamp,
): ConferenceRecord | undefined {
  const known = writer.conference(conferenceSid)
  if (known !== undefined && !isNewer(stamp.version, known.statusVersion)) return undefined
  const conference = stampConference(writer, conferenceSid, stamp)
  conference.status = status
  conference.statusVersion = stamp.version
  conference.changedAt = Math.max(conference.changedAt, stamp.receivedAt)
  return conference
}

/**
 * `conferenceStarted`: `active`, unless a newer status (an end) was already written. The start
 * time is kept either way (the earliest seen), so it does not depend on arrival order.
 */
export function reduceConferenceStarted(writer: StateWriter, action: EventAction<ConferenceEventBase>): void {
  const { payload } = action
  const stamp = stampOf(writer, payload, action)
  writeStatus(writer, payload.conferenceSid, 'active', stamp)
  const startedAt = writer.conference(payload.conferenceSid)?.startedAt
  if (stamp.timestamp !== undefined && (startedAt === undefined || stamp.timestamp < startedAt)) {
    stampConference(writer, payload.conferenceSid, stamp).startedAt = stamp.timestamp
  }
  noteConferenceDetails(writer, payload, stamp)
}

/**
 * `conferenceEnded`: `closed`, and every leg whose presence was last reported below the end
 * leaves, now or when its late events arrive.
 */
export function reduceConferenceEnded(writer: StateWriter, action: EventAction<ConferenceEndedPayload>): void {
  const { payload } = action
  const stamp = stampOf(writer, payload, action)
  const known = writer.conference(payload.conferenceSid)
  if (known?.endVersion === undefined || isNewer(stamp.version, known.endVersion)) {
    closeConference(writer, payload, stamp, 'closed')
  }
  noteConferenceDetails(writer, payload, stamp)
}

/** Closes a conference at `stamp` and ends its legs. Shared with snapshots that report an end. */
export function closeConference(
  writer: StateWriter,
  payload: ConferenceEndedPayload,
  stamp: EventStamp,
  status: 'closed' | 'failed',
): void {
  const conference = stampConference(writer, payload.conferenceSid, stamp)
  if (isNewer(stamp.version, conference.statusVersion)) {
    conference.status = status
    conference.statusVersion = stamp.version
  }
  conference.endVersion = stamp.version
  conference.closedAt ??= stamp.receivedAt
  conference.changedAt = Math.max(conference.changedAt, stamp.receivedAt)
  // The end is one register: the newest end's fields replace the older one's, none kept from it,
  // as a merge takes them, so two ends give the same record in either order.
  setEndField(conference, 'endedAt', stamp.timestamp)
  setEndField(conference, 'endReason', payload.reasonEnded)
  setEndField(conference, 'endReasonText', payload.reason)
  setEndField(conference, 'callSidEndingConference', payload.callSidEndingConference)
  setEndField(conference, 'participantLabelEndingConference', payload.participantLabelEndingConference)
  settleLegs(writer, conference)
}

type EndField = 'endedAt' | 'endReason' | 'endReasonText' | 'callSidEndingConference' | 'participantLabelEndingConference'

/** Sets one field of the end, or removes it (absent, not `undefined`, as a JSON round trip keeps it). */
function setEndField<K extends EndField>(conference: ConferenceRecord, name: K, value: ConferenceRecord[K] | undefined): void {
  if (value === undefined) Reflect.deleteProperty(conference, name)
  else conference[name] = value
}

function announcementReducer(outcome: 'ended' | 'failed') {
  return (writer: StateWriter, action: EventAction<AnnouncementPayload>): void => {
    const { payload } = action
    const stamp = stampOf(writer, payload, action)
    const last = writer.conference(payload.conferenceSid)?.lastAnnouncement
    if (last === undefined || isNewer(stamp.version, last.version)) {
      const conference = stampConference(writer, payload.conferenceSid, stamp)
      conference.lastAnnouncement = {
        outcome,
        callSid: payload.callSid,
        reason: payload.reason,
        announceUrl: payload.announceUrl,
        version: stamp.version,
      }
    }
    noteConferenceDetails(writer, payload, stamp)
  }
}

/** `announcementEnded`: recorded on the conference; no leg changes. */
export const reduceAnnouncementEnded = announcementReducer('ended')

/** `announcementFailed`: recorded on the conference with its reason; no leg changes. */
export const reduceAnnouncementFailed = announcementReducer('failed')

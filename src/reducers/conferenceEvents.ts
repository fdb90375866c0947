/**
 * Case reducers for the conference's own events: start, end, announcements.
 *
 * @module
 */
import type { AnnouncementPayload, ConferenceEndedPayload, ConferenceEventBase } from '../events'
import type { AnnouncementRecord, ConferenceRecord, ConferenceStatus } from '../model'
import { winsRegister } from '../registers'
import type { StateWriter } from '../writer'
import { noteConferenceDetails, stampConference } from './conferenceRecord'
import { settleLegs } from './conferenceRules'
import type { EventStamp } from './participantChange'
import { stampOf } from './stamp'

type EventAction<P> = { payload: P; meta?: unknown }

/**
 * Writes the conference's status register; returns the writable conference when it took the
 * write. A tie at one version is decided by the fixed preference of every register, as a merge
 * decides it (docs/architecture.md, "Ordering").
 */
function writeStatus(
  writer: StateWriter,
  conferenceSid: string,
  status: ConferenceStatus,
  stamp: EventStamp,
): ConferenceRecord | undefined {
  const known = writer.conference(conferenceSid)
  if (known !== undefined && !winsRegister(stamp.version, status, known.statusVersion, known.status)) return undefined
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
  closeConference(writer, payload, stamp, 'closed')
  noteConferenceDetails(writer, payload, stamp)
}

/**
 * The end's fields as one register's value, in a fixed order: two ends at one version are decided
 * by it (`winsRegister`), in events and in a merge alike.
 */
export function endValue(end: Partial<Pick<ConferenceRecord, EndField>>): unknown[] {
  return END_FIELDS.map((name) => end[name])
}

/** The end `payload` reports at `stamp`, as the record keeps it. */
function reportedEnd(payload: ConferenceEndedPayload, stamp: EventStamp): Partial<Pick<ConferenceRecord, EndField>> {
  return {
    endedAt: stamp.timestamp,
    endReason: payload.reasonEnded,
    endReasonText: payload.reason,
    callSidEndingConference: payload.callSidEndingConference,
    participantLabelEndingConference: payload.participantLabelEndingConference,
  }
}

/**
 * Closes a conference at `stamp` and ends its legs, when this end wins the end register (a newer
 * version, or at one version the preferred fields). Shared with snapshots that report an end.
 */
export function closeConference(
  writer: StateWriter,
  payload: ConferenceEndedPayload,
  stamp: EventStamp,
  status: 'closed' | 'failed',
): void {
  const end = reportedEnd(payload, stamp)
  const known = writer.conference(payload.conferenceSid)
  if (known?.endVersion !== undefined && !winsRegister(stamp.version, endValue(end), known.endVersion, endValue(known))) return
  const conference = stampConference(writer, payload.conferenceSid, stamp)
  if (winsRegister(stamp.version, status, conference.statusVersion, conference.status)) {
    conference.status = status
    conference.statusVersion = stamp.version
  }
  conference.endVersion = stamp.version
  conference.closedAt ??= stamp.receivedAt
  conference.changedAt = Math.max(conference.changedAt, stamp.receivedAt)
  // The end is one register: the newest end's fields replace the older one's, none kept from it,
  // as a merge takes them, so two ends give the same record in either order.
  for (const name of END_FIELDS) setEndField(conference, name, end[name])
  settleLegs(writer, conference)
}

/** The fields of a conference's end, one register with `endVersion`. */
export const END_FIELDS = ['endedAt', 'endReason', 'endReasonText', 'callSidEndingConference', 'participantLabelEndingConference'] as const
type EndField = (typeof END_FIELDS)[number]

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
    const announcement: AnnouncementRecord = {
      outcome,
      callSid: payload.callSid,
      reason: payload.reason,
      announceUrl: payload.announceUrl,
      version: stamp.version,
    }
    if (announcementWins(announcement, last)) stampConference(writer, payload.conferenceSid, stamp).lastAnnouncement = announcement
    noteConferenceDetails(writer, payload, stamp)
  }
}

/** `announcementEnded`: recorded on the conference; no leg changes. */
export const reduceAnnouncementEnded = announcementReducer('ended')

/** `announcementFailed`: recorded on the conference with its reason; no leg changes. */
export const reduceAnnouncementFailed = announcementReducer('failed')

/**
 * Whether `incoming` replaces the last announcement `current`: a newer version, or at one version
 * the preferred outcome and fields (an `announcementEnded` and an `announcementFailed` at one
 * sequence keep the same one in every order), in events and in a merge alike.
 */
export function announcementWins(incoming: AnnouncementRecord | undefined, current: AnnouncementRecord | undefined): incoming is AnnouncementRecord {
  return incoming !== undefined && winsRegister(incoming.version, announcementValue(incoming), current?.version ?? 0, current && announcementValue(current))
}

function announcementValue(announcement: AnnouncementRecord): unknown[] {
  return [announcement.outcome, announcement.callSid, announcement.reason, announcement.announceUrl]
}

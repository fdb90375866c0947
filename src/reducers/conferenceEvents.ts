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
 * Writes the conference's status register (a start, a snapshot's status). A tie at one version is
 * decided by the fixed preference of every register, as a merge decides it. A conference with an
 * end stays as its end left it (docs/architecture.md, "Ordering"): a newer status only raises the
 * register's version, so the record is the same whether the end came before or after it.
 */
export function writeStatus(writer: StateWriter, conferenceSid: string, status: ConferenceStatus, stamp: EventStamp): void {
  const known = writer.conference(conferenceSid)
  if (known !== undefined && !winsRegister(stamp.version, status, known.statusVersion, known.status)) return
  if (known?.endVersion !== undefined && stamp.version <= known.statusVersion) return
  const conference = stampConference(writer, conferenceSid, stamp)
  if (conference.endVersion === undefined) conference.status = status
  conference.statusVersion = stamp.version
  conference.changedAt = Math.max(conference.changedAt, stamp.receivedAt)
}

/**
 * `conferenceStarted`: `active`, unless the conference has an end or a newer status. The start
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

/** A conference's end as the record keeps it: how it closed and the end's fields. */
export type ConferenceEnd = Pick<ConferenceRecord, 'status'> & Partial<Pick<ConferenceRecord, EndField>>

/**
 * The end as one register's value, in a fixed order (how it closed, then its fields): two ends at
 * one version are decided by it (`winsRegister`), in events and in a merge alike.
 */
export function endValue(end: ConferenceEnd): unknown[] {
  return [endStatus(end), ...END_FIELDS.map((name) => end[name])]
}

/** How a conference with an end closed: `failed` or `closed`. */
export function endStatus(end: Pick<ConferenceRecord, 'status'>): 'closed' | 'failed' {
  return end.status === 'failed' ? 'failed' : 'closed'
}

/** The end `payload` reports at `stamp`, as the record keeps it. */
function reportedEnd(payload: ConferenceEndedPayload, stamp: EventStamp, status: 'closed' | 'failed'): ConferenceEnd {
  return {
    status,
    endedAt: stamp.timestamp,
    endReason: payload.reasonEnded,
    endReasonText: payload.reason,
    callSidEndingConference: payload.callSidEndingConference,
    participantLabelEndingConference: payload.participantLabelEndingConference,
  }
}

/**
 * Closes a conference at `stamp` and ends its legs, when this end wins the end register (a newer
 * version, or at one version the preferred value). Shared with snapshots that report an end.
 *
 * A conference with an end shows its end's status, whatever the versions (docs/architecture.md,
 * "Ordering"): the end is a rule like its effect on the legs, so an end below a start (a snapshot
 * whose `asOf` predates it) still closes the conference, and the status register keeps the
 * highest version written to it, in either order.
 */
export function closeConference(
  writer: StateWriter,
  payload: ConferenceEndedPayload,
  stamp: EventStamp,
  status: 'closed' | 'failed',
): void {
  const end = reportedEnd(payload, stamp, status)
  const known = writer.conference(payload.conferenceSid)
  if (known?.endVersion !== undefined && !winsRegister(stamp.version, endValue(end), known.endVersion, endValue(known))) return
  const conference = stampConference(writer, payload.conferenceSid, stamp)
  conference.status = status
  conference.statusVersion = Math.max(conference.statusVersion, stamp.version)
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
    // Absent fields stay absent: a key holding `undefined` would not survive a JSON round trip.
    const announcement: AnnouncementRecord = { outcome, version: stamp.version }
    if (payload.callSid !== undefined) announcement.callSid = payload.callSid
    if (payload.reason !== undefined) announcement.reason = payload.reason
    if (payload.announceUrl !== undefined) announcement.announceUrl = payload.announceUrl
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

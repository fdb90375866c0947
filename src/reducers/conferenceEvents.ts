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
import { endIfConferenceEnded, isPlaceholder, type EventStamp } from './participantChange'
import { forgetDeparted } from './forgetting'
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
 * `conferenceEnded`: `closed`, and every leg whose status was last written below the end leaves,
 * now or when its late events arrive.
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
  conference.endedAt = stamp.timestamp ?? conference.endedAt
  conference.endReason = payload.reasonEnded ?? conference.endReason
  conference.endReasonText = payload.reason ?? conference.endReasonText
  conference.callSidEndingConference = payload.callSidEndingConference ?? conference.callSidEndingConference
  conference.participantLabelEndingConference =
    payload.participantLabelEndingConference ?? conference.participantLabelEndingConference
  const { recentlyLeftMs } = writer.state.config
  for (const leg of [...conference.participants]) {
    if (leg.versions.status >= stamp.version || isPlaceholder(leg)) continue
    const ended = writer.editParticipant(conference, leg.callSid, () => leg)
    endIfConferenceEnded(ended, conference, recentlyLeftMs)
  }
  forgetDeparted(writer, conference)
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

/**
 * Creating and editing conference records: the shared steps of every case reducer.
 *
 * @module
 */
import type { ConferenceEventBase } from '../events'
import type { ConferenceRecord } from '../model'
import type { StateWriter } from '../writer'
import { logClockMove } from './clockLog'
import type { EventStamp } from './participantChange'

/** A conference first heard of at `stamp`: `setup` until `conferenceStarted`. */
export function newConference(conferenceSid: string): ConferenceRecord {
  return {
    conferenceSid,
    status: 'setup',
    statusVersion: 0,
    clock: 0,
    changedAt: 0,
    participants: [],
  }
}

/**
 * Stamps the conference with an event: returns a writable copy of it (created if unknown), its
 * clock advanced to `stamp`'s version (the move logged with its arrival) and its last change
 * dated for idle pruning. The writer's own `editConference` only copies.
 */
export function stampConference(writer: StateWriter, conferenceSid: string, stamp: EventStamp): ConferenceRecord {
  const conference = writer.editConference(conferenceSid, () => newConference(conferenceSid))
  if (stamp.version > conference.clock) {
    conference.clock = stamp.version
    conference.clockLog = logClockMove(conference.clockLog, stamp.receivedAt, stamp.version)
  }
  if (conference.touchedAt === undefined || stamp.receivedAt > conference.touchedAt) conference.touchedAt = stamp.receivedAt
  return conference
}

/** The conference's clock: the version an event without a sequence number writes just above. */
export function conferenceClock(writer: StateWriter, conferenceSid: string): number {
  return writer.conference(conferenceSid)?.clock ?? 0
}

/**
 * Keeps the descriptive fields any event may carry: room name, task SID, account SID.
 * They describe the conference rather than change it, so the first value seen is kept.
 */
export function noteConferenceDetails(writer: StateWriter, payload: ConferenceEventBase, stamp: EventStamp): void {
  const { conferenceSid, friendlyName, taskSid, accountSid } = payload
  const known = writer.conference(conferenceSid)
  const missing =
    known === undefined ||
    (friendlyName !== undefined && known.friendlyName === undefined) ||
    (taskSid !== undefined && known.taskSid === undefined) ||
    (accountSid !== undefined && known.accountSid === undefined)
  if (!missing) return
  const conference = stampConference(writer, conferenceSid, stamp)
  conference.friendlyName ??= friendlyName
  conference.accountSid ??= accountSid
  if (taskSid !== undefined && conference.taskSid === undefined) {
    conference.taskSid = taskSid
    writer.indexTask(taskSid, conferenceSid)
  }
}

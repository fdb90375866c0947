/**
 * Creating and editing conference records: the shared steps of every case reducer.
 *
 * @module
 */
import type { ConferenceEventBase } from '../events'
import type { ConferenceRecord } from '../model'
import type { StateWriter } from '../writer'
import { prefersValue } from '../registers'
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
 * Keeps the descriptive fields any event may carry: room name, task SID, account SID. Sources
 * report the same value throughout a conference; should two disagree, the value kept is chosen by
 * the fixed preference of every register (`prefersValue`), as a merge chooses it, so it does not
 * depend on which event came first (docs/architecture.md, "Ordering").
 */
export function noteConferenceDetails(writer: StateWriter, payload: ConferenceEventBase, stamp: EventStamp): void {
  const { conferenceSid, friendlyName, taskSid, accountSid } = payload
  const known = writer.conference(conferenceSid)
  const changes =
    known === undefined ||
    takesDetail(friendlyName, known.friendlyName) ||
    takesDetail(taskSid, known.taskSid) ||
    takesDetail(accountSid, known.accountSid)
  if (!changes) return
  const conference = stampConference(writer, conferenceSid, stamp)
  if (takesDetail(friendlyName, conference.friendlyName)) conference.friendlyName = friendlyName
  if (takesDetail(accountSid, conference.accountSid)) conference.accountSid = accountSid
  if (takesDetail(taskSid, conference.taskSid)) {
    if (conference.taskSid !== undefined) writer.unindexTask(conference.taskSid, conferenceSid)
    conference.taskSid = taskSid
    writer.indexTask(taskSid, conferenceSid)
  }
}

/** Whether a reported detail replaces the one kept: the first one, or a preferred one. */
export function takesDetail(value: string | undefined, current: string | undefined): value is string {
  return value !== undefined && (current === undefined || prefersValue(value, current))
}

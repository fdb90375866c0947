/**
 * The one mechanism behind every participant event: a set of last-writer-wins registers.
 *
 * An event is turned into a `ParticipantChange` (what it says about the leg) and applied at its
 * version; each register takes the write only when the version is newer than the one that last
 * wrote it (DESIGN section 4). Nothing is copied unless a register actually takes a write.
 *
 * The same writes settle the controls' pending commands (DESIGN section 10): a write that makes
 * `onHold` or `muted` equal to a pending intent confirms it, a presence write settles a pending
 * add, and a departure settles everything pending on the leg. Events never set pending fields, so
 * replaying events in any order still gives the same state.
 *
 * @module
 */
import type {
  ConferenceRecord,
  ParticipantFlags,
  ParticipantIdentity,
  ParticipantRecord,
  ParticipantVersions,
} from '../model'
import { isNewer, isStaleDeparture } from '../ordering'
import { findParticipant } from '../table'
import type { StateWriter } from '../writer'
import { editConference } from './conferenceRecord'

/** What one event says about a leg. Absent fields are not written. */
export interface ParticipantChange {
  presence?: 'joined' | 'departed'
  connecting?: boolean
  speaking?: boolean
  flags?: Partial<ParticipantFlags>
  identity?: ParticipantIdentity
  departure?: { reason?: string; callStatus?: string }
}

/** When and how an event was received. */
export interface EventStamp {
  version: number
  receivedAt: number
  timestamp?: number
}

const FLAG_REGISTERS = [
  'muted',
  'onHold',
  'coaching',
  'endConferenceOnExit',
  'startConferenceOnEnter',
] as const satisfies ReadonlyArray<keyof ParticipantFlags & keyof ParticipantVersions>

const NO_VERSIONS: ParticipantVersions = Object.freeze({
  status: 0,
  connecting: 0,
  speaking: 0,
  muted: 0,
  onHold: 0,
  coaching: 0,
  endConferenceOnExit: 0,
  startConferenceOnEnter: 0,
  identity: 0,
  departure: 0,
})

/** A leg first heard of at `stamp`: present, with every flag off, until events say otherwise. */
export function newParticipant(callSid: string, stamp: EventStamp): ParticipantRecord {
  return {
    callSid,
    status: 'joined',
    connecting: false,
    speaking: false,
    muted: false,
    onHold: false,
    coaching: false,
    endConferenceOnExit: false,
    startConferenceOnEnter: false,
    participantType: 'unknown',
    order: stamp.version,
    changedAt: stamp.receivedAt,
    versions: { ...NO_VERSIONS },
  }
}

/**
 * Applies `change` to leg `callSid` of conference `conferenceSid` (creating both if needed).
 *
 * @returns Whether anything changed.
 */
export function applyParticipantChange(
  writer: StateWriter,
  conferenceSid: string,
  callSid: string,
  change: ParticipantChange,
  stamp: EventStamp,
): boolean {
  const conference = writer.conference(conferenceSid)
  const current = findParticipant(conference, callSid)
  if (current !== undefined && !changes(current, change, stamp, conference)) return false

  const editable = editConference(writer, conferenceSid, stamp)
  const leg = writer.editParticipant(editable, callSid, () => newParticipant(callSid, stamp))
  write(leg, change, stamp, editable, writer.state.config.recentlyLeftMs)
  if (change.presence === 'departed' || leg.status !== 'joined') {
    trimDeparted(writer, editable, writer.state.config.maxLeftParticipants)
  }
  return true
}

/** Whether `change` at `stamp` would take any register of `leg`. */
function changes(
  leg: ParticipantRecord,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord | undefined,
): boolean {
  const { version } = stamp
  if (version < leg.order) return true
  if (change.presence !== undefined && isNewer(version, leg.versions.status)) return true
  if (joinTime(change, stamp, leg) !== leg.joinedAt) return true
  if (change.connecting !== undefined && isNewer(version, leg.versions.connecting)) return true
  if (change.speaking !== undefined && isNewer(version, leg.versions.speaking)) return true
  if (change.departure !== undefined && isNewer(version, leg.versions.departure)) return true
  if (hasKeys(change.identity) && isNewer(version, leg.versions.identity)) return true
  if (change.flags !== undefined) {
    for (const name of FLAG_REGISTERS) {
      if (change.flags[name] !== undefined && isNewer(version, leg.versions[name])) return true
    }
  }
  return conference?.endVersion !== undefined && leg.status === 'joined' && leg.versions.status < conference.endVersion
}

function write(
  leg: ParticipantRecord,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord,
  recentlyLeftMs: number,
): void {
  const { version, receivedAt } = stamp
  const versions = { ...leg.versions }
  leg.versions = versions
  leg.order = Math.min(leg.order, version)
  leg.changedAt = Math.max(leg.changedAt, receivedAt)

  if (change.presence !== undefined && isNewer(version, versions.status)) {
    versions.status = version
    // The platform reported the leg (ringing, joined or gone): an add waiting for it is settled.
    delete leg.pendingAdd
    if (change.presence === 'joined') {
      leg.status = 'joined'
      leg.leftAt = undefined
    } else {
      depart(leg, receivedAt, isStaleDeparture(stamp.timestamp, receivedAt, recentlyLeftMs))
    }
  }
  leg.joinedAt = joinTime(change, stamp, leg)
  if (change.connecting !== undefined && isNewer(version, versions.connecting)) {
    versions.connecting = version
    leg.connecting = change.connecting
  }
  if (change.speaking !== undefined && isNewer(version, versions.speaking)) {
    versions.speaking = version
    leg.speaking = change.speaking
  }
  if (change.flags !== undefined) {
    for (const name of FLAG_REGISTERS) {
      const value = change.flags[name]
      if (value !== undefined && isNewer(version, versions[name])) {
        versions[name] = version
        leg[name] = value
        confirmPending(leg, name, value)
      }
    }
  }
  if (change.identity !== undefined && hasKeys(change.identity) && isNewer(version, versions.identity)) {
    versions.identity = version
    Object.assign(leg, definedEntries(change.identity))
  }
  if (change.departure !== undefined && isNewer(version, versions.departure)) {
    versions.departure = version
    leg.leftReason = change.departure.reason
    leg.callStatus = change.departure.callStatus
  }
  endIfConferenceEnded(leg, conference, recentlyLeftMs)
}

/**
 * A conference end at version E ends every leg whose status was last written below E, including
 * legs whose join arrives after the end with a lower sequence number.
 */
export function endIfConferenceEnded(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): void {
  const endVersion = conference.endVersion
  if (endVersion === undefined || leg.versions.status >= endVersion) return
  leg.versions = { ...leg.versions, status: endVersion }
  const closedAt = conference.closedAt ?? leg.changedAt
  if (leg.status === 'joined') depart(leg, closedAt, isStaleDeparture(conference.endedAt, closedAt, recentlyLeftMs))
}

/** The earliest join time seen: independent of the order joins arrive in. */
function joinTime(change: ParticipantChange, stamp: EventStamp, leg: ParticipantRecord): number | undefined {
  if (change.presence !== 'joined' || stamp.timestamp === undefined) return leg.joinedAt
  return leg.joinedAt === undefined ? stamp.timestamp : Math.min(leg.joinedAt, stamp.timestamp)
}

/** Marks a leg gone at `at`: `left` at once when the news is already older than the window. */
export function depart(leg: ParticipantRecord, at: number, stale: boolean): void {
  // `speaking` is left to its own register: the views show it only for live legs.
  leg.status = stale ? 'left' : 'recently_left'
  leg.leftAt = at
  // A removal is confirmed; a hold, mute or add on a leg that is gone has nothing left to wait for.
  delete leg.pendingRemoval
  delete leg.pendingHold
  delete leg.pendingMute
  delete leg.pendingAdd
}

/** A register write that makes `onHold` or `muted` equal to the pending intent confirms the command. */
function confirmPending(leg: ParticipantRecord, name: keyof ParticipantFlags, value: boolean): void {
  if (name === 'onHold' && leg.pendingHold?.intent === value) delete leg.pendingHold
  else if (name === 'muted' && leg.pendingMute?.intent === value) delete leg.pendingMute
}

/**
 * Whether a leg is a placeholder for an add whose call SID is not known yet. No platform can
 * report it, so snapshots and conference ends leave it to the command that made it.
 */
export function isPlaceholder(leg: ParticipantRecord): boolean {
  return leg.pendingAdd?.placeholder === true
}

/** Keeps at most `limit` departed legs in a conference: the longest gone are dropped first. */
function trimDeparted(writer: StateWriter, conference: ConferenceRecord, limit: number): void {
  const departed = conference.participants.filter((leg) => leg.status !== 'joined')
  if (departed.length <= limit) return
  departed.sort((a, b) => (a.leftAt ?? 0) - (b.leftAt ?? 0) || a.order - b.order)
  for (const leg of departed.slice(0, departed.length - limit)) writer.removeParticipant(conference, leg.callSid)
}

function hasKeys(value: object | undefined): value is object {
  if (value === undefined) return false
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return true
  return false
}

function definedEntries(identity: ParticipantIdentity): ParticipantIdentity {
  const defined: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(identity)) if (value !== undefined) defined[key] = value
  return defined as ParticipantIdentity
}

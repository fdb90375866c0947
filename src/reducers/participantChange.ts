/**
 * The one mechanism behind every participant event: a set of last-writer-wins registers.
 *
 * An event is turned into a `ParticipantChange` (what it says about the leg) and applied at its
 * version; each register takes the write only when the version is newer than the one that last
 * wrote it, or equal with a preferred value (docs/architecture.md, "Ordering"). Nothing is copied
 * unless a register actually takes a write.
 *
 * The same writes settle the controls' pending commands (docs/architecture.md, "Controls"): a
 * write that makes `onHold` or `muted` equal to a pending intent confirms it, a presence write
 * settles a pending add, and a departure settles everything pending on the leg. Events never set
 * pending fields, so replaying events in any order still gives the same state.
 *
 * @module
 */
import type { ConferenceRecord, ParticipantFlags, ParticipantIdentity, ParticipantRecord, ParticipantVersions } from '../model'
import { isStaleDeparture } from '../ordering'
import { FLAG_NAMES, IDENTITY_KEYS, LEG_REGISTERS, winsRegister, type LegRegister } from '../registers'
import { findParticipant } from '../table'
import type { StateWriter } from '../writer'
import { stampConference } from './conferenceRecord'
import { clearTombstone, forgetDeparted, tombstoneOf } from './forgetting'
import { applySnapshotOmission, isOmitted } from './snapshotOmission'

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

const NO_VERSIONS: ParticipantVersions = Object.freeze(
  Object.fromEntries(LEG_REGISTERS.map((name) => [name, 0])) as ParticipantVersions,
)

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

/** The value a register holds, as compared with a write to it. */
export function registerValue(leg: ParticipantRecord, register: LegRegister): unknown {
  switch (register) {
    case 'status':
      return leg.status === 'joined' ? 'joined' : 'departed'
    case 'departure':
      return leg.leftReason === undefined && leg.callStatus === undefined
        ? undefined
        : { reason: leg.leftReason, callStatus: leg.callStatus }
    default:
      return leg[register]
  }
}

/** The register writes a change makes, as `[register, value]` pairs. */
export function writesOf(change: ParticipantChange): Array<[LegRegister, unknown]> {
  const writes: Array<[LegRegister, unknown]> = []
  if (change.presence !== undefined) writes.push(['status', change.presence])
  if (change.connecting !== undefined) writes.push(['connecting', change.connecting])
  if (change.speaking !== undefined) writes.push(['speaking', change.speaking])
  if (change.departure !== undefined) {
    const { reason, callStatus } = change.departure
    if (reason !== undefined || callStatus !== undefined) writes.push(['departure', { reason, callStatus }])
  }
  const { flags, identity } = change
  if (flags !== undefined) for (const name of FLAG_NAMES) if (flags[name] !== undefined) writes.push([name, flags[name]])
  if (identity !== undefined) {
    for (const name of IDENTITY_KEYS) if (identity[name] !== undefined) writes.push([name, identity[name]])
  }
  return writes
}

/**
 * Applies `change` to leg `callSid` of conference `conferenceSid` (creating both if needed).
 * A leg that was forgotten (a tombstone) comes back only for a write newer than its tombstone,
 * and then as departed at that version, so late news of a forgotten leg never revives it.
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
  const writes = writesOf(change)
  let buried: number | undefined
  if (current === undefined) {
    buried = tombstoneOf(conference, callSid)
    if (buried !== undefined && stamp.version <= buried) return false
  } else if (!changes(current, writes, change, stamp, conference)) {
    return false
  }

  const editable = stampConference(writer, conferenceSid, stamp)
  const leg = writer.editParticipant(editable, callSid, () => {
    const created = newParticipant(callSid, stamp)
    if (buried !== undefined) {
      clearTombstone(editable, callSid)
      created.status = 'left'
      created.versions = { ...created.versions, status: buried }
    }
    return created
  })
  write(leg, writes, change, stamp, editable, writer.state.config.recentlyLeftMs)
  if (leg.status !== 'joined') forgetDeparted(writer, editable)
  return true
}

/** Whether the writes at `stamp` would change anything of `leg`. */
function changes(
  leg: ParticipantRecord,
  writes: ReadonlyArray<[LegRegister, unknown]>,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord | undefined,
): boolean {
  const { version } = stamp
  if (version < leg.order) return true
  if (joinTime(change, stamp, leg) !== leg.joinedAt) return true
  for (const [register, value] of writes) {
    if (winsRegister(version, value, leg.versions[register], registerValue(leg, register))) return true
  }
  if (conference !== undefined && isOmitted(leg, conference)) return true
  return conference?.endVersion !== undefined && leg.status === 'joined' && leg.versions.status < conference.endVersion
}

function write(
  leg: ParticipantRecord,
  writes: ReadonlyArray<[LegRegister, unknown]>,
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
  // Assigning `undefined` and deleting it again would change the record's shape on every write.
  const joinedAt = joinTime(change, stamp, leg)
  if (joinedAt !== undefined) leg.joinedAt = joinedAt
  else if ('joinedAt' in leg) delete leg.joinedAt

  for (const [register, value] of writes) {
    if (!winsRegister(version, value, versions[register], registerValue(leg, register))) continue
    versions[register] = version
    setRegister(leg, register, value, stamp, recentlyLeftMs)
  }
  applySnapshotOmission(leg, conference)
  endIfConferenceEnded(leg, conference, recentlyLeftMs)
}

/** Stores a register's new value (its version is already written). */
export function setRegister(
  leg: ParticipantRecord,
  register: LegRegister,
  value: unknown,
  stamp: EventStamp,
  recentlyLeftMs: number,
): void {
  switch (register) {
    case 'status':
      // The platform reported the leg (ringing, joined or gone): an add waiting for it is settled.
      delete leg.addPending
      if (value === 'joined') {
        leg.status = 'joined'
        delete leg.leftAt
      } else {
        depart(leg, stamp.receivedAt, isStaleDeparture(stamp.timestamp, stamp.receivedAt, recentlyLeftMs))
      }
      return
    case 'departure': {
      const { reason, callStatus } = (value ?? {}) as { reason?: string; callStatus?: string }
      setOptional(leg, 'leftReason', reason)
      setOptional(leg, 'callStatus', callStatus)
      return
    }
    default:
      ;(leg as unknown as Record<string, unknown>)[register] = value
      if (register === 'onHold' || register === 'muted') confirmPending(leg, register, value as boolean)
  }
}

function setOptional(leg: ParticipantRecord, key: 'leftReason' | 'callStatus', value: string | undefined): void {
  if (value !== undefined) leg[key] = value
  else if (key === 'leftReason') delete leg.leftReason
  else delete leg.callStatus
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
  delete leg.removePending
  delete leg.holdPending
  delete leg.mutePending
  delete leg.addPending
}

/** A register write that makes `onHold` or `muted` equal to the pending intent confirms the command. */
function confirmPending(leg: ParticipantRecord, name: 'onHold' | 'muted', value: boolean): void {
  if (name === 'onHold' && leg.holdPending?.intent === value) delete leg.holdPending
  else if (name === 'muted' && leg.mutePending?.intent === value) delete leg.mutePending
}

/**
 * Whether a leg is a placeholder for an add whose call SID is not known yet. No platform can
 * report it, so snapshots and conference ends leave it to the command that made it.
 */
export function isPlaceholder(leg: ParticipantRecord): boolean {
  return leg.addPending?.placeholder === true
}

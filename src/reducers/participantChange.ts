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
import type { ConferenceRecord, ParticipantFlags, ParticipantIdentity, ParticipantRecord, ParticipantStatus, ParticipantVersions } from '../model'
import { LEG_REGISTERS, type FlagName } from '../registers'
import { findParticipant } from '../table'
import type { StateWriter } from '../writer'
import { stampConference } from './conferenceRecord'
import { clearTombstone, forgetDeparted, tombstoneOf } from './forgetting'
import { copyVersions } from './legVersions'
import { reportedStatus, takeWrites, wouldTakeWrites } from './registerWrites'
import { applyConferenceRules, reportedPresence, ruleWindowOver, rulesWouldChange } from './conferenceRules'

/** What one event says about a leg. Absent fields are not written. */
export interface ParticipantChange {
  /**
   * A presence report. It always comes with `connecting`: that register's version is the leg's
   * latest presence report, which the conference's end and snapshots compare with (`conferenceRules.ts`).
   */
  presence?: 'joined' | 'departed'
  connecting?: boolean
  speaking?: boolean
  /** The flags the payload reports. */
  flags?: Partial<ParticipantFlags>
  /** The flag the event itself is about (a hold says `onHold: true`): it wins over the same name in `flags`. */
  eventFlag?: EventFlag
  identity?: ParticipantIdentity
  departure?: { reason?: string; callStatus?: string }
}

/** One flag and its value, as an event states it. */
export interface EventFlag {
  readonly name: FlagName
  readonly value: boolean
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
    versions: copyVersions(NO_VERSIONS),
  }
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
  let buried: number | undefined
  if (current === undefined) {
    buried = tombstoneOf(conference, callSid)
    if (buried !== undefined && stamp.version <= buried) return false
  } else if (!changes(current, change, stamp, conference, writer.state.config.recentlyLeftMs)) {
    return false
  }

  const editable = stampConference(writer, conferenceSid, stamp)
  const leg = writer.editParticipant(editable, callSid, () => {
    const created = newParticipant(callSid, stamp)
    if (buried !== undefined) {
      clearTombstone(editable, callSid)
      // Its tombstone stands for its departure: the latest presence report, at that version.
      created.status = 'left'
      created.versions = { ...created.versions, status: buried, connecting: buried }
    }
    return created
  })
  write(leg, change, stamp, editable, writer.state.config.recentlyLeftMs)
  if (leg.status !== 'joined') forgetDeparted(writer, editable)
  return true
}

/** Whether the writes at `stamp` would change anything of `leg`. */
function changes(
  leg: ParticipantRecord,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord | undefined,
  recentlyLeftMs: number,
): boolean {
  if (stamp.version < leg.order) return true
  if (joinTime(change, stamp, leg) !== leg.joinedAt) return true
  if (wouldTakeWrites(leg, change, stamp, conference, recentlyLeftMs)) return true
  return conference !== undefined && rulesWouldChange(leg, conference, recentlyLeftMs)
}

function write(
  leg: ParticipantRecord,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord,
  recentlyLeftMs: number,
): void {
  const { version, receivedAt } = stamp
  leg.versions = copyVersions(leg.versions)
  leg.order = Math.min(leg.order, version)
  leg.changedAt = Math.max(leg.changedAt, receivedAt)
  // Assigning `undefined` and deleting it again would change the record's shape on every write.
  const joinedAt = joinTime(change, stamp, leg)
  if (joinedAt !== undefined) leg.joinedAt = joinedAt
  else if ('joinedAt' in leg) delete leg.joinedAt

  const reported = reportedPresence(leg)
  takeWrites(leg, change, stamp, conference, recentlyLeftMs)
  if (change.presence !== undefined && stamp.version > reported && stamp.version < leg.versions.status) {
    reportBelowRule(leg, reportedStatus(change.presence, stamp, recentlyLeftMs, conference), ruleWindowOver(conference, stamp, recentlyLeftMs))
  }
  applyConferenceRules(leg, conference, recentlyLeftMs)
}

/**
 * A presence report newer than the leg's last one, below the end or snapshot that already ended
 * the leg: it stays departed, but this report now says how (docs/architecture.md, "Ordering"). A
 * departure past the window makes it `left`; a join leaves it to the rules, as if it had come first.
 * A report that arrives once the window of the rule it lies below is over finds the leg `left`
 * (`ruleWindowOver`): late news never brings a leg the clock sweep expired back to `recently_left`.
 */
function reportBelowRule(leg: ParticipantRecord, reported: ParticipantStatus, windowOver: boolean): void {
  leg.status = reported === 'left' || windowOver ? 'left' : 'recently_left'
}

/** The earliest join time seen: independent of the order joins arrive in. */
function joinTime(change: ParticipantChange, stamp: EventStamp, leg: ParticipantRecord): number | undefined {
  if (change.presence !== 'joined' || stamp.timestamp === undefined) return leg.joinedAt
  return leg.joinedAt === undefined ? stamp.timestamp : Math.min(leg.joinedAt, stamp.timestamp)
}

/**
 * Whether a leg is a placeholder for an add whose call SID is not known yet. No platform can
 * report it, so snapshots and conference ends leave it to the command that made it.
 */
export function isPlaceholder(leg: ParticipantRecord): boolean {
  return leg.addPending?.placeholder === true
}

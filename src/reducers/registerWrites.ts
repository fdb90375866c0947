/**
 * The registers of one leg as an event writes them (docs/architecture.md, "Ordering"): each write
 * is offered to its register, which takes it only when its version is newer than the one that last
 * wrote it, or equal with a preferred value.
 *
 * A change's writes are walked straight from the change, in a fixed order (presence, `connecting`,
 * `speaking`, departure, the flags, the identity), without first listing them as pairs: a batch
 * applies a thousand events, and every short-lived list was garbage the collector had to sweep
 * (docs/architecture.md, "Performance").
 *
 * @module
 */
import type { ConferenceRecord, ParticipantRecord, ParticipantStatus } from '../model'
import { isStaleDeparture } from '../ordering'
import { FLAG_NAMES, IDENTITY_KEYS, winsRegister, type LegRegister } from '../registers'
import { joinAfterEnd } from './conferenceRules'
import type { EventStamp, ParticipantChange } from './participantChange'

/** Whether any register write of `change` at `stamp` would win on `leg` (nothing is written). */
export function wouldTakeWrites(
  leg: ParticipantRecord,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord | undefined,
  recentlyLeftMs: number,
): boolean {
  return offerWrites(leg, change, stamp, conference, false, recentlyLeftMs)
}

/**
 * The status register's values, in the order a tie at one version is decided: a join and a leave
 * reported at the same sequence leave the leg joined, and of two reports of one departure, the
 * one already past the window wins (docs/architecture.md, "Ordering"). A merge ranks them alike.
 */
export const STATUS_PREFERENCE = { recently_left: 0, left: 1, joined: 2 } as const

/**
 * The status a presence report writes: a departure already past the window is `left` at once, and
 * a join at or above the conference's end writes what the end makes of it (docs/architecture.md,
 * "Ordering").
 */
export function reportedStatus(
  presence: 'joined' | 'departed',
  stamp: EventStamp,
  recentlyLeftMs: number,
  conference: ConferenceRecord | undefined,
): ParticipantStatus {
  if (presence === 'joined') return joinAfterEnd(conference, stamp.version, stamp.receivedAt, recentlyLeftMs) ?? 'joined'
  return isStaleDeparture(stamp.timestamp, stamp.receivedAt, recentlyLeftMs) ? 'left' : 'recently_left'
}

/** Writes every register write of `change` at `stamp` that wins into `leg` (a writable copy with its own `versions`). */
export function takeWrites(
  leg: ParticipantRecord,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord,
  recentlyLeftMs: number,
): void {
  offerWrites(leg, change, stamp, conference, true, recentlyLeftMs)
}

/** Offers every write of `change`; each that wins is taken when `take` is set. Whether any won. */
function offerWrites(
  leg: ParticipantRecord,
  change: ParticipantChange,
  stamp: EventStamp,
  conference: ConferenceRecord | undefined,
  take: boolean,
  recentlyLeftMs: number,
): boolean {
  let won = false
  if (change.presence !== undefined) {
    const status = STATUS_PREFERENCE[reportedStatus(change.presence, stamp, recentlyLeftMs, conference)]
    won = (reportsOverRule(leg, status, stamp, take) ?? offer(leg, 'status', status, stamp, take)) || won
  }
  if (change.connecting !== undefined) won = offer(leg, 'connecting', change.connecting, stamp, take) || won
  if (change.speaking !== undefined) won = offer(leg, 'speaking', change.speaking, stamp, take) || won
  if (change.departure !== undefined) {
    const { reason, callStatus } = change.departure
    if (reason !== undefined || callStatus !== undefined) {
      won = offer(leg, 'departure', { reason, callStatus }, stamp, take) || won
    }
  }
  const { flags, eventFlag, identity } = change
  if (flags !== undefined || eventFlag !== undefined) {
    for (const name of FLAG_NAMES) {
      const value = eventFlag !== undefined && eventFlag.name === name ? eventFlag.value : flags?.[name]
      if (value !== undefined) won = offer(leg, name, value, stamp, take) || won
    }
  }
  if (identity !== undefined) {
    for (const name of IDENTITY_KEYS) {
      const value = identity[name]
      if (value !== undefined) won = offer(leg, name, value, stamp, take) || won
    }
  }
  return won
}

/**
 * A presence report at the very version to which a rule (the conference's end, a snapshot's
 * omission) raised the status: the report, newer than any other, says what the leg did, whatever
 * the rule made of it (see `conferenceRules.ts`). `undefined` when the status was not raised so.
 */
function reportsOverRule(leg: ParticipantRecord, status: number, stamp: EventStamp, take: boolean): boolean | undefined {
  const { versions } = leg
  if (stamp.version !== versions.status || versions.status <= versions.connecting) return undefined
  if (status === STATUS_PREFERENCE[leg.status]) return false
  if (take) setRegister(leg, 'status', status, stamp)
  return true
}

/** Offers one write: whether it wins, and when `take` is set, takes it. */
function offer(leg: ParticipantRecord, register: LegRegister, value: unknown, stamp: EventStamp, take: boolean): boolean {
  if (!winsRegister(stamp.version, value, leg.versions[register], registerValue(leg, register))) return false
  if (take) {
    leg.versions[register] = stamp.version
    setRegister(leg, register, value, stamp)
  }
  return true
}

/** The value a register holds, as compared with a write to it. */
export function registerValue(leg: ParticipantRecord, register: LegRegister): unknown {
  switch (register) {
    case 'status':
      return STATUS_PREFERENCE[leg.status]
    case 'departure':
      return leg.leftReason === undefined && leg.callStatus === undefined
        ? undefined
        : { reason: leg.leftReason, callStatus: leg.callStatus }
    default:
      return leg[register]
  }
}

/** Stores a register's new value (its version is already written). */
export function setRegister(leg: ParticipantRecord, register: LegRegister, value: unknown, stamp: EventStamp): void {
  switch (register) {
    case 'status':
      // The platform reported the leg (ringing, joined or gone): an add waiting for it is settled.
      delete leg.addPending
      if (value === STATUS_PREFERENCE.joined) {
        leg.status = 'joined'
        delete leg.leftAt
      } else {
        depart(leg, stamp.receivedAt, value === STATUS_PREFERENCE.left)
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

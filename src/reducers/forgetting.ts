/**
 * Bounded, order-independent forgetting of departed legs (docs/architecture.md, "Bad input and bounds").
 *
 * A conference keeps at most `maxLeftParticipants` departed legs. Which ones are kept must not
 * depend on the order events arrive in, and a leg's versions can still rise after it left (a
 * late conference end raises them), so the rule reads nothing that can change: the departed legs
 * with the greatest call SIDs are kept. A dropped leg leaves a tombstone, its call SID and the
 * highest version an event wrote to it (not only its departure's: a retry of an event written
 * above the departure, a speech-stop after the leave, must change nothing either), so a late event
 * at or below it changes nothing; a newer one brings the leg back as departed at that version, with
 * the registers the newer events write.
 *
 * @module
 */
import type { ConferenceRecord, LegTombstone, ParticipantRecord } from '../model'
import { LEG_REGISTERS } from '../registers'
import type { StateWriter } from '../writer'

/** Most tombstones of forgotten legs a conference keeps; the oldest (lowest version) go first. */
export const MAX_LEG_TOMBSTONES = 500

/** The tombstone version of a forgotten leg of `conference`, if it has one. */
export function tombstoneOf(conference: ConferenceRecord | undefined, callSid: string): number | undefined {
  const forgotten = conference?.forgotten
  if (forgotten === undefined) return undefined
  for (const tombstone of forgotten) if (tombstone.callSid === callSid) return tombstone.version
  return undefined
}

/**
 * The highest version an event wrote to `leg`: what its tombstone keeps. The status register is
 * left out: every event that writes it writes `connecting` at the same version, and only the
 * conference's rules (an end, a snapshot's omission) raise it further, by whether they arrived
 * before or after the leg was forgotten. Left out, the tombstone is the same in every order.
 */
export function lastVersionOf(leg: ParticipantRecord): number {
  let version = leg.order
  for (const name of LEG_REGISTERS) if (name !== 'status') version = Math.max(version, leg.versions[name])
  return version
}

const isDeparted = (leg: ParticipantRecord) => leg.status !== 'joined' && leg.addPending?.placeholder !== true

/** Drops the departed legs past the cap from a conference being edited, leaving tombstones. */
export function forgetDeparted(writer: StateWriter, conference: ConferenceRecord): void {
  const limit = Math.max(0, writer.state.config.maxLeftParticipants)
  let departed = 0
  for (const leg of conference.participants) if (isDeparted(leg)) departed += 1
  if (departed <= limit) return
  const ranked = conference.participants.filter(isDeparted).sort((a, b) => (a.callSid < b.callSid ? -1 : 1))
  const dropped = ranked.slice(0, departed - limit)
  const tombstones = new Map<string, number>((conference.forgotten ?? []).map((stone) => [stone.callSid, stone.version]))
  for (const leg of dropped) {
    writer.removeParticipant(conference, leg.callSid)
    tombstones.set(leg.callSid, Math.max(tombstones.get(leg.callSid) ?? 0, lastVersionOf(leg)))
  }
  ;(conference as { forgotten?: readonly LegTombstone[] }).forgotten = boundTombstones(tombstones)
}

/** Removes the tombstone of a leg that came back. */
export function clearTombstone(conference: ConferenceRecord, callSid: string): void {
  if (conference.forgotten === undefined) return
  const kept = conference.forgotten.filter((stone) => stone.callSid !== callSid)
  ;(conference as { forgotten?: readonly LegTombstone[] }).forgotten = kept
}

/** At most `MAX_LEG_TOMBSTONES`, highest versions kept, in a fixed order (by call SID). */
export function boundTombstones(tombstones: ReadonlyMap<string, number>): LegTombstone[] {
  let entries = [...tombstones].map(([callSid, version]) => ({ callSid, version }))
  if (entries.length > MAX_LEG_TOMBSTONES) {
    entries.sort((a, b) => b.version - a.version || (a.callSid < b.callSid ? -1 : 1))
    entries = entries.slice(0, MAX_LEG_TOMBSTONES)
  }
  return entries.sort((a, b) => (a.callSid < b.callSid ? -1 : 1))
}

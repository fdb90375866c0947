/**
 * The exact definitions of docs/architecture.md, "Derived values", as pure functions over a
 * conference's legs in join order.
 *
 * @module
 */
import { weakMapMemoize } from '@reduxjs/toolkit'
import type { ParticipantRecord } from '../model'
import type { ConferenceParticipant } from './views'

/** Legs in join order: by the lowest version seen for each, then by call SID. */
export function inJoinOrder(legs: readonly ParticipantRecord[]): ParticipantRecord[] {
  return [...legs].sort((a, b) => a.order - b.order || (a.callSid < b.callSid ? -1 : a.callSid > b.callSid ? 1 : 0))
}

/** Live participants except `transfer` and `supervisor` legs; my several live legs count once. */
export function countLiveParticipants(participants: readonly ConferenceParticipant[]): number {
  let count = 0
  let countedMyself = false
  for (const leg of participants) {
    if (!leg.isLive || leg.participantType === 'transfer' || leg.participantType === 'supervisor') continue
    if (leg.isMyself) {
      if (countedMyself) continue
      countedMyself = true
    }
    count += 1
  }
  return count
}

/** Live `worker` legs, one per distinct worker SID (its earliest leg), in join order. */
export function findLiveWorkers(participants: readonly ConferenceParticipant[]): ConferenceParticipant[] {
  const seen = new Set<string>()
  return participants.filter((leg) => {
    if (!leg.isLive || leg.participantType !== 'worker') return false
    if (leg.workerSid === undefined) return true
    if (seen.has(leg.workerSid)) return false
    seen.add(leg.workerSid)
    return true
  })
}

/** Whether any live customer leg is on hold. */
export const isAnyCustomerOnHold = (participants: readonly ConferenceParticipant[]): boolean =>
  participants.some((leg) => leg.isLive && leg.participantType === 'customer' && leg.onHold)

/** Whether any of my live legs is on hold. */
export const isAnyOfMineOnHold = (participants: readonly ConferenceParticipant[]): boolean =>
  participants.some((leg) => leg.isLive && leg.isMyself && leg.onHold)

/** Whether any of my live legs is muted. */
export const isAnyOfMineMuted = (participants: readonly ConferenceParticipant[]): boolean =>
  participants.some((leg) => leg.isLive && leg.isMyself && leg.muted)

/**
 * The one array holding exactly these members, in this order: a filtered list keeps its reference
 * while its members are the same view objects, whichever conference was read in between.
 *
 * @remarks reselect's `resultEqualityCheck` compares a new result with the selector's *last* result
 * only; one selector instance serves every conference, so on a supervisor's wall that last result
 * belongs to another conference and the check never hits. Interning by the members does not depend
 * on call order. The cache is keyed by the members in `WeakMap`s, so it is released with them.
 */
export const sameListFor: <T extends object>(members: readonly T[]) => readonly T[] = (() => {
  const intern = weakMapMemoize((...members: object[]): readonly object[] => members)
  return <T extends object>(members: readonly T[]) => intern(...members) as readonly T[]
})()

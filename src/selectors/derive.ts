/**
 * The exact definitions of DESIGN section 5, as pure functions over a conference's legs in join order.
 *
 * @module
 */
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

/** Same length, same items: keeps a filtered list's reference when its contents did not change. */
export function shallowEqualArrays<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

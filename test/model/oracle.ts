/**
 * A small reference model of the definitions in docs/architecture.md ("Derived values"): random
 * calls are simulated in true sequence order, and the model says what every selector must give.
 */
import fc from 'fast-check'
import {
  announcementEnded,
  conferenceEnded,
  conferenceSnapshotReceived,
  conferenceStarted,
  participantHeld,
  participantJoined,
  participantLeft,
  participantModified,
  participantMuted,
  participantSpeechStarted,
  participantSpeechStopped,
  participantUnheld,
  participantUnmuted,
  type ConferenceEvent,
  type ParticipantFlags,
  type ParticipantType,
  type SnapshotParticipant,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

export const ME = fakeSid('WK', 1)
const SLOTS: ReadonlyArray<{ type: ParticipantType; workerSid?: string }> = [
  { type: 'customer' },
  { type: 'worker', workerSid: ME },
  { type: 'worker', workerSid: fakeSid('WK', 2) },
  { type: 'supervisor', workerSid: fakeSid('WK', 3) },
]
const OPS = ['join', 'rejoinNew', 'leave', 'hold', 'unhold', 'mute', 'unmute', 'coach', 'speechStart', 'speechStop', 'announce', 'snapshot'] as const
type Op = { kind: (typeof OPS)[number]; slot: number }

/** What the model knows of one leg. */
export interface ModelLeg {
  callSid: string
  type: ParticipantType
  workerSid?: string
  present: boolean
  flags: ParticipantFlags
  speaking: boolean
  leftReason?: string
  firstSequence: number
}

/** One conference as the model ends it, and the events (with snapshots) that tell it. */
export interface ModelCall {
  conferenceSid: string
  status: 'setup' | 'active' | 'closed'
  legs: ModelLeg[]
  events: ConferenceEvent[]
  /** Sequence number of the conference end, if it ended. */
  endSequence?: number
  /** A leg left and came back with the same call SID. */
  rejoinedSameCallSid: boolean
}

const opArbitrary: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom(...OPS), slot: fc.nat({ max: SLOTS.length - 1 }) })

/** Simulates one call in true order. Snapshots are taken at random points with `asOf`. */
export function simulateCall(index: number, ops: readonly Op[], ends: boolean): ModelCall {
  const conferenceSid = fakeSid('CF', index)
  const start = Date.UTC(2026, 0, 1) + index * 3_600_000
  const slots = new Map<number, ModelLeg>()
  const all: ModelLeg[] = []
  const events: ConferenceEvent[] = []
  let sequence = 0
  let started = false
  let calls = 0
  let rejoinedSameCallSid = false
  const at = () => start + sequence * 1000
  const base = () => ({ conferenceSid, sequence, timestamp: at() })
  const identity = (leg: ModelLeg) => ({ participantType: leg.type, label: leg.type })
  const legEvent = (leg: ModelLeg, extra: object = {}) => ({ ...base(), callSid: leg.callSid, flags: { ...leg.flags }, identity: identity(leg), ...extra })

  const join = (slot: number, fresh: boolean) => {
    let leg = slots.get(slot)
    if (leg?.present) return
    sequence += 1
    if (leg === undefined || fresh) {
      calls += 1
      const { type, workerSid } = SLOTS[slot]!
      leg = {
        callSid: fakeSid('CA', index * 1000 + calls),
        type,
        ...(workerSid === undefined ? {} : { workerSid }),
        present: true,
        speaking: false,
        flags: { muted: false, onHold: false, coaching: false, endConferenceOnExit: false, startConferenceOnEnter: true },
        firstSequence: sequence,
      }
      slots.set(slot, leg)
      all.push(leg)
    } else {
      rejoinedSameCallSid = true
    }
    leg.present = true
    events.push(participantJoined(legEvent(leg), at()))
    // Flex's own participant event mirrors the callback at the same sequence and knows the worker.
    if (leg.workerSid !== undefined) {
      events.push(participantModified(legEvent(leg, { identity: { ...identity(leg), workerSid: leg.workerSid } }), at() + 1))
    }
    if (!started) {
      started = true
      sequence += 1
      events.push(conferenceStarted(base(), at()))
    }
  }

  for (const op of ops) {
    if (op.kind === 'join' || op.kind === 'rejoinNew') {
      join(op.slot, op.kind === 'rejoinNew')
      continue
    }
    if (op.kind === 'snapshot') {
      const listed: SnapshotParticipant[] = all
        .filter((leg) => leg.present)
        .map((leg) => ({
          callSid: leg.callSid,
          status: 'joined',
          flags: { ...leg.flags },
          identity: { ...identity(leg), ...(leg.workerSid === undefined ? {} : { workerSid: leg.workerSid }) },
        }))
      const asOf = (sequence + 1) * 2 ** 20
      events.push(
        conferenceSnapshotReceived(
          { conferenceSid, requestedAt: at(), asOf, source: 'model', ...(started ? { status: 'active' } : {}), participants: listed },
          at(),
        ),
      )
      continue
    }
    if (op.kind === 'announce') {
      sequence += 1
      events.push(announcementEnded(base(), at()))
      continue
    }
    const leg = slots.get(op.slot)
    if (leg === undefined || !leg.present) continue
    sequence += 1
    switch (op.kind) {
      case 'leave':
        leg.present = false
        leg.leftReason = 'participant_hung_up'
        events.push(participantLeft(legEvent(leg, { reason: 'participant_hung_up' }), at()))
        break
      case 'hold':
      case 'unhold':
        leg.flags.onHold = op.kind === 'hold'
        events.push((op.kind === 'hold' ? participantHeld : participantUnheld)(legEvent(leg), at()))
        break
      case 'mute':
      case 'unmute':
        leg.flags.muted = op.kind === 'mute'
        events.push((op.kind === 'mute' ? participantMuted : participantUnmuted)(legEvent(leg), at()))
        break
      case 'coach':
        leg.flags.coaching = !leg.flags.coaching
        events.push(participantModified(legEvent(leg), at()))
        break
      case 'speechStart':
      case 'speechStop':
        leg.speaking = op.kind === 'speechStart'
        events.push((op.kind === 'speechStart' ? participantSpeechStarted : participantSpeechStopped)(legEvent(leg), at()))
        break
    }
  }
  let endSequence: number | undefined
  if (ends && started) {
    sequence += 1
    endSequence = sequence
    for (const leg of all) leg.present = false
    events.push(conferenceEnded({ ...base(), reasonEnded: 'last-participant-left' }, at()))
  }
  return {
    conferenceSid,
    status: endSequence !== undefined ? 'closed' : started ? 'active' : 'setup',
    legs: all,
    events,
    ...(endSequence === undefined ? {} : { endSequence }),
    rejoinedSameCallSid,
  }
}

/** Random calls: one to three conferences. */
export const modelCalls: fc.Arbitrary<ModelCall[]> = fc
  .array(fc.tuple(fc.array(opArbitrary, { minLength: 1, maxLength: 24 }), fc.boolean()), { minLength: 1, maxLength: 3 })
  .map((calls) => calls.map(([ops, ends], index) => simulateCall(index + 1, ops, ends)).filter((call) => call.events.length > 0))

/** What the selectors must give for one conference, by the definitions. */
export function expectedView(call: ModelCall, maxLeft: number) {
  const ordered = [...call.legs].sort((a, b) => a.firstSequence - b.firstSequence || (a.callSid < b.callSid ? -1 : 1))
  const departed = ordered.filter((leg) => !leg.present).map((leg) => leg.callSid).sort()
  const forgotten = new Set(departed.slice(0, Math.max(0, departed.length - maxLeft)))
  const kept = ordered.filter((leg) => !forgotten.has(leg.callSid))
  const live = kept.filter((leg) => leg.present)
  const isMine = (leg: ModelLeg) => leg.workerSid === ME
  let count = 0
  let countedMe = false
  for (const leg of live) {
    if (leg.type === 'transfer' || leg.type === 'supervisor') continue
    if (isMine(leg)) {
      if (countedMe) continue
      countedMe = true
    }
    count += 1
  }
  const seenWorkers = new Set<string>()
  const liveWorkers = live.filter((leg) => {
    if (leg.type !== 'worker' || leg.workerSid === undefined || seenWorkers.has(leg.workerSid)) return false
    seenWorkers.add(leg.workerSid)
    return true
  })
  return {
    status: call.status,
    liveParticipantCount: count,
    liveWorkers: liveWorkers.map((leg) => leg.callSid),
    isCustomerOnHold: live.some((leg) => leg.type === 'customer' && leg.flags.onHold),
    isMyselfOnHold: live.some((leg) => isMine(leg) && leg.flags.onHold),
    isMyselfMuted: live.some((leg) => isMine(leg) && leg.flags.muted),
    isGroupCall: count > 2,
    participants: kept.map((leg) => ({
      callSid: leg.callSid,
      live: leg.present,
      participantType: leg.type,
      workerSid: leg.workerSid,
      isMyself: isMine(leg),
      onHold: leg.flags.onHold,
      muted: leg.flags.muted,
      coaching: leg.flags.coaching,
      speaking: leg.present && leg.speaking,
      leftReason: leg.present ? undefined : leg.leftReason,
    })),
  }
}

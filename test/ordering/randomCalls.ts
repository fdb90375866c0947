/**
 * fast-check arbitraries for valid conference event streams, in true sequence order.
 *
 * Besides the everyday events they hold the cases ordering rules must agree on whatever the
 * arrival order (docs/guarantees.md, G1, G4, G6): departures that arrive after their
 * `recently_left` window, a join and a leave reported at one sequence, snapshots with `asOf` that
 * list or omit legs (an unknown one too), conference ends (some past the window), flags, identity,
 * leaves and snapshots after the end (of legs present or never joined), and conference details
 * that disagree from event to event.
 */
import fc from 'fast-check'
import {
  conferenceEnded,
  conferenceSnapshotReceived,
  conferenceStarted,
  participantHeld,
  participantIdentified,
  participantJoined,
  participantLeft,
  participantModified,
  participantMuted,
  participantSpeechStarted,
  participantSpeechStopped,
  participantUnheld,
  participantUnmuted,
  type ConferenceEvent,
  type ConferenceEventBase,
  type ParticipantFlags,
  type SnapshotParticipant,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const LABELS = ['customer', 'worker:WK00000000000000000000000000000001', 'worker:WK00000000000000000000000000000002', 'supervisor:WK0000000000000000000000000000000f', 'transfer', 'external']
const OPS = ['hold', 'unhold', 'mute', 'unmute', 'coach', 'speechStart', 'speechStop', 'leave', 'join', 'staleLeave', 'tiedLeave', 'snapshot'] as const
const LATE_OPS = ['modify', 'identify', 'leave', 'snapshot'] as const
/** Legs 0–4 may join; leg 5 is only ever named by late flags or identity, or listed by a snapshot. */
const UNJOINED_LEG = 5
/** How long after its source time a stale event arrives: past the default 5 s window. */
const STALE_DELAY_MS = 60_000
/** Conference details that disagree from event to event (index 0: none given). */
const DETAILS = [{}, { friendlyName: 'room-a', taskSid: fakeSid('WT', 1) }, { friendlyName: 'room-b', taskSid: fakeSid('WT', 2) }] as const

type Op = { kind: (typeof OPS)[number]; leg: number; detail: number; omitted: number }
type LateOp = { kind: (typeof LATE_OPS)[number]; leg: number; omitted: number }

const opArbitrary: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom(...OPS),
  leg: fc.nat({ max: 4 }),
  detail: fc.nat({ max: DETAILS.length - 1 }),
  omitted: fc.nat({ max: 63 }),
})
const lateOpArbitrary: fc.Arbitrary<LateOp> = fc.record({
  kind: fc.constantFrom(...LATE_OPS),
  leg: fc.nat({ max: UNJOINED_LEG }),
  omitted: fc.nat({ max: 63 }),
})
const endArbitrary = fc.constantFrom('none', 'fresh', 'stale')

/** One conference's events in sequence order, built from random operations that make sense. */
function buildCall(conference: number, ops: readonly Op[], end: 'none' | 'fresh' | 'stale', late: readonly LateOp[]): ConferenceEvent[] {
  const conferenceSid = fakeSid('CF', conference)
  const start = Date.UTC(2026, 0, 1) + conference * 3_600_000
  const legs = new Map<number, { callSid: string; label: string; present: boolean; flags: ParticipantFlags }>()
  const events: ConferenceEvent[] = []
  let sequence = 0
  let detail = 0
  const stamp = (): ConferenceEventBase & { timestamp: number } => {
    sequence += 1
    return { conferenceSid, sequence, timestamp: start + sequence * 1000, ...DETAILS[detail] }
  }
  /** Arrives at its source time, or `delay` later. */
  const push = (create: (payload: never, at: number) => ConferenceEvent, payload: object, delay = 0) => {
    const typed = payload as { timestamp: number }
    events.push(create(payload as never, typed.timestamp + delay))
  }
  const identityOf = (label: string) => ({
    participantType: label.split(':')[0] as 'customer',
    label,
    ...(label.includes(':') ? { workerSid: label.split(':')[1] } : {}),
  })
  const legEvent = (leg: { callSid: string; label: string; flags: ParticipantFlags }, extra: object = {}) => ({
    ...stamp(),
    callSid: leg.callSid,
    flags: { ...leg.flags },
    identity: identityOf(leg.label),
    ...extra,
  })
  const callSidOf = (index: number) => fakeSid('CA', conference * 100 + index)
  /** A snapshot asked for after the last event: it lists the present legs but those `omitted` names (bit 5: an unknown leg too). */
  const snapshot = (omitted: number) => {
    const listed: SnapshotParticipant[] = [...legs]
      .filter(([index, leg]) => leg.present && (omitted & (1 << index)) === 0)
      .map(([, leg]) => ({ callSid: leg.callSid, status: 'joined', flags: { ...leg.flags }, identity: identityOf(leg.label) }))
    if ((omitted & (1 << UNJOINED_LEG)) !== 0) listed.push({ callSid: callSidOf(UNJOINED_LEG), status: 'joined' })
    const at = start + sequence * 1000 + 500
    const asOf = (sequence + 1) * 2 ** 20
    events.push(conferenceSnapshotReceived({ conferenceSid, requestedAt: at, asOf, source: 'test', participants: listed }, at))
  }
  let started = false
  for (const op of ops) {
    detail = op.detail
    if (op.kind === 'snapshot') {
      snapshot(op.omitted)
      continue
    }
    let leg = legs.get(op.leg)
    if (leg === undefined || op.kind === 'join') {
      if (leg !== undefined) continue
      leg = {
        callSid: callSidOf(op.leg),
        label: LABELS[op.leg % LABELS.length] as string,
        present: true,
        flags: { muted: false, onHold: false, coaching: false, endConferenceOnExit: false, startConferenceOnEnter: true },
      }
      legs.set(op.leg, leg)
      push(participantJoined, legEvent(leg))
      if (!started && legs.size === 2) {
        started = true
        push(conferenceStarted, stamp())
      }
      continue
    }
    if (!leg.present) continue
    switch (op.kind) {
      case 'hold':
      case 'unhold':
        leg.flags.onHold = op.kind === 'hold'
        push(op.kind === 'hold' ? participantHeld : participantUnheld, legEvent(leg))
        break
      case 'mute':
      case 'unmute':
        leg.flags.muted = op.kind === 'mute'
        push(op.kind === 'mute' ? participantMuted : participantUnmuted, legEvent(leg))
        break
      case 'coach':
        leg.flags.coaching = !leg.flags.coaching
        push(participantModified, legEvent(leg))
        break
      case 'speechStart':
      case 'speechStop':
        push(op.kind === 'speechStart' ? participantSpeechStarted : participantSpeechStopped, legEvent(leg))
        break
      case 'leave':
      case 'staleLeave':
        leg.present = false
        push(participantLeft, legEvent(leg, { reason: 'participant_hung_up', callStatus: 'completed' }), op.kind === 'staleLeave' ? STALE_DELAY_MS : 0)
        break
      case 'tiedLeave': {
        // Two sources disagree at one sequence: a join and a leave. The join is preferred, so the leg stays.
        const tied = legEvent(leg)
        push(participantJoined, tied)
        push(participantLeft, { ...tied, reason: 'participant_hung_up' })
        break
      }
    }
  }
  if (end === 'none') return events
  push(conferenceEnded, { ...stamp(), reasonEnded: 'last-participant-left' }, end === 'stale' ? STALE_DELAY_MS : 0)
  for (const op of late) {
    if (op.kind === 'snapshot') {
      // Contrived: taken after the end, it still lists legs as present.
      snapshot(op.omitted)
      continue
    }
    const leg = legs.get(op.leg) ?? { callSid: callSidOf(op.leg), label: 'external', present: false, flags: { muted: true, onHold: false, coaching: false, endConferenceOnExit: false, startConferenceOnEnter: false } }
    if (op.kind === 'modify') push(participantModified, { ...stamp(), callSid: leg.callSid, flags: { ...leg.flags, coaching: true } })
    else if (op.kind === 'identify') push(participantIdentified, { ...stamp(), callSid: leg.callSid, identity: { displayName: `late ${op.leg}` } })
    else if (leg.present) {
      leg.present = false
      push(participantLeft, legEvent(leg, { reason: 'conference_ended' }))
    }
  }
  return events
}

/** Events of one or two conferences, in true order. */
export const validEvents: fc.Arbitrary<ConferenceEvent[]> = fc
  .array(fc.tuple(fc.array(opArbitrary, { minLength: 1, maxLength: 25 }), endArbitrary, fc.array(lateOpArbitrary, { maxLength: 4 })), { minLength: 1, maxLength: 2 })
  .map((calls) => calls.flatMap(([ops, end, late], index) => buildCall(index + 1, ops, end, late)))

/** The same events as delivered: in any order, some twice. */
export const deliveries = (events: ConferenceEvent[]): fc.Arbitrary<ConferenceEvent[]> =>
  fc
    .subarray(events)
    .chain((duplicates) => {
      const all = [...events, ...duplicates]
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length })
    })

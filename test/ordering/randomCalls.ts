/**
 * fast-check arbitraries for valid conference event streams, in true sequence order.
 */
import fc from 'fast-check'
import {
  conferenceEnded,
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
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const LABELS = ['customer', 'worker:WK00000000000000000000000000000001', 'worker:WK00000000000000000000000000000002', 'supervisor:WK0000000000000000000000000000000f', 'transfer', 'external']
const OPS = ['hold', 'unhold', 'mute', 'unmute', 'coach', 'speechStart', 'speechStop', 'leave', 'join'] as const
type Op = { kind: (typeof OPS)[number]; leg: number }

const opArbitrary: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom(...OPS), leg: fc.nat({ max: 4 }) })

/** One conference's events in sequence order, built from random operations that make sense. */
function buildCall(conference: number, ops: readonly Op[], ends: boolean): ConferenceEvent[] {
  const conferenceSid = fakeSid('CF', conference)
  const start = Date.UTC(2026, 0, 1) + conference * 3_600_000
  const legs = new Map<number, { callSid: string; label: string; present: boolean; flags: ParticipantFlags }>()
  const events: ConferenceEvent[] = []
  let sequence = 0
  const stamp = () => {
    sequence += 1
    return { conferenceSid, sequence, timestamp: start + sequence * 1000 }
  }
  const push = (create: (payload: never, at: number) => ConferenceEvent, payload: object) => {
    const typed = payload as { timestamp: number }
    events.push(create(payload as never, typed.timestamp))
  }
  const legEvent = (leg: { callSid: string; label: string; flags: ParticipantFlags }, extra: object = {}) => ({
    ...stamp(),
    callSid: leg.callSid,
    flags: { ...leg.flags },
    identity: { participantType: leg.label.split(':')[0] as 'customer', label: leg.label, ...(leg.label.includes(':') ? { workerSid: leg.label.split(':')[1] } : {}) },
    ...extra,
  })
  let started = false
  for (const op of ops) {
    let leg = legs.get(op.leg)
    if (leg === undefined || op.kind === 'join') {
      if (leg !== undefined) continue
      leg = {
        callSid: fakeSid('CA', conference * 100 + op.leg),
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
        leg.present = false
        push(participantLeft, legEvent(leg, { reason: 'participant_hung_up', callStatus: 'completed' }))
        break
    }
  }
  if (ends) push(conferenceEnded, { ...stamp(), reasonEnded: 'last-participant-left' })
  return events
}

/** Events of one or two conferences, in true order. */
export const validEvents: fc.Arbitrary<ConferenceEvent[]> = fc
  .array(fc.tuple(fc.array(opArbitrary, { minLength: 1, maxLength: 25 }), fc.boolean()), { minLength: 1, maxLength: 2 })
  .map((calls) => calls.flatMap(([ops, ends], index) => buildCall(index + 1, ops, ends)))

/** The same events as delivered: in any order, some twice. */
export const deliveries = (events: ConferenceEvent[]): fc.Arbitrary<ConferenceEvent[]> =>
  fc
    .subarray(events)
    .chain((duplicates) => {
      const all = [...events, ...duplicates]
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length })
    })

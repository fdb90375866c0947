/**
 * The supervisor wall's traffic: a fixed number of live conferences, each a
 * {@link SimulatedConference}, producing Twilio-like callbacks at a configurable rate. Each event
 * goes through `fromTwilioStatusCallback`, as a real webhook body would. When a call ends, a new
 * one takes its slot, so the number of live conferences stays the same.
 */
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import { participantIdentified, type ConferenceEvent } from 'conference-state'
import { createObservable, type Observable } from '../feed/observable'
import { agentName } from './names'
import { createRandom } from './random'
import { sid } from './sids'
import { SimulatedConference, type TwilioBody } from './simulatedConference'

export interface LoadGeneratorOptions {
  /** Live conferences kept on the wall. */
  conferences: number
  /** Events per second, after the initial joins. */
  ratePerSecond: number
  seed?: number
}

export interface LoadGenerator {
  /** Whether a conference is one of the generator's (the event log leaves those out). */
  owns(conferenceSid: string): boolean
  /** The current rate (events per second) and whether it is paused. */
  readonly settings: Observable<{ ratePerSecond: number; paused: boolean }>
  setRate(ratePerSecond: number): void
  setPaused(paused: boolean): void
  /** Called by the feed once per frame. */
  produce(dtMs: number): readonly ConferenceEvent[]
}

/** Wall conferences are `CF000…0e…`, distinct from the scenarios' and the agent's call. */
const WALL_BASE = 0xe0000000
const WALL_PREFIX = sid('CF', WALL_BASE).slice(0, -7)

interface Slot {
  conference: SimulatedConference
  customer: string
  agent: string
  agentNumber: number
  consult?: string
  supervisor?: string
}

export function createLoadGenerator(options: LoadGeneratorOptions): LoadGenerator {
  const random = createRandom(options.seed ?? 20261113)
  const settings = createObservable({ ratePerSecond: options.ratePerSecond, paused: false })
  const slots: Slot[] = []
  let created = 0
  let budget = 0
  let seeded = false

  const agentCount = Math.max(options.conferences * 2, 16)
  const worker = (n: number) => sid('WK', 0x10000 + n)

  function emit(out: ConferenceEvent[], body: TwilioBody | undefined, now: number) {
    if (body !== undefined) out.push(fromTwilioStatusCallback(body, { receivedAt: now }))
  }

  function identify(out: ConferenceEvent[], conference: SimulatedConference, callSid: string, displayName: string, now: number) {
    out.push(
      participantIdentified({ conferenceSid: conference.conferenceSid, callSid, identity: { displayName } }, now),
    )
  }

  function joinWorker(out: ConferenceEvent[], conference: SimulatedConference, agentNumber: number, now: number): string {
    const body = conference.join(`worker:${worker(agentNumber)}`)
    emit(out, body, now)
    identify(out, conference, body.CallSid as string, agentName(agentNumber), now)
    return body.CallSid as string
  }

  function newSlot(out: ConferenceEvent[], now: number): Slot {
    created += 1
    const n = WALL_BASE + created
    const conference = new SimulatedConference(sid('CF', n), sid('WT', n), n * 16)
    const customerBody = conference.join('customer', { EndConferenceOnExit: true })
    emit(out, customerBody, now)
    const agentNumber = random.int(agentCount)
    const slot: Slot = { conference, customer: customerBody.CallSid as string, agent: '', agentNumber }
    slot.agent = joinWorker(out, conference, agentNumber, now)
    emit(out, conference.start(), now)
    return slot
  }

  /** A newly seeded wall starts in varied states, not 1,000 identical calls. */
  function vary(out: ConferenceEvent[], slot: Slot, now: number) {
    if (random.chance(0.15)) emit(out, slot.conference.hold(slot.customer, true), now)
    if (random.chance(0.1)) emit(out, slot.conference.mute(slot.agent, true), now)
    if (random.chance(0.2)) slot.consult = joinWorker(out, slot.conference, random.int(agentCount), now)
    if (random.chance(0.08)) slot.supervisor = emitSupervisor(out, slot, now)
  }

  function emitSupervisor(out: ConferenceEvent[], slot: Slot, now: number): string {
    const body = slot.conference.join(`supervisor:${worker(agentCount + (slot.agentNumber % 8))}`, {
      Muted: true,
      StartConferenceOnEnter: false,
    })
    emit(out, body, now)
    return body.CallSid as string
  }

  function endCall(out: ConferenceEvent[], slot: Slot, now: number) {
    const { conference } = slot
    // The customer hangs up; with EndConferenceOnExit, Twilio removes everyone else.
    emit(out, conference.leave(slot.customer), now)
    for (const leg of conference.liveLegs()) emit(out, conference.leave(leg.callSid, 'moderator_ended_conference'), now)
    emit(out, conference.end('participant-with-end-conference-on-exit-left'), now)
  }

  function step(out: ConferenceEvent[], now: number) {
    const index = random.int(slots.length)
    const slot = slots[index] as Slot
    const { conference } = slot
    if (random.chance(0.004)) {
      endCall(out, slot, now)
      slots[index] = newSlot(out, now)
      return
    }
    const roll = random.next()
    if (roll < 0.12) {
      const customer = conference.leg(slot.customer)
      emit(out, conference.hold(slot.customer, !(customer?.Hold ?? false)), now)
    } else if (roll < 0.2) {
      const target = random.chance(0.7) ? slot.agent : slot.customer
      emit(out, conference.mute(target, !(conference.leg(target)?.Muted ?? false)), now)
    } else if (roll < 0.26) {
      if (slot.consult === undefined) slot.consult = joinWorker(out, conference, random.int(agentCount), now)
      else {
        emit(out, conference.leave(slot.consult), now)
        slot.consult = undefined
      }
    } else if (roll < 0.3) {
      if (slot.supervisor === undefined) slot.supervisor = emitSupervisor(out, slot, now)
      else {
        emit(out, conference.leave(slot.supervisor, 'participant_updated_via_api'), now)
        slot.supervisor = undefined
      }
    } else if (roll < 0.33 && slot.supervisor !== undefined) {
      const coaching = !(conference.leg(slot.supervisor)?.Coaching ?? false)
      emit(out, conference.coach(slot.supervisor, coaching), now)
      emit(out, conference.mute(slot.supervisor, !coaching), now)
    } else {
      const legs = conference.liveLegs()
      const leg = legs[random.int(legs.length)]
      if (leg !== undefined) emit(out, conference.speech(leg.callSid, !leg.speaking), now)
    }
  }

  return {
    owns: (conferenceSid) => conferenceSid.startsWith(WALL_PREFIX),
    settings,
    setRate: (ratePerSecond) => settings.set({ ...settings.get(), ratePerSecond }),
    setPaused: (paused) => settings.set({ ...settings.get(), paused }),
    produce(dtMs) {
      const now = Date.now()
      const out: ConferenceEvent[] = []
      if (!seeded) {
        seeded = true
        for (let i = 0; i < options.conferences; i += 1) {
          const slot = newSlot(out, now)
          vary(out, slot, now)
          slots.push(slot)
        }
        return out
      }
      const { ratePerSecond, paused } = settings.get()
      if (paused || slots.length === 0) return out
      budget += (ratePerSecond * dtMs) / 1000
      while (out.length < budget) step(out, now)
      budget -= out.length
      return out
    },
  }
}

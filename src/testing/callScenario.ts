/**
 * A builder of realistic Twilio conference callbacks for your own tests: it keeps each leg's flags,
 * numbers the events and advances an explicit clock, so tests never read the wall clock.
 *
 * @module
 */
import { fromTwilioStatusCallback } from '../adapters/twilioStatusCallback'
import type { ConferenceEvent } from '../events'

/**
 * A Twilio-shaped SID: `prefix` and 32 hex digits made from `n`.
 * @example
 * ```ts
 * fakeSid('CA', 1) // 'CA00000000000000000000000000000001'
 * ```
 */
export function fakeSid(prefix: string, n: number): string {
  return prefix + n.toString(16).padStart(32, '0')
}

/** Options of {@link createCallScenario}. */
export interface CallScenarioOptions {
  /** Distinguishes the SIDs of several scenarios in one test. Default 1. */
  id?: number
  /** Source time of the first event (epoch ms). Default 2026-01-01T09:00:00Z. */
  startAt?: number
  /** Time between events (ms). Default 1000 (Twilio timestamps have one-second resolution). */
  stepMs?: number
}

interface Leg {
  callSid: string
  label?: string
  Muted: boolean
  Hold: boolean
  Coaching: boolean
  EndConferenceOnExit: boolean
  StartConferenceOnEnter: boolean
}

const rfc2822 = (time: number) => new Date(time).toUTCString().replace('GMT', '+0000')

/**
 * Creates a call scenario: add legs, act on them, then read `callbacks` (Twilio bodies) or
 * `actions()` (what the adapter makes of them, received at their source time).
 *
 * @param options - SID seed, start time and step.
 * @returns The builder.
 * @example
 * ```ts
 * const call = createCallScenario()
 * const customer = call.join('customer')
 * const me = call.join('worker:WK…')
 * call.start()
 * call.hold(customer)
 * store.dispatch(eventsReceived(call.actions()))
 * ```
 */
export function createCallScenario(options: CallScenarioOptions = {}) {
  const id = options.id ?? 1
  const stepMs = options.stepMs ?? 1000
  const conferenceSid = fakeSid('CF', id)
  const taskSid = fakeSid('WT', id)
  const callbacks: Array<Record<string, string>> = []
  const legs = new Map<string, Leg>()
  let sequence = 0
  let clock = options.startAt ?? Date.UTC(2026, 0, 1, 9)

  const emit = (event: string, extra: Record<string, string> = {}, leg?: Leg) => {
    sequence += 1
    clock += stepMs
    const body: Record<string, string> = {
      AccountSid: fakeSid('AC', 1),
      ConferenceSid: conferenceSid,
      FriendlyName: taskSid,
      SequenceNumber: String(sequence),
      StatusCallbackEvent: event,
      Timestamp: rfc2822(clock),
    }
    if (leg !== undefined) {
      body.CallSid = leg.callSid
      for (const flag of ['Muted', 'Hold', 'Coaching', 'EndConferenceOnExit', 'StartConferenceOnEnter'] as const) {
        body[flag] = String(leg[flag])
      }
      if (leg.label !== undefined) body.ParticipantLabel = leg.label
    }
    callbacks.push({ ...body, ...extra })
  }
  const legOf = (callSid: string): Leg => {
    const leg = legs.get(callSid)
    if (leg === undefined) throw new Error(`createCallScenario: no leg ${callSid}; call join() first`)
    return leg
  }
  const toggle = (event: string, flag: 'Muted' | 'Hold' | 'Coaching' | 'EndConferenceOnExit', value: boolean) =>
    (callSid: string) => {
      const leg = legOf(callSid)
      leg[flag] = value
      emit(event, {}, leg)
    }

  return {
    conferenceSid,
    taskSid,
    callbacks,
    /** The source time of the last event. */
    get now() {
      return clock
    },
    /** A leg joins; returns its call SID. `label` as in Twilio: `customer`, `worker:WK…`, … */
    join(label?: string, flags: Partial<Pick<Leg, 'Muted' | 'Hold' | 'Coaching' | 'EndConferenceOnExit'>> = {}): string {
      const callSid = fakeSid('CA', id * 1000 + legs.size + 1)
      const leg: Leg = {
        callSid,
        Muted: false,
        Hold: false,
        Coaching: false,
        EndConferenceOnExit: false,
        StartConferenceOnEnter: true,
        ...flags,
        ...(label === undefined ? {} : { label }),
      }
      legs.set(callSid, leg)
      emit('participant-join', {}, leg)
      return callSid
    },
    leave(callSid: string, reason = 'participant_hung_up', callStatus = 'completed') {
      emit('participant-leave', { ReasonParticipantLeft: reason, ParticipantCallStatus: callStatus }, legOf(callSid))
    },
    start() {
      emit('conference-start')
    },
    end(reasonEnded = 'last-participant-left') {
      emit('conference-end', { ReasonConferenceEnded: reasonEnded })
    },
    hold: toggle('participant-hold', 'Hold', true),
    unhold: toggle('participant-unhold', 'Hold', false),
    mute: toggle('participant-mute', 'Muted', true),
    unmute: toggle('participant-unmute', 'Muted', false),
    coach: toggle('participant-modify', 'Coaching', true),
    stopCoaching: toggle('participant-modify', 'Coaching', false),
    speechStart(callSid: string) {
      emit('participant-speech-start', {}, legOf(callSid))
    },
    speechStop(callSid: string) {
      emit('participant-speech-stop', {}, legOf(callSid))
    },
    /** The callbacks as actions, each received at its own source time. */
    actions(): ConferenceEvent[] {
      return callbacks.map((body) => fromTwilioStatusCallback(body, { receivedAt: Date.parse(body.Timestamp as string) }))
    },
  }
}

/** The builder {@link createCallScenario} returns. */
export type CallScenario = ReturnType<typeof createCallScenario>

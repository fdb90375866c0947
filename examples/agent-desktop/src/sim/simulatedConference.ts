/**
 * One conference on the "Twilio side" of the demo: it owns the legs' flags and the sequence
 * numbers, and produces status-callback bodies exactly as Twilio POSTs them (the same fields as
 * `createCallScenario` in `conference-state/testing`, stamped with the wall clock, and without
 * keeping a history, so thousands of them can run for hours).
 */
import { sid } from './sids'

/** A Twilio status-callback body: form fields as strings. */
export type TwilioBody = Record<string, string>

export interface LegFlags {
  Muted: boolean
  Hold: boolean
  Coaching: boolean
  EndConferenceOnExit: boolean
  StartConferenceOnEnter: boolean
}

export interface SimulatedLeg extends LegFlags {
  callSid: string
  label: string
  /** Joined and not yet left, on the Twilio side. */
  inCall: boolean
  speaking: boolean
}

const ACCOUNT_SID = sid('AC', 0xac)
const rfc2822 = (time: number) => new Date(time).toUTCString().replace('GMT', '+0000')

export class SimulatedConference {
  readonly legs = new Map<string, SimulatedLeg>()
  private sequence = 0
  private legCount = 0
  ended = false

  constructor(
    readonly conferenceSid: string,
    readonly taskSid: string,
    private readonly callSidBase: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A call SID for a new leg of this conference. */
  nextCallSid(): string {
    this.legCount += 1
    return sid('CA', this.callSidBase + this.legCount)
  }

  /** Legs in the call, in join order. */
  liveLegs(): SimulatedLeg[] {
    return [...this.legs.values()].filter((leg) => leg.inCall)
  }

  private body(event: string, leg?: SimulatedLeg, extra: TwilioBody = {}): TwilioBody {
    this.sequence += 1
    const body: TwilioBody = {
      AccountSid: ACCOUNT_SID,
      ConferenceSid: this.conferenceSid,
      FriendlyName: this.taskSid,
      SequenceNumber: String(this.sequence),
      StatusCallbackEvent: event,
      Timestamp: rfc2822(this.now()),
    }
    if (leg !== undefined) {
      body.CallSid = leg.callSid
      body.Muted = String(leg.Muted)
      body.Hold = String(leg.Hold)
      body.Coaching = String(leg.Coaching)
      body.EndConferenceOnExit = String(leg.EndConferenceOnExit)
      body.StartConferenceOnEnter = String(leg.StartConferenceOnEnter)
      body.ParticipantLabel = leg.label
    }
    return { ...body, ...extra }
  }

  leg(callSid: string): SimulatedLeg | undefined {
    return this.legs.get(callSid)
  }

  /** A leg joins (for an add: when the callee answers). */
  join(label: string, flags: Partial<LegFlags> = {}, callSid = this.nextCallSid()): TwilioBody {
    const leg: SimulatedLeg = {
      callSid,
      label,
      Muted: false,
      Hold: false,
      Coaching: false,
      EndConferenceOnExit: false,
      StartConferenceOnEnter: true,
      ...flags,
      inCall: true,
      speaking: false,
    }
    this.legs.set(callSid, leg)
    return this.body('participant-join', leg)
  }

  start(): TwilioBody {
    return this.body('conference-start')
  }

  /** A dialled leg that never answered: Twilio sends only a leave. */
  addFailed(callSid: string, label: string): TwilioBody {
    const leg: SimulatedLeg = {
      callSid,
      label,
      Muted: false,
      Hold: false,
      Coaching: false,
      EndConferenceOnExit: false,
      StartConferenceOnEnter: true,
      inCall: false,
      speaking: false,
    }
    this.legs.set(callSid, leg)
    return this.body('participant-leave', leg, { ReasonParticipantLeft: 'participant_add_failed', ParticipantCallStatus: 'no-answer' })
  }

  leave(callSid: string, reason = 'participant_hung_up', callStatus = 'completed'): TwilioBody | undefined {
    const leg = this.legs.get(callSid)
    if (leg === undefined || !leg.inCall) return undefined
    leg.inCall = false
    leg.speaking = false
    return this.body('participant-leave', leg, { ReasonParticipantLeft: reason, ParticipantCallStatus: callStatus })
  }

  end(reason = 'last-participant-left'): TwilioBody {
    this.ended = true
    return this.body('conference-end', undefined, { ReasonConferenceEnded: reason })
  }

  private toggle(callSid: string, flag: 'Hold' | 'Muted' | 'Coaching', value: boolean, event: string): TwilioBody | undefined {
    const leg = this.legs.get(callSid)
    if (leg === undefined || !leg.inCall) return undefined
    leg[flag] = value
    return this.body(event, leg)
  }

  hold(callSid: string, hold: boolean): TwilioBody | undefined {
    return this.toggle(callSid, 'Hold', hold, hold ? 'participant-hold' : 'participant-unhold')
  }

  mute(callSid: string, muted: boolean): TwilioBody | undefined {
    return this.toggle(callSid, 'Muted', muted, muted ? 'participant-mute' : 'participant-unmute')
  }

  coach(callSid: string, coaching: boolean): TwilioBody | undefined {
    return this.toggle(callSid, 'Coaching', coaching, 'participant-modify')
  }

  speech(callSid: string, speaking: boolean): TwilioBody | undefined {
    const leg = this.legs.get(callSid)
    if (leg === undefined || !leg.inCall) return undefined
    leg.speaking = speaking
    return this.body(speaking ? 'participant-speech-start' : 'participant-speech-stop', leg)
  }
}

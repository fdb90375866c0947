/**
 * The simulator's truth: which conferences exist, who is in each with which flags, and the status
 * callbacks each change produces, numbered per conference as Twilio numbers them
 * (`SequenceNumber`). It never delivers anything; `delivery.ts` does, out of order.
 */

/** A status callback body: every value a string, as Twilio form-encodes it. */
export type CallbackBody = Record<string, string>

/** One leg as the simulator knows it. */
export interface SimulatedLeg {
  callSid: string
  label: string | undefined
  /** `connecting` while a dialled number rings; `connected` once in the conference. */
  status: 'connecting' | 'connected'
  muted: boolean
  hold: boolean
  coaching: boolean
  callSidToCoach: string | undefined
  endConferenceOnExit: boolean
  startConferenceOnEnter: boolean
  to: string | undefined
  from: string | undefined
  dateCreated: number
  dateUpdated: number
}

/** One conference as the simulator knows it. */
export interface SimulatedConference {
  conferenceSid: string
  friendlyName: string
  /** Twilio's REST statuses: `init` until mixing starts, `in-progress`, `completed`. */
  status: 'init' | 'in-progress' | 'completed'
  sequence: number
  legs: Map<string, SimulatedLeg>
  dateCreated: number
  dateUpdated: number
}

/** The flags a leg can join with or be updated to. */
export interface LegFlags {
  muted?: boolean
  hold?: boolean
  coaching?: boolean
  callSidToCoach?: string
  endConferenceOnExit?: boolean
  startConferenceOnEnter?: boolean
}

/** A leg to place: its label (`customer`, `worker:WK…`), flags, and numbers. */
export interface LegSpec extends LegFlags {
  label?: string
  to?: string
  from?: string
}

/** What `/truth` answers: plain data, legs in the order they joined. */
export interface Truth {
  conferences: Array<{
    conferenceSid: string
    friendlyName: string
    status: SimulatedConference['status']
    participants: Array<Omit<SimulatedLeg, 'dateCreated' | 'dateUpdated' | 'to' | 'from'>>
  }>
}

/** RFC 2822 in UTC with one-second resolution, as Twilio's `Timestamp`. */
export function rfc2822(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString().replace('GMT', '+0000')
}

export const twilioSid = (prefix: string, n: number): string => prefix + n.toString(16).padStart(32, '0')

export interface WorldOptions {
  accountSid: string
  /** The clock for `Timestamp` and dates. Default `Date.now`. */
  now?: () => number
  /** Distinguishes the SIDs of several simulators. Default 1. */
  seed?: number
}

/** Creates the truth and the operations that change it; each returns the callbacks it causes. */
export function createWorld(options: WorldOptions) {
  const { accountSid } = options
  const now = options.now ?? Date.now
  const base = ((options.seed ?? 1) & 0xffff) * 0x1_0000_0000
  const conferences = new Map<string, SimulatedConference>()
  let counter = 0
  const nextSid = (prefix: string) => twilioSid(prefix, base + ++counter)

  const callback = (conference: SimulatedConference, event: string, leg?: SimulatedLeg, extra: CallbackBody = {}): CallbackBody => {
    conference.sequence += 1
    conference.dateUpdated = now()
    const body: CallbackBody = {
      AccountSid: accountSid,
      ConferenceSid: conference.conferenceSid,
      FriendlyName: conference.friendlyName,
      SequenceNumber: String(conference.sequence),
      StatusCallbackEvent: event,
      Timestamp: rfc2822(now()),
    }
    if (leg !== undefined) {
      body.CallSid = leg.callSid
      body.Muted = String(leg.muted)
      body.Hold = String(leg.hold)
      body.Coaching = String(leg.coaching)
      body.EndConferenceOnExit = String(leg.endConferenceOnExit)
      body.StartConferenceOnEnter = String(leg.startConferenceOnEnter)
      if (leg.label !== undefined) body.ParticipantLabel = leg.label
    }
    return { ...body, ...extra }
  }

  const connected = (conference: SimulatedConference) => [...conference.legs.values()].filter((leg) => leg.status === 'connected')

  /** `conference-start` once two legs are in and one starts the conference. */
  const maybeStart = (conference: SimulatedConference): CallbackBody[] => {
    const legs = connected(conference)
    if (conference.status !== 'init' || legs.length < 2 || !legs.some((leg) => leg.startConferenceOnEnter)) return []
    conference.status = 'in-progress'
    return [callback(conference, 'conference-start')]
  }

  const end = (conference: SimulatedConference, reasonEnded: string, endedBy?: SimulatedLeg): CallbackBody[] => {
    const out: CallbackBody[] = []
    for (const leg of [...conference.legs.values()]) {
      conference.legs.delete(leg.callSid)
      const status = leg.status === 'connected' ? 'completed' : 'canceled'
      out.push(callback(conference, 'participant-leave', leg, { ReasonParticipantLeft: 'moderator_ended_conference', ParticipantCallStatus: status }))
    }
    conference.status = 'completed'
    out.push(
      callback(conference, 'conference-end', undefined, {
        ReasonConferenceEnded: reasonEnded,
        ...(endedBy === undefined ? {} : { CallSidEndingConference: endedBy.callSid }),
        ...(endedBy?.label === undefined ? {} : { ParticipantLabelEndingConference: endedBy.label }),
      }),
    )
    return out
  }

  const world = {
    conferences,

    /** A new conference (status `init`, no legs yet). */
    createConference(friendlyName?: string): SimulatedConference {
      const conferenceSid = nextSid('CF')
      const conference: SimulatedConference = {
        conferenceSid,
        friendlyName: friendlyName ?? nextSid('WT'),
        status: 'init',
        sequence: 0,
        legs: new Map(),
        dateCreated: now(),
        dateUpdated: now(),
      }
      conferences.set(conferenceSid, conference)
      return conference
    },

    /** A leg is dialled into a conference: `connecting`, no callback until it answers. */
    dial(conference: SimulatedConference, spec: LegSpec): SimulatedLeg {
      const leg: SimulatedLeg = {
        callSid: nextSid('CA'),
        label: spec.label,
        status: 'connecting',
        muted: spec.muted ?? false,
        hold: spec.hold ?? false,
        coaching: spec.coaching ?? false,
        callSidToCoach: spec.callSidToCoach,
        endConferenceOnExit: spec.endConferenceOnExit ?? false,
        startConferenceOnEnter: spec.startConferenceOnEnter ?? true,
        to: spec.to,
        from: spec.from,
        dateCreated: now(),
        dateUpdated: now(),
      }
      conference.legs.set(leg.callSid, leg)
      return leg
    },

    /** A dialled leg answers and joins. */
    answer(conference: SimulatedConference, callSid: string): CallbackBody[] {
      const leg = conference.legs.get(callSid)
      if (leg === undefined || leg.status !== 'connecting' || conference.status === 'completed') return []
      leg.status = 'connected'
      leg.dateUpdated = now()
      return [callback(conference, 'participant-join', leg), ...maybeStart(conference)]
    },

    /** A dialled leg is never answered: it leaves with `no-answer`. */
    noAnswer(conference: SimulatedConference, callSid: string): CallbackBody[] {
      const leg = conference.legs.get(callSid)
      if (leg === undefined || leg.status !== 'connecting') return []
      conference.legs.delete(callSid)
      return [callback(conference, 'participant-leave', leg, { ReasonParticipantLeft: 'participant_add_failed', ParticipantCallStatus: 'no-answer' })]
    },

    /** Changes a connected leg's flags; one callback per flag that changed. */
    update(conference: SimulatedConference, callSid: string, flags: LegFlags): CallbackBody[] | undefined {
      const leg = conference.legs.get(callSid)
      if (leg === undefined) return undefined
      const out: CallbackBody[] = []
      if (flags.hold !== undefined && flags.hold !== leg.hold) {
        leg.hold = flags.hold
        out.push(callback(conference, flags.hold ? 'participant-hold' : 'participant-unhold', leg))
      }
      if (flags.muted !== undefined && flags.muted !== leg.muted) {
        leg.muted = flags.muted
        out.push(callback(conference, flags.muted ? 'participant-mute' : 'participant-unmute', leg))
      }
      const modify = (['coaching', 'endConferenceOnExit'] as const).filter((name) => flags[name] !== undefined && flags[name] !== leg[name])
      for (const name of modify) leg[name] = flags[name] as boolean
      if (flags.callSidToCoach !== undefined) leg.callSidToCoach = flags.callSidToCoach
      if (modify.length > 0) out.push(callback(conference, 'participant-modify', leg))
      leg.dateUpdated = now()
      return out
    },

    /**
     * A leg leaves (`participant_hung_up`, or kicked: `participant_updated_via_api`). Twilio ends
     * the conference when a leg with `EndConferenceOnExit` leaves or the last one does.
     */
    leave(conference: SimulatedConference, callSid: string, how: 'hung-up' | 'kicked'): CallbackBody[] | undefined {
      const leg = conference.legs.get(callSid)
      if (leg === undefined) return undefined
      conference.legs.delete(callSid)
      const reason = how === 'kicked' ? 'participant_updated_via_api' : 'participant_hung_up'
      const out = [callback(conference, 'participant-leave', leg, { ReasonParticipantLeft: reason, ParticipantCallStatus: 'completed' })]
      const verb = how === 'kicked' ? 'kicked' : 'left'
      if (leg.endConferenceOnExit && leg.status === 'connected') out.push(...end(conference, `participant-with-end-conference-on-exit-${verb}`, leg))
      else if (connected(conference).length === 0 && conference.status !== 'init') out.push(...end(conference, `last-participant-${verb}`, leg))
      return out
    },

    /** The whole truth, as plain data. */
    truth(): Truth {
      return {
        conferences: [...conferences.values()].map((conference) => ({
          conferenceSid: conference.conferenceSid,
          friendlyName: conference.friendlyName,
          status: conference.status,
          participants: [...conference.legs.values()].map(({ dateCreated: _c, dateUpdated: _u, to: _t, from: _f, ...leg }) => leg),
        })),
      }
    },
  }
  return world
}

/** The truth and its operations, as {@link createWorld} makes them. */
export type World = ReturnType<typeof createWorld>

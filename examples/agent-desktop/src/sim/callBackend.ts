/**
 * The demo's stand-in for Twilio and your server: it owns the agent's live call(s), turns what
 * happens on the "Twilio side" into status callbacks, and delivers them through
 * `fromTwilioStatusCallback`, as a webhook forwarded to the browser would.
 */
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import { participantIdentified, type ConferenceEvent } from 'conference-state'
import type { SimulatedConference, TwilioBody } from './simulatedConference'

export interface CallBackend {
  /** Where callbacks go (the event feed); set once the store exists. */
  connect(deliver: (event: ConferenceEvent) => void): void
  register(conference: SimulatedConference): void
  get(conferenceSid: string): SimulatedConference | undefined
  /** Delivers a callback body, as Twilio's POST reaching the page. */
  send(body: TwilioBody | undefined): void
  /** Your own enrichment: a name for a leg. */
  identify(conference: SimulatedConference, callSid: string, displayName: string): void
  /** A leg leaves; Twilio ends the conference when its last leg leaves or a leg with EndConferenceOnExit does. */
  hangUp(conference: SimulatedConference, callSid: string, reason?: string): void
}

export function createCallBackend(): CallBackend {
  const conferences = new Map<string, SimulatedConference>()
  let deliver: ((event: ConferenceEvent) => void) | undefined

  const send = (body: TwilioBody | undefined) => {
    if (body !== undefined) deliver?.(fromTwilioStatusCallback(body))
  }

  return {
    connect: (next) => {
      deliver = next
    },
    register: (conference) => {
      conferences.set(conference.conferenceSid, conference)
    },
    get: (conferenceSid) => conferences.get(conferenceSid),
    send,
    identify: (conference, callSid, displayName) => {
      deliver?.(participantIdentified({ conferenceSid: conference.conferenceSid, callSid, identity: { displayName } }))
    },
    hangUp(conference, callSid, reason = 'participant_hung_up') {
      const leg = conference.leg(callSid)
      if (leg === undefined || !leg.inCall || conference.ended) return
      send(conference.leave(callSid, reason))
      const endsIt = leg.EndConferenceOnExit
      if (endsIt) {
        for (const other of conference.liveLegs()) send(conference.leave(other.callSid, 'moderator_ended_conference'))
        send(conference.end('participant-with-end-conference-on-exit-left'))
      } else if (conference.liveLegs().length === 0) {
        send(conference.end('last-participant-left'))
      }
    },
  }
}

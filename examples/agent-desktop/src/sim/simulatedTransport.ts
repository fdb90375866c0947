/**
 * A `ConferenceTransport` for the demo: the platform "accepts" a command after `ackMs`, then,
 * `confirmMs` later, the matching Twilio callback arrives and confirms it in the store. Between the
 * click and the callback, the leg shows the command as pending (`holdPending`, `mutePending`, …).
 *
 * A real app passes `createHttpTransport({ baseUrl })` (or its own transport) instead.
 */
import { ConferenceTransportError, type ConferenceTransport } from 'conference-state/controls'
import type { CallBackend } from './callBackend'

export interface SimulatedTiming {
  ackMs: number
  confirmMs: number
  ringMs: number
}

/** A delay that ends early, with the signal's reason, when the thunk aborts it. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Destinations ending in 0000 ring out unanswered, as in docs/scenarios/failed-external-add.ndjson. */
export const UNANSWERED_SUFFIX = '0000'

export function createSimulatedTransport(backend: CallBackend, timing: SimulatedTiming): ConferenceTransport {
  const conferenceOf = (conferenceSid: string) => {
    const conference = backend.get(conferenceSid)
    if (conference === undefined || conference.ended) {
      throw new ConferenceTransportError(`conference ${conferenceSid} is not in progress (this demo controls only the live call)`, { status: 404 })
    }
    return conference
  }
  const legOf = (conferenceSid: string, callSid: string) => {
    const conference = conferenceOf(conferenceSid)
    if (conference.leg(callSid)?.inCall !== true) {
      throw new ConferenceTransportError(`participant ${callSid} is not in the conference`, { status: 404 })
    }
    return conference
  }
  const later = (run: () => void, ms = timing.confirmMs) => setTimeout(run, ms)

  return {
    async hold({ conferenceSid, callSid, hold }, signal) {
      await wait(timing.ackMs, signal)
      const conference = legOf(conferenceSid, callSid)
      later(() => backend.send(conference.hold(callSid, hold)))
    },
    async mute({ conferenceSid, callSid, muted }, signal) {
      await wait(timing.ackMs, signal)
      const conference = legOf(conferenceSid, callSid)
      later(() => backend.send(conference.mute(callSid, muted)))
    },
    async remove({ conferenceSid, callSid }, signal) {
      await wait(timing.ackMs, signal)
      const conference = legOf(conferenceSid, callSid)
      later(() => backend.hangUp(conference, callSid, 'participant_updated_via_api'))
    },
    async add({ conferenceSid, to, label }, signal) {
      await wait(timing.ackMs, signal)
      const conference = conferenceOf(conferenceSid)
      const callSid = conference.nextCallSid()
      const legLabel = label ?? 'external'
      later(() => {
        if (conference.ended) return
        if (to.replace(/\D/g, '').endsWith(UNANSWERED_SUFFIX)) {
          backend.send(conference.addFailed(callSid, legLabel))
        } else {
          backend.send(conference.join(legLabel, {}, callSid))
          backend.identify(conference, callSid, to)
        }
      }, timing.ringMs)
      return { callSid }
    },
  }
}

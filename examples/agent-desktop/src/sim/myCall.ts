/**
 * The agent's own live call: a customer, me, a colleague on a consult and a supervisor coaching
 * me. Legs speak now and then; everything else happens through the controls. "New call" hangs
 * this one up and starts another with new SIDs.
 */
import { createObservable, type Observable } from '../feed/observable'
import type { CallBackend } from './callBackend'
import { createRandom } from './random'
import { ME, sid } from './sids'
import { SimulatedConference } from './simulatedConference'

export const COLLEAGUE = sid('WK', 2)
export const SUPERVISOR = sid('WK', 0xf1)

export interface MyCall {
  /** The SID of the call on screen. */
  readonly conferenceSid: Observable<string>
  /** Hangs up the current call (if it is still on) and starts a new one. */
  startNew(): void
}

const CALL_BASE = 0xca110000

export function createMyCall(backend: CallBackend): MyCall {
  const random = createRandom(7)
  let count = 0
  let conference = open()
  const conferenceSid = createObservable(conference.conferenceSid)
  const timers = new Set<ReturnType<typeof setTimeout>>()

  function open(): SimulatedConference {
    count += 1
    const n = CALL_BASE + count * 0x100
    const call = new SimulatedConference(sid('CF', n), sid('WT', n), n)
    backend.register(call)
    return call
  }

  function at(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, ms)
    timers.add(timer)
  }

  function script(call: SimulatedConference) {
    const join = (label: string, name: string, flags: Parameters<SimulatedConference['join']>[1] = {}) => {
      const body = call.join(label, flags)
      backend.send(body)
      backend.identify(call, body.CallSid as string, name)
    }
    join('customer', 'Dana Reyes (customer)', { EndConferenceOnExit: true })
    join(`worker:${ME}`, 'Alex Kim', { EndConferenceOnExit: true })
    backend.send(call.start())
    at(400, () => join(`worker:${COLLEAGUE}`, 'Sam Patel'))
    at(800, () => join(`supervisor:${SUPERVISOR}`, 'Morgan Lee (supervisor)', { Coaching: true, StartConferenceOnEnter: false }))
    const chatter = () => {
      if (call.ended) return
      const speaking = call.liveLegs().filter((leg) => leg.speaking)
      for (const leg of speaking) backend.send(call.speech(leg.callSid, false))
      const candidates = call.liveLegs().filter((leg) => !leg.Hold && !leg.Muted && !speaking.includes(leg))
      if (candidates.length > 0 && random.chance(0.8)) backend.send(call.speech(random.pick(candidates).callSid, true))
      at(900 + random.int(1500), chatter)
    }
    at(1200, chatter)
  }

  script(conference)

  return {
    conferenceSid,
    startNew() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      const me = conference.liveLegs().find((leg) => leg.label === `worker:${ME}`)
      if (me !== undefined) backend.hangUp(conference, me.callSid)
      conference = open()
      conferenceSid.set(conference.conferenceSid)
      script(conference)
    },
  }
}

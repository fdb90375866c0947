/**
 * "My call" in live mode: whichever conference my own leg is live in, read from the store (the
 * relay only sends an agent the conferences they are in). "New call" asks the demo's app server,
 * which has the simulator hang this call up and place another.
 */
import { selectConferenceSids, selectMyParticipants, type StateWithConferences } from 'conference-state'
import { createObservable } from '../feed/observable'
import type { MyCall } from '../sim/myCall'

interface StoreLike {
  getState(): StateWithConferences
  subscribe(listener: () => void): () => void
}

export function createLiveCall(store: StoreLike): MyCall {
  const conferenceSid = createObservable('')
  const pick = () => {
    const state = store.getState()
    const mine = selectConferenceSids(state).filter((sid) => selectMyParticipants(state, sid).some((leg) => leg.isLive))
    const latest = mine.at(-1)
    if (latest !== undefined && !mine.includes(conferenceSid.get())) conferenceSid.set(latest)
  }
  store.subscribe(pick)
  pick()
  return {
    conferenceSid,
    startNew() {
      void fetch('/api/demo/new-call', { method: 'POST' }).then(async (reply) => {
        const { conferenceSid: next } = (await reply.json()) as { conferenceSid: string }
        conferenceSid.set(next)
      })
    },
  }
}

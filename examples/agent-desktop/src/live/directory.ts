/**
 * Names for the live call's legs, as a desk's own directory would give them: the relay forwards
 * what Twilio knows (labels, worker SIDs), and the page adds who those people are with
 * `participantIdentified`, once per leg.
 */
import { participantIdentified, selectConferenceSids, selectParticipants, type StateWithConferences } from 'conference-state'
import { ME } from '../sim/sids'

const WORKERS: Readonly<Record<string, string>> = {
  [ME]: 'Alex Kim',
  WK00000000000000000000000000000002: 'Sam Patel',
  WK000000000000000000000000000000f1: 'Morgan Lee (supervisor)',
}
const CUSTOMER = 'Dana Reyes (customer)'

interface StoreLike {
  getState(): StateWithConferences
  subscribe(listener: () => void): () => void
  dispatch(action: ReturnType<typeof participantIdentified>): unknown
}

export function nameLiveLegs(store: StoreLike): () => void {
  const named = new Set<string>()
  let scheduled = false
  const name = () => {
    scheduled = false
    const state = store.getState()
    for (const conferenceSid of selectConferenceSids(state)) {
      for (const leg of selectParticipants(state, conferenceSid)) {
        if (named.has(leg.callSid) || leg.displayName !== undefined) continue
        const displayName = leg.workerSid === undefined ? (leg.participantType === 'customer' ? CUSTOMER : undefined) : WORKERS[leg.workerSid]
        if (displayName === undefined) continue
        named.add(leg.callSid)
        store.dispatch(participantIdentified({ conferenceSid, callSid: leg.callSid, identity: { displayName } }))
      }
    }
  }
  // Not from inside the store's notification: once the current dispatch is over.
  return store.subscribe(() => {
    if (scheduled) return
    scheduled = true
    queueMicrotask(name)
  })
}

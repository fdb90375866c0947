/**
 * Who may see which conference: an agent sees a conference once one of their own legs appears in
 * it (whatever that leg's status now); a supervisor sees every conference. See `docs/relay.md`
 * (security model).
 *
 * @module
 */
import type { ConferencesState } from '../model'
import { forEachConference, lookupConference } from '../table'
import type { Viewer } from './viewerToken'

/** The worker SIDs with a leg (joined or departed) in a conference. */
export function workersIn(state: ConferencesState, conferenceSid: string): ReadonlySet<string> {
  const workers = new Set<string>()
  const conference = lookupConference(state.table, conferenceSid)
  if (conference === undefined) return workers
  for (const leg of conference.participants) if (leg.workerSid !== undefined) workers.add(leg.workerSid)
  return workers
}

/** Whether `viewer` may see (and act on) a conference. */
export function canSeeConference(state: ConferencesState, viewer: Viewer, conferenceSid: string): boolean {
  return viewer.role === 'supervisor' || workersIn(state, conferenceSid).has(viewer.workerSid)
}

/** The conferences an agent may see; `undefined` (all of them) for a supervisor. */
export function visibleConferenceSids(state: ConferencesState, viewer: Viewer): string[] | undefined {
  if (viewer.role === 'supervisor') return undefined
  const sids: string[] = []
  forEachConference(state.table, (conference) => {
    if (conference.participants.some((leg) => leg.workerSid === viewer.workerSid)) sids.push(conference.conferenceSid)
  })
  return sids
}

/** The conference an accepted action is about, when it names one. */
export function conferenceOf(action: { readonly payload?: unknown }): string | undefined {
  const payload = action.payload
  if (typeof payload !== 'object' || payload === null) return undefined
  const sid = (payload as { conferenceSid?: unknown }).conferenceSid
  return typeof sid === 'string' ? sid : undefined
}

/**
 * Per-conference values the wall shows that have no selector of their own. Each returns a string
 * or a number, so `useSelector` compares them by value and a row renders only when they change.
 */
import { selectConferenceRecord, selectConferenceSids, selectLiveParticipants, type ConferenceParticipant } from 'conference-state'
import type { RootState } from '../store'

const count = (legs: readonly ConferenceParticipant[], test: (leg: ConferenceParticipant) => boolean) => {
  let n = 0
  for (const leg of legs) if (test(leg)) n += 1
  return n
}

export const selectStatus = (state: RootState, conferenceSid: string) =>
  selectConferenceRecord(state, conferenceSid)?.status ?? 'unknown'

export const selectOnHoldCount = (state: RootState, conferenceSid: string) =>
  count(selectLiveParticipants(state, conferenceSid), (leg) => leg.onHold)

export const selectMutedCount = (state: RootState, conferenceSid: string) =>
  count(selectLiveParticipants(state, conferenceSid), (leg) => leg.muted)

/** `coaching`, `listening` or '' for the live supervisor leg, if any. */
export const selectSupervisorMode = (state: RootState, conferenceSid: string) => {
  const supervisor = selectLiveParticipants(state, conferenceSid).find((leg) => leg.participantType === 'supervisor')
  if (supervisor === undefined) return ''
  return supervisor.coaching ? 'coaching' : supervisor.muted ? 'listening' : 'barged in'
}

/** How many conferences are active: a number, so the summary renders only when it changes. */
export const selectActiveCount = (state: RootState) => {
  let n = 0
  for (const sid of selectConferenceSids(state)) if (selectConferenceRecord(state, sid)?.status === 'active') n += 1
  return n
}

/**
 * The floor: a plain object mutated in place. No copies, no freezing, no versioning: the cheapest
 * possible reaction to an event, for scale.
 */
import type { ConferenceEvent } from '../src/index'

interface FloorParticipant {
  callSid: string
  status: 'joined' | 'left'
  muted: boolean
  onHold: boolean
  speaking: boolean
  participantType: string
}
export type FloorState = Record<string, { conferenceSid: string; participants: Record<string, FloorParticipant> }>

export const createFloorState = (): FloorState => ({})

export function floorReducer(state: FloorState, action: ConferenceEvent): FloorState {
  const p = action.payload as { conferenceSid: string; callSid: string; identity?: { participantType?: string } }
  let conference = state[p.conferenceSid]
  switch (action.type) {
    case 'conferences/participantJoined': {
      if (conference === undefined) conference = state[p.conferenceSid] = { conferenceSid: p.conferenceSid, participants: {} }
      const existing = conference.participants[p.callSid]
      if (existing) existing.status = 'joined'
      else
        conference.participants[p.callSid] = {
          callSid: p.callSid,
          status: 'joined',
          muted: false,
          onHold: false,
          speaking: false,
          participantType: p.identity?.participantType ?? 'unknown',
        }
      return state
    }
    default: {
      const leg = conference?.participants[p.callSid]
      if (leg === undefined) return state
      if (action.type === 'conferences/participantLeft') leg.status = 'left'
      else if (action.type === 'conferences/participantHeld') leg.onHold = true
      else if (action.type === 'conferences/participantUnheld') leg.onHold = false
      else if (action.type === 'conferences/participantMuted') leg.muted = true
      else if (action.type === 'conferences/participantUnmuted') leg.muted = false
      else if (action.type === 'conferences/participantSpeechStarted') leg.speaking = true
      else if (action.type === 'conferences/participantSpeechStopped') leg.speaking = false
      return state
    }
  }
}

export function loadFloor(joins: ConferenceEvent[]): FloorState {
  let state = createFloorState()
  for (const action of joins) state = floorReducer(state, action)
  return state
}

/**
 * A Flex-style store: `Map<conferenceSid, conference>` where every event copies the whole Map
 * (`new Map(old)`) and replaces the conference object (participants array mapped immutably).
 */
import type { ConferenceEvent } from '../src/index'

interface FlexParticipant {
  callSid: string
  status: 'joined' | 'left'
  muted: boolean
  onHold: boolean
  speaking: boolean
  participantType: string
}
interface FlexConference {
  conferenceSid: string
  participants: readonly FlexParticipant[]
}
export type FlexState = ReadonlyMap<string, FlexConference>

const patchOf = (type: string): Partial<FlexParticipant> | undefined => {
  switch (type) {
    case 'conferences/participantLeft': return { status: 'left' }
    case 'conferences/participantHeld': return { onHold: true }
    case 'conferences/participantUnheld': return { onHold: false }
    case 'conferences/participantMuted': return { muted: true }
    case 'conferences/participantUnmuted': return { muted: false }
    case 'conferences/participantSpeechStarted': return { speaking: true }
    case 'conferences/participantSpeechStopped': return { speaking: false }
    default: return undefined
  }
}

export function flexReducer(state: FlexState, action: ConferenceEvent): FlexState {
  const p = action.payload as { conferenceSid: string; callSid: string; identity?: { participantType?: string } }
  const conference = state.get(p.conferenceSid)
  let participants: readonly FlexParticipant[]
  if (action.type === 'conferences/participantJoined') {
    const list = conference?.participants ?? []
    participants = list.some((leg) => leg.callSid === p.callSid)
      ? list.map((leg) => (leg.callSid === p.callSid ? { ...leg, status: 'joined' as const } : leg))
      : [
          ...list,
          { callSid: p.callSid, status: 'joined', muted: false, onHold: false, speaking: false, participantType: p.identity?.participantType ?? 'unknown' },
        ]
  } else {
    const patch = patchOf(action.type)
    if (conference === undefined || patch === undefined) return state
    participants = conference.participants.map((leg) => (leg.callSid === p.callSid ? { ...leg, ...patch } : leg))
  }
  const next = new Map(state)
  next.set(p.conferenceSid, { ...(conference ?? { conferenceSid: p.conferenceSid }), participants })
  return next
}

/** Bulk load (one Map built at once) so setting up 10,000 conferences does not take minutes. */
export function loadFlex(joins: ConferenceEvent[]): FlexState {
  const map = new Map<string, FlexConference>()
  for (const action of joins) {
    const p = action.payload as { conferenceSid: string; callSid: string; identity?: { participantType?: string } }
    const conference = map.get(p.conferenceSid) ?? { conferenceSid: p.conferenceSid, participants: [] }
    map.set(p.conferenceSid, {
      ...conference,
      participants: [
        ...conference.participants,
        { callSid: p.callSid, status: 'joined', muted: false, onHold: false, speaking: false, participantType: p.identity?.participantType ?? 'unknown' },
      ],
    })
  }
  return map
}

import type { ConferenceParticipant } from 'conference-state'
import { Badge } from './Badge'

/**
 * What is true of a leg now, and what the agent asked for and is still waiting on: a hold click
 * shows "hold pending" until Twilio's callback confirms it, then "on hold".
 */
export function ParticipantBadges({ leg }: { leg: ConferenceParticipant }) {
  return (
    <div className="badges">
      {leg.isMyself && <Badge kind="me">me</Badge>}
      {leg.onHold && <Badge kind="on-hold">on hold</Badge>}
      {leg.holdPending && <Badge kind="hold-pending">{leg.holdIntent === false ? 'unhold pending' : 'hold pending'}</Badge>}
      {leg.muted && <Badge kind="muted">muted</Badge>}
      {leg.mutePending && <Badge kind="mute-pending">{leg.muteIntent === false ? 'unmute pending' : 'mute pending'}</Badge>}
      {leg.speaking && <Badge kind="speaking">speaking</Badge>}
      {(leg.connecting || leg.addPending) && <Badge kind="connecting">connecting</Badge>}
      {leg.coaching && <Badge kind="coaching">coaching</Badge>}
      {leg.removePending && <Badge kind="remove-pending">removal pending</Badge>}
      {leg.status === 'recently_left' && <Badge kind="recently-left">recently left</Badge>}
      {leg.status === 'left' && <Badge kind="left">left</Badge>}
    </div>
  )
}

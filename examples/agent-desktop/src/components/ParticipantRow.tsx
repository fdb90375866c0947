import { memo } from 'react'
import { useParticipant } from 'conference-state/react'
import { shortSid } from '../sim/sids'
import { ParticipantBadges } from './ParticipantBadges'
import { ParticipantControls } from './ParticipantControls'

/** One leg: who it is, its badges and, on my live call, the buttons. */
export const ParticipantRow = memo(function ParticipantRow({
  conferenceSid,
  callSid,
  interactive,
}: {
  conferenceSid: string
  callSid: string
  interactive: boolean
}) {
  const leg = useParticipant(conferenceSid, callSid)
  if (leg === undefined) return null
  const name = leg.displayName ?? (leg.workerSid === undefined ? leg.participantType : shortSid(leg.workerSid))
  return (
    <li
      className={`participant ${leg.isLive ? 'live' : `not-live ${leg.status}`}`}
      data-testid="participant-row"
      data-call-sid={leg.callSid}
      data-type={leg.participantType}
      data-status={leg.status}
      data-me={leg.isMyself ? 'true' : undefined}
    >
      <span className={`avatar avatar-${leg.participantType}`} aria-hidden="true">
        {name.slice(0, 1).toUpperCase()}
      </span>
      <div className="who">
        <strong data-testid="participant-name">{name}</strong>
        <small>
          {leg.participantType} · {leg.addPending && leg.callSid.startsWith('pending:') ? 'dialling' : shortSid(leg.callSid)}
          {leg.leftReason === undefined ? '' : ` · ${leg.leftReason}`}
        </small>
      </div>
      <ParticipantBadges leg={leg} />
      {interactive && <ParticipantControls conferenceSid={conferenceSid} leg={leg} />}
    </li>
  )
})

import { useParticipants } from 'conference-state/react'
import { ParticipantRow } from './ParticipantRow'

/** Every leg of the call, departed ones included; each row selects its own leg by call SID. */
export function ParticipantList({ conferenceSid, interactive }: { conferenceSid: string; interactive: boolean }) {
  const participants = useParticipants(conferenceSid)
  if (participants.length === 0) return <p className="empty">Waiting for the first event of this call…</p>
  return (
    <ul className="participants" data-testid="participant-list">
      {participants.map((leg) => (
        <ParticipantRow key={leg.callSid} conferenceSid={conferenceSid} callSid={leg.callSid} interactive={interactive} />
      ))}
    </ul>
  )
}

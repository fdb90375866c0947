import {
  holdParticipant,
  muteParticipant,
  removeParticipant,
  unholdParticipant,
  unmuteParticipant,
} from 'conference-state/controls'
import { type ConferenceParticipant } from 'conference-state'
import { useAppDispatch } from '../store'

/**
 * Hold, mute and remove, through the control thunks: each marks the leg pending at once, sends the
 * command through the transport (here the page's simulated platform) and waits for the Twilio
 * callback that confirms it. The button shows what the latest click asked for (`holdIntent ?? onHold`).
 */
export function ParticipantControls({ conferenceSid, leg }: { conferenceSid: string; leg: ConferenceParticipant }) {
  const dispatch = useAppDispatch()
  const args = { conferenceSid, callSid: leg.callSid }
  const held = leg.holdIntent ?? leg.onHold
  const muted = leg.muteIntent ?? leg.muted
  const usable = leg.isLive && !leg.removePending
  return (
    <div className="controls">
      <button
        type="button"
        data-testid="hold-button"
        disabled={!usable}
        onClick={() => void dispatch(held ? unholdParticipant(args) : holdParticipant(args))}
      >
        {held ? 'Unhold' : 'Hold'}
      </button>
      <button
        type="button"
        data-testid="mute-button"
        disabled={!usable}
        onClick={() => void dispatch(muted ? unmuteParticipant(args) : muteParticipant(args))}
      >
        {muted ? 'Unmute' : 'Mute'}
      </button>
      <button
        type="button"
        className="danger"
        data-testid="remove-button"
        disabled={!usable}
        onClick={() => void dispatch(removeParticipant(args))}
      >
        Remove
      </button>
    </div>
  )
}

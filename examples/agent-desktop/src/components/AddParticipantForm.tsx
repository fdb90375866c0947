import { useState, type FormEvent } from 'react'
import { addParticipant } from 'conference-state/controls'
import { demoConfig } from '../config'
import { UNANSWERED_SUFFIX } from '../sim/simulatedTransport'
import { useAppDispatch } from '../store'

/** Dials a number into my call: a connecting placeholder at once, the real leg when it answers. */
export function AddParticipantForm({ conferenceSid }: { conferenceSid: string }) {
  const dispatch = useAppDispatch()
  const [to, setTo] = useState('+1 555 010 0142')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const destination = to.trim()
    if (destination === '') return
    // Live mode: Twilio needs a caller ID (the simulator's number, as a real desk would use its own).
    const from = demoConfig.live ? { from: '+15550100000' } : {}
    void dispatch(addParticipant({ conferenceSid, to: destination, ...from, label: 'external', displayName: destination }))
  }
  return (
    <form className="add-form" onSubmit={submit}>
      <label>
        Add to the call
        <input data-testid="add-to" value={to} onChange={(event) => setTo(event.target.value)} />
      </label>
      <button type="submit" data-testid="add-button">
        Add
      </button>
      <small>Numbers ending in {UNANSWERED_SUFFIX} ring out unanswered.</small>
    </form>
  )
}

import { useState } from 'react'
import { myCall, replay } from '../store'
import { useObservable } from '../useObservable'
import { AddParticipantForm } from './AddParticipantForm'
import { CallHeader } from './CallHeader'
import { CallPicker, LIVE_CALL } from './CallPicker'
import { ControlErrors } from './ControlErrors'
import { EventLog } from './EventLog'
import { ParticipantList } from './ParticipantList'

/**
 * The agent's view of one call: my live call, which the buttons control, or one of the recorded
 * scenarios replaying (read-only).
 */
export function AgentView() {
  const [selected, setSelected] = useState(LIVE_CALL)
  const liveSid = useObservable(myCall.conferenceSid)
  const replays = useObservable(replay.states)
  const interactive = selected === LIVE_CALL
  const conferenceSid = interactive ? liveSid : (replays.find((state) => state.name === selected)?.conferenceSid ?? liveSid)

  return (
    <div className="agent-view" data-testid="agent-view">
      <aside className="panel side">
        <CallPicker selected={selected} onSelect={setSelected} replays={replays} />
        <ControlErrors />
      </aside>
      <section className="panel call" data-testid="call-panel" data-conference-sid={conferenceSid}>
        <CallHeader conferenceSid={conferenceSid} interactive={interactive} onNewCall={myCall.startNew} />
        <ParticipantList conferenceSid={conferenceSid} interactive={interactive} />
        {interactive ? (
          <AddParticipantForm conferenceSid={conferenceSid} />
        ) : (
          <p className="hint">A recorded call from docs/scenarios, replayed with its own timing (compressed). The controls act on your live call only.</p>
        )}
      </section>
      <EventLog conferenceSid={conferenceSid} />
    </div>
  )
}

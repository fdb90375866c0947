import type { ReplayState } from '../sim/scenarioReplay'

export const LIVE_CALL = 'live'

/** The calls the agent view can show: my live call, and each scenario being replayed. */
export function CallPicker({
  selected,
  onSelect,
  replays,
}: {
  selected: string
  onSelect: (name: string) => void
  replays: readonly ReplayState[]
}) {
  return (
    <div className="call-picker">
      <h2>Calls</h2>
      <button
        type="button"
        className={selected === LIVE_CALL ? 'call-option active' : 'call-option'}
        data-testid="call-option-live"
        onClick={() => onSelect(LIVE_CALL)}
      >
        <strong>My call</strong>
        <small>live · you control it</small>
      </button>
      <h3>Replays of docs/scenarios</h3>
      {replays.map((state) => (
        <button
          key={state.name}
          type="button"
          className={selected === state.name ? 'call-option active' : 'call-option'}
          data-testid={`call-option-${state.name}`}
          onClick={() => onSelect(state.name)}
        >
          <strong>{state.name}</strong>
          <small>
            event {state.position}/{state.total} · loop {state.loop + 1}
          </small>
          <progress max={state.total} value={state.position} />
        </button>
      ))}
    </div>
  )
}

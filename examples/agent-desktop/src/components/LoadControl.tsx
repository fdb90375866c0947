import { LOAD_STEPS } from '../config'
import { generator } from '../store'
import { useObservable } from '../useObservable'

/** Sets the generator's rate (events per second across the wall), or pauses it. */
export function LoadControl() {
  const { ratePerSecond, paused } = useObservable(generator.settings)
  const steps: readonly number[] = LOAD_STEPS.includes(ratePerSecond as (typeof LOAD_STEPS)[number])
    ? LOAD_STEPS
    : [...LOAD_STEPS, ratePerSecond].sort((a, b) => a - b)
  return (
    <div className="load-control">
      <label>
        Load
        <select data-testid="load-rate" value={ratePerSecond} onChange={(event) => generator.setRate(Number(event.target.value))}>
          {steps.map((rate) => (
            <option key={rate} value={rate}>
              {rate.toLocaleString('en-US')} events/s
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="secondary" data-testid="pause-button" onClick={() => generator.setPaused(!paused)}>
        {paused ? 'Resume' : 'Pause'}
      </button>
    </div>
  )
}

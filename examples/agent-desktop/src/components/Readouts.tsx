import { readings } from '../store'
import { useObservable } from '../useObservable'

/** Events dispatched, frames painted and wall rows rendered, per second. */
export function Readouts() {
  const now = useObservable(readings)
  return (
    <div className="readouts">
      <div className="readout">
        <span className="value" data-testid="events-per-second" data-total-events={now.totalEvents}>
          {now.eventsPerSecond.toLocaleString('en-US')}
        </span>
        <span className="label">events/s</span>
      </div>
      <div className="readout">
        <span className="value" data-testid="frames-per-second">
          {now.framesPerSecond}
        </span>
        <span className="label">frames/s</span>
      </div>
      <div className="readout">
        <span className="value" data-testid="row-renders-per-second" data-total-row-renders={now.totalRowRenders}>
          {now.rowRendersPerSecond.toLocaleString('en-US')}
        </span>
        <span className="label">row renders/s</span>
      </div>
    </div>
  )
}

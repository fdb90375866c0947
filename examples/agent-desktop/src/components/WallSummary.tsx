import { useAppSelector } from '../store'
import { selectActiveCount } from './wallSelectors'

/** How many conferences the wall shows, and how many of them are in progress. */
export function WallSummary({ rows }: { rows: number }) {
  const active = useAppSelector(selectActiveCount)
  return (
    <div className="summary">
      <div className="readout">
        <span className="value" data-testid="wall-row-count">
          {rows.toLocaleString('en-US')}
        </span>
        <span className="label">conferences</span>
      </div>
      <div className="readout">
        <span className="value" data-testid="wall-active-count">
          {active.toLocaleString('en-US')}
        </span>
        <span className="label">in progress</span>
      </div>
    </div>
  )
}

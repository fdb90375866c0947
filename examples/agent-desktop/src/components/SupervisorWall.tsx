import { useConferenceSids } from 'conference-state/react'
import { LoadControl } from './LoadControl'
import { Readouts } from './Readouts'
import { WallRow } from './WallRow'
import { WallSummary } from './WallSummary'

/**
 * Every conference in the store, one `memo` row each. The list selects only the SIDs, so it
 * renders again only when a conference is added or pruned; each row selects its own values by SID,
 * so an event renders at most the row of its conference, and only if a value it shows changed.
 */
export function SupervisorWall() {
  const sids = useConferenceSids()
  return (
    <div className="wall" data-testid="supervisor-wall">
      <div className="wall-toolbar panel">
        <WallSummary rows={sids.length} />
        <Readouts />
        <LoadControl />
      </div>
      {/* A grid of divs rather than a <table>: a changed cell re-lays out its row only, and rows
          off screen skip layout and paint (content-visibility), so 1,000 rows cost what 40 do. */}
      <div className="wall-table panel" role="table" aria-label="Conferences">
        <div className="wall-grid wall-head" role="row">
          <span role="columnheader">Conference</span>
          <span role="columnheader">Status</span>
          <span role="columnheader" className="num">
            Live
          </span>
          <span role="columnheader">Live workers</span>
          <span role="columnheader" className="num">
            On hold
          </span>
          <span role="columnheader" className="num">
            Muted
          </span>
          <span role="columnheader">Supervisor</span>
        </div>
        <div role="rowgroup">
          {sids.map((sid) => (
            <WallRow key={sid} conferenceSid={sid} />
          ))}
        </div>
      </div>
    </div>
  )
}

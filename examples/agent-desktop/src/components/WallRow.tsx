import { memo, useCallback } from 'react'
import { useLiveParticipantCount, useLiveWorkers } from 'conference-state/react'
import { rowRenders } from '../feed/meters'
import { shortSid } from '../sim/sids'
import { useAppSelector, type RootState } from '../store'
import { selectMutedCount, selectOnHoldCount, selectStatus, selectSupervisorMode } from './wallSelectors'

/** Selects one value of this row's conference, with a selector that keeps its identity per SID. */
function useRowValue<T>(select: (state: RootState, conferenceSid: string) => T, conferenceSid: string): T {
  return useAppSelector(useCallback((state: RootState) => select(state, conferenceSid), [select, conferenceSid]))
}

/** One conference on the wall. Rendered again only when one of the values it shows changes. */
export const WallRow = memo(function WallRow({ conferenceSid }: { conferenceSid: string }) {
  const status = useRowValue(selectStatus, conferenceSid)
  const live = useLiveParticipantCount(conferenceSid)
  const workers = useLiveWorkers(conferenceSid)
  const onHold = useRowValue(selectOnHoldCount, conferenceSid)
  const muted = useRowValue(selectMutedCount, conferenceSid)
  const supervisor = useRowValue(selectSupervisorMode, conferenceSid)
  rowRenders.count += 1
  return (
    <div className={`wall-grid wall-row row-${status}`} role="row" data-testid="wall-row" data-conference-sid={conferenceSid}>
      <code role="cell" title={conferenceSid}>
        {shortSid(conferenceSid)}
      </code>
      <span role="cell">
        <span className={`status status-${status}`}>{status}</span>
      </span>
      <span role="cell" className="num" data-testid="wall-live">
        {live}
      </span>
      <span role="cell" className="workers">
        {workers.map((leg) => leg.displayName ?? shortSid(leg.workerSid ?? leg.callSid)).join(', ') || '—'}
      </span>
      <span role="cell" className={onHold > 0 ? 'num hot' : 'num'} data-testid="wall-on-hold">
        {onHold}
      </span>
      <span role="cell" className="num" data-testid="wall-muted">
        {muted}
      </span>
      <span role="cell">{supervisor}</span>
    </div>
  )
})

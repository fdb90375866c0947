import { useCallback } from 'react'
import { selectConferenceRecord } from 'conference-state'
import {
  useIsCustomerOnHold,
  useIsGroupCall,
  useIsMyselfMuted,
  useLiveParticipantCount,
  useLiveWorkers,
} from 'conference-state/react'
import { shortSid } from '../sim/sids'
import { useAppSelector, type RootState } from '../store'

/** The call's status, live count and live workers, each read with the narrowest hook. */
export function CallHeader({
  conferenceSid,
  interactive,
  onNewCall,
}: {
  conferenceSid: string
  interactive: boolean
  onNewCall: () => void
}) {
  const status = useAppSelector(
    useCallback((state: RootState) => selectConferenceRecord(state, conferenceSid)?.status ?? 'unknown', [conferenceSid]),
  )
  const live = useLiveParticipantCount(conferenceSid)
  const workers = useLiveWorkers(conferenceSid)
  const customerHeld = useIsCustomerOnHold(conferenceSid)
  const meMuted = useIsMyselfMuted(conferenceSid)
  const group = useIsGroupCall(conferenceSid)

  return (
    <header className="call-header">
      <div className="call-title">
        <h2>
          Conference <code title={conferenceSid}>{shortSid(conferenceSid)}</code>
        </h2>
        <span className={`status status-${status}`} data-testid="conference-status">
          {status}
        </span>
        {interactive && (
          <button type="button" className="secondary" data-testid="new-call-button" onClick={onNewCall}>
            New call
          </button>
        )}
      </div>
      <dl className="call-stats">
        <div>
          <dt>Live</dt>
          <dd data-testid="live-count">{live}</dd>
        </div>
        <div>
          <dt>Live workers</dt>
          <dd data-testid="live-workers">
            {workers.length === 0 ? '—' : workers.map((leg) => leg.displayName ?? leg.workerSid ?? leg.callSid).join(', ')}
          </dd>
        </div>
        <div>
          <dt>Flags</dt>
          <dd>
            {[customerHeld && 'customer on hold', meMuted && 'you are muted', group && 'group call'].filter(Boolean).join(' · ') || '—'}
          </dd>
        </div>
      </dl>
    </header>
  )
}

import { useSyncExternalStore } from 'react'
import type { ConferenceFeed, ConferenceFeedStatus } from 'conference-state/feed'

const LABELS: Record<ConferenceFeedStatus, string> = {
  connecting: 'Connecting to the relay…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
}

/** The relay feed's status (live mode): what a desk shows so an agent knows the screen is current. */
export function FeedBanner({ feed }: { feed: ConferenceFeed }) {
  const state = useSyncExternalStore(feed.subscribe, feed.getState)
  const retry = state.status === 'reconnecting' && state.retryInMs !== undefined && state.retryInMs > 0 ? ` in ${Math.ceil(state.retryInMs / 1000)} s` : ''
  return (
    <div className={`feed-banner feed-${state.status}`} role="status" data-testid="feed-status" data-status={state.status}>
      <strong>{LABELS[state.status]}</strong>
      {state.status !== 'live' && state.error !== undefined && <small>{`${state.error}${retry}`}</small>}
      {state.server?.bus === 'down' && <small>relay bus down: events may be late</small>}
    </div>
  )
}

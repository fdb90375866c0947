/**
 * `conference-state/feed`: the browser client of the relay (`conference-state/relay`).
 *
 * @packageDocumentation
 */
export { connectConferenceFeed } from './connectConferenceFeed'
export { CONFERENCE_FEED_STATUSES } from './types'
export { FEED_SOURCE } from './readFrame'

export type { ConferenceFeed, ConferenceFeedOptions, ConnectivityEvents } from './connectConferenceFeed'
export type { BackoffOptions } from './backoff'
export type { ScheduleFlush } from './frameScheduler'
export type {
  ConferenceFeedState,
  ConferenceFeedStatus,
  EventSourceConstructor,
  EventSourceLike,
  FeedMessageEvent,
  FeedTimers,
} from './types'

/**
 * The feed's public types: its status, what a listener sees, and the smallest `EventSource` it
 * needs (the browser's, or the `eventsource` package's in Node).
 *
 * @module
 */

/**
 * Every status of a feed, for a banner.
 * @example
 * ```ts
 * const labels = Object.fromEntries(CONFERENCE_FEED_STATUSES.map((status) => [status, status.toUpperCase()]))
 * ```
 */
export const CONFERENCE_FEED_STATUSES = ['connecting', 'live', 'reconnecting', 'closed'] as const

/**
 * Where a feed stands: `connecting` (first attempt), `live` (the stream is open), `reconnecting`
 * (it dropped; a new attempt is scheduled or under way), `closed` (`close()` was called).
 */
export type ConferenceFeedStatus = (typeof CONFERENCE_FEED_STATUSES)[number]

/** What a feed's listeners see: plain data, a new object on every change. */
export interface ConferenceFeedState {
  status: ConferenceFeedStatus
  /** The last stream position received (the SSE `id`); sent back as `lastEventId` on reconnect. */
  lastEventId: string | undefined
  /** Failed attempts since the stream was last open (0 while live). */
  attempt: number
  /** When reconnecting: the delay (ms) before the next attempt. */
  retryInMs: number | undefined
  /** Why the stream last dropped or an attempt failed, e.g. `HTTP 401` or `getToken failed: …`. */
  error: string | undefined
  /**
   * The last `status` event the relay sent, parsed (for example `{ "bus": "down" }` while its
   * Redis bus is unreachable); `undefined` until one arrives.
   */
  server: Readonly<Record<string, unknown>> | undefined
}

/** The message events the feed reads (`MessageEvent`'s fields it uses). */
export interface FeedMessageEvent {
  data: unknown
  lastEventId?: string
}

/** The part of `EventSource` the feed uses: the browser's and the `eventsource` package's both fit. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: FeedMessageEvent & { code?: number; message?: string }) => void): void
  close(): void
}

/** A constructor of {@link EventSourceLike}: `globalThis.EventSource`, or `EventSource` from `eventsource`. */
export type EventSourceConstructor = new (url: string) => EventSourceLike

/** The timer functions the feed schedules its reconnects with (injectable for tests). */
export interface FeedTimers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

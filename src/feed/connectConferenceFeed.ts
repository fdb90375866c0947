/**
 * `connectConferenceFeed`: the browser's end of the relay. One `EventSource` to `/events`, the
 * snapshot folded in with `conferencesMerged`, each `conference` event queued and dispatched once
 * per frame as one `eventsReceived`, and a reconnect loop of its own (with a fresh token and the
 * last stream position) because the browser's built-in retry would reuse an expired token.
 *
 * @module
 */
import { conferencesMerged, eventsReceived, type ConferenceEvent, type ConferenceExport } from 'conference-state'
import { backoffDelay, type BackoffOptions } from './backoff'
import { scheduleOnNextFrame, type ScheduleFlush } from './frameScheduler'
import { parseFrame, readConferenceFrame, readStatusFrame, rejectFrame } from './readFrame'
import type {
  ConferenceFeedState,
  ConferenceFeedStatus,
  EventSourceConstructor,
  EventSourceLike,
  FeedMessageEvent,
  FeedTimers,
} from './types'

/** Options of {@link connectConferenceFeed}. */
export interface ConferenceFeedOptions extends BackoffOptions {
  /** The store's `dispatch`. */
  dispatch: (action: { type: string; payload?: unknown }) => unknown
  /** The relay's base URL, e.g. `https://relay.example.com` or `/relay` (the stream is `${url}/events`). */
  url: string
  /** A viewer token for each attempt (called again on every reconnect, so it can be refreshed). */
  getToken: () => string | Promise<string>
  /** The `EventSource` class. Default: `globalThis.EventSource`; in Node, pass the `eventsource` package's. */
  EventSource?: EventSourceConstructor
  /** Where to resume from on the first attempt (a stream position kept from an earlier session). */
  lastEventId?: string
  /** When queued events are dispatched. Default: the next animation frame (a timer without frames). */
  scheduleFlush?: ScheduleFlush
  /** Timers for the reconnect delays. Default: the global ones. */
  timers?: FeedTimers
  /** A random number in [0, 1) for the jitter. Default: `Math.random`. */
  random?: () => number
  /**
   * Where `offline` and `online` events come from: going offline drops the stream at once (a dead
   * connection can otherwise look open for minutes), coming back online reconnects without
   * waiting for the backoff. Default: `window` in a browser, none elsewhere; `null` turns it off.
   */
  connectivity?: ConnectivityEvents | null
}

/** A source of the browser's `online` / `offline` events (`window`, or a test's `EventTarget`). */
export interface ConnectivityEvents {
  addEventListener(type: 'online' | 'offline', listener: () => void): void
  removeEventListener(type: 'online' | 'offline', listener: () => void): void
}

/** A connected feed: its state for a banner, and `close()`. */
export interface ConferenceFeed {
  /** The current state (the same object until something changes: fit for `useSyncExternalStore`). */
  getState(): ConferenceFeedState
  /** The current status, short for `getState().status`. */
  readonly status: ConferenceFeedStatus
  /** Calls `listener` after every change of state; returns the unsubscribe function. */
  subscribe(listener: (state: ConferenceFeedState) => void): () => void
  /** Drops the current stream and connects again at once (e.g. when the page comes back online). */
  reconnect(): void
  /** Dispatches what is queued, closes the stream, cancels any retry. Status becomes `closed`. */
  close(): void
}

const defaultTimers: FeedTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** `${url}/events?token=…&lastEventId=…`, relative URLs resolved against the page. */
function streamUrl(url: string, token: string, lastEventId: string | undefined): string {
  const base = typeof location === 'undefined' ? undefined : location.href
  const target = new URL(`${url.replace(/\/+$/, '')}/events`, base)
  target.searchParams.set('token', token)
  if (lastEventId !== undefined) target.searchParams.set('lastEventId', lastEventId)
  return target.href
}

const describeError = (error: unknown): string => {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return 'unknown error'
  }
}

/**
 * Connects a store to the relay's event stream and keeps it connected.
 *
 * @param options - `dispatch`, the relay's `url` and `getToken`; optionally `EventSource`,
 *   `lastEventId`, backoff delays and injectable scheduling, timers and randomness.
 * @returns A {@link ConferenceFeed}: `getState()`, `subscribe()`, `reconnect()`, `close()`.
 * @remarks Never throws into the app: malformed frames are dispatched as `eventRejected`
 *   (source `conference-feed`), a failing `getToken` or stream is retried with backoff and
 *   shown in `getState().error`.
 * @example
 * ```ts
 * const feed = connectConferenceFeed({
 *   dispatch: store.dispatch,
 *   url: 'https://relay.example.com',
 *   getToken: () => fetch('/api/relay-token').then((reply) => reply.text()),
 * })
 * feed.subscribe(({ status }) => console.log('feed', status))
 * // later
 * feed.close()
 * ```
 */
export function connectConferenceFeed(options: ConferenceFeedOptions): ConferenceFeed {
  const { dispatch, url, getToken } = options
  const Source = options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource
  if (typeof Source !== 'function') {
    throw new TypeError('connectConferenceFeed needs `EventSource`: pass it as the `EventSource` option where there is none (e.g. `import { EventSource } from "eventsource"` in Node)')
  }
  const EventSourceClass: EventSourceConstructor = Source
  const timers = options.timers ?? defaultTimers
  const random = options.random ?? Math.random
  const scheduleFlush = options.scheduleFlush ?? scheduleOnNextFrame()

  let state: ConferenceFeedState = {
    status: 'connecting',
    lastEventId: options.lastEventId,
    attempt: 0,
    retryInMs: undefined,
    error: undefined,
    server: undefined,
  }
  const listeners = new Set<(state: ConferenceFeedState) => void>()
  let source: EventSourceLike | undefined
  let generation = 0
  let retryTimer: unknown
  let queue: ConferenceEvent[] = []
  let cancelFlush: (() => void) | undefined

  const update = (change: Partial<ConferenceFeedState>) => {
    state = { ...state, ...change }
    for (const listener of [...listeners]) {
      try {
        listener(state)
      } catch {
        // A listener's bug is its own; the feed carries on.
      }
    }
  }

  const safeDispatch = (action: { type: string; payload?: unknown }) => {
    try {
      dispatch(action)
    } catch (error) {
      update({ error: `dispatch threw: ${describeError(error)}` })
    }
  }

  const flush = () => {
    cancelFlush?.()
    cancelFlush = undefined
    if (queue.length === 0) return
    const batch = queue
    queue = []
    safeDispatch(batch.length === 1 ? (batch[0] as ConferenceEvent) : eventsReceived(batch))
  }

  const enqueue = (event: ConferenceEvent) => {
    queue.push(event)
    cancelFlush ??= scheduleFlush(flush)
  }

  const track = (event: FeedMessageEvent) => {
    if (typeof event.lastEventId === 'string' && event.lastEventId !== '') state = { ...state, lastEventId: event.lastEventId }
  }

  const onSnapshot = (event: FeedMessageEvent) => {
    track(event)
    const parsed = parseFrame(event.data)
    flush()
    if ('reason' in parsed || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      safeDispatch(rejectFrame('snapshot', 'reason' in parsed ? parsed.reason : 'data must be an export object', event.data))
      return
    }
    // The export's shape is checked at the reducer's door, like every action's payload.
    safeDispatch(conferencesMerged(parsed.value as ConferenceExport))
  }

  const dropSource = () => {
    generation += 1
    try {
      source?.close()
    } catch {
      // Already closed.
    }
    source = undefined
  }

  const retry = (error: string) => {
    dropSource()
    timers.clearTimeout(retryTimer)
    const attempt = state.attempt + 1
    const retryInMs = backoffDelay(attempt, options, random)
    flush()
    update({ status: 'reconnecting', attempt, retryInMs, error })
    retryTimer = timers.setTimeout(() => void open(), retryInMs)
  }

  async function open(): Promise<void> {
    const mine = ++generation
    let token: string
    try {
      token = await getToken()
      if (typeof token !== 'string' || token === '') throw new TypeError('`getToken` must return a non-empty string')
    } catch (error) {
      if (mine === generation && state.status !== 'closed') retry(`getToken failed: ${describeError(error)}`)
      return
    }
    if (mine !== generation || state.status === 'closed') return
    let opened: EventSourceLike
    try {
      opened = new EventSourceClass(streamUrl(url, token, state.lastEventId))
    } catch (error) {
      retry(`EventSource failed: ${describeError(error)}`)
      return
    }
    source = opened
    const current = (handler: (event: FeedMessageEvent & { code?: number; message?: string }) => void) =>
      (event: FeedMessageEvent & { code?: number; message?: string }) => {
        if (mine === generation && state.status !== 'closed') handler(event)
      }
    opened.addEventListener('open', current(() => update({ status: 'live', attempt: 0, retryInMs: undefined, error: undefined })))
    opened.addEventListener('snapshot', current(onSnapshot))
    opened.addEventListener('conference', current((event) => {
      track(event)
      enqueue(readConferenceFrame(event.data))
    }))
    opened.addEventListener('status', current((event) => {
      const server = readStatusFrame(event.data)
      if (server === undefined) enqueue(rejectFrame('status', 'data must be a JSON object', event.data))
      else update({ server })
    }))
    opened.addEventListener('error', current((event) => {
      const code = typeof event.code === 'number' ? `HTTP ${event.code}` : undefined
      const message = typeof event.message === 'string' && event.message !== '' ? event.message : undefined
      retry(code ?? message ?? 'the stream was interrupted')
    }))
  }

  const browserWindow = (globalThis as { window?: ConnectivityEvents }).window
  const connectivity = options.connectivity === undefined ? browserWindow : options.connectivity
  const onOffline = () => {
    if (state.status !== 'closed') retry('the browser is offline')
  }
  const onOnline = () => {
    if (state.status === 'reconnecting') reconnectNow()
  }
  connectivity?.addEventListener('offline', onOffline)
  connectivity?.addEventListener('online', onOnline)

  function reconnectNow() {
    dropSource()
    timers.clearTimeout(retryTimer)
    flush()
    update({ status: 'reconnecting', retryInMs: 0 })
    void open()
  }

  void open()

  return {
    getState: () => state,
    get status() {
      return state.status
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    reconnect() {
      if (state.status !== 'closed') reconnectNow()
    },
    close() {
      if (state.status === 'closed') return
      connectivity?.removeEventListener('offline', onOffline)
      connectivity?.removeEventListener('online', onOnline)
      flush()
      dropSource()
      timers.clearTimeout(retryTimer)
      update({ status: 'closed', retryInMs: undefined })
    },
  }
}

/**
 * `createConferenceTimers`: the middleware that moves time forward for the slice, so apps do not
 * write timers. It dispatches `recentlyLeftExpired` when a departed leg's window ends or a pending command's deadline passes, and
 * `conferencesPruned` on an interval. Reducers stay pure: the clock lives here.
 *
 * Which conferences to look at is read from the state, not from the actions: after every action,
 * each conference whose record changed since the last action it saw has its earliest deadline
 * (re)scheduled. No list of action types can then miss one that leaves a leg `recently_left` (a
 * late join ended as it is created, a flag event of a leg a snapshot omitted, a merge, a batch),
 * and a preloaded or rehydrated state is scheduled on the first action (docs/architecture.md,
 * "Layers", Timers).
 *
 * @module
 */
import type { Middleware } from '@reduxjs/toolkit'
import * as events from './events'
import type { ConferenceRecord, ConferencesState, ConferenceTable } from './model'
import { earliestPendingDeadline } from './reducers/controls'
import { createTable, forEachChangedConference, lookupConference } from './table'

/** Options of {@link createConferenceTimers}. */
export interface ConferenceTimersOptions<State> {
  /** Reads the slice state; defaults to `state.conferences`. */
  selectSlice?: (state: State) => ConferencesState
  /** How often closed conferences are pruned (ms). Default 60 000; 0 turns pruning off. */
  pruneEveryMs?: number
  /** The clock; defaults to `Date.now`. */
  now?: () => number
}

/** The middleware and a way to stop its timers (on logout, in tests). */
export interface ConferenceTimers {
  middleware: Middleware
  /**
   * Clears every pending timer: call it on logout, at the end of a test, or before dropping the
   * store. The middleware starts them again on the next action that needs one. In Node the
   * timers never keep the process alive (they are `unref()`ed), so a script ends without it.
   */
  stop: () => void
}

/**
 * The longest delay `setTimeout` takes (2^31 - 1 ms, about 24.8 days): a longer one fires at once.
 * A deadline further away is waited for in steps of this length.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

/** In Node, lets the process exit while the timer is pending; browsers' numeric ids have no `unref`. */
function unref<Timer>(timer: Timer): Timer {
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}

/** When the clock sweep next has something to do on `conference`: a window ending or a command's deadline. */
function nextDeadline(conference: ConferenceRecord, recentlyLeftMs: number): number {
  let earliest = Infinity
  for (const leg of conference.participants) {
    if (leg.status === 'recently_left') earliest = Math.min(earliest, (leg.leftAt ?? 0) + recentlyLeftMs)
    const pending = earliestPendingDeadline(leg)
    if (pending !== undefined) earliest = Math.min(earliest, pending)
  }
  return earliest
}

/** What the middleware compares the first state it sees with: every conference in it is new to it. */
const NO_CONFERENCES: ConferenceTable = createTable()

/**
 * Creates the timers middleware. Add it to your store; it schedules one timer per conference
 * with legs in their `recently_left` window or commands pending, and prunes on an interval.
 *
 * @param options - Where the slice is mounted, how often to prune, and the clock.
 * @returns The middleware and `stop()`, which clears its timers (they never keep Node alive).
 * @remarks The timers start with the first action the middleware sees, which schedules every
 * conference already in the state; after that, each action schedules the conferences it changed,
 * whatever its type. Call `stop()` on logout or at the end of a test.
 * @example
 * ```ts
 * const timers = createConferenceTimers()
 * const store = configureStore({
 *   reducer: { conferences: conferencesReducer },
 *   middleware: (getDefault) => getDefault().concat(timers.middleware),
 * })
 * ```
 */
export function createConferenceTimers<State = { conferences: ConferencesState }>(
  options: ConferenceTimersOptions<State> = {},
): ConferenceTimers {
  const selectSlice = options.selectSlice ?? ((state: State) => (state as { conferences: ConferencesState }).conferences)
  const now = options.now ?? Date.now
  const pruneEveryMs = options.pruneEveryMs ?? 60_000
  const expiries = new Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>()
  let pruning: ReturnType<typeof setInterval> | undefined
  /** The table as of the last action the middleware saw; `undefined` before the first (and after `stop()`). */
  let seen: ConferenceTable | undefined

  const stop = () => {
    for (const { timer } of expiries.values()) clearTimeout(timer)
    expiries.clear()
    seen = undefined
    if (pruning !== undefined) clearInterval(pruning)
    pruning = undefined
  }

  const middleware: Middleware = (api) => {
    /** Arms (or moves earlier) the timer of `conference`, for its earliest deadline. */
    const scheduleConference = (conference: ConferenceRecord, recentlyLeftMs: number) => {
      const { conferenceSid } = conference
      const earliest = nextDeadline(conference, recentlyLeftMs)
      const pending = expiries.get(conferenceSid)
      if (earliest === Infinity || (pending !== undefined && pending.at <= earliest)) return
      if (pending !== undefined) clearTimeout(pending.timer)
      const timer = unref(setTimeout(() => {
        expiries.delete(conferenceSid)
        // A deadline beyond the longest delay is reached in steps: sweep only once it is due.
        const time = now()
        if (earliest <= time) api.dispatch(events.recentlyLeftExpired({ conferenceSid, now: time }))
        const slice = selectSlice(api.getState() as State)
        const current = lookupConference(slice.table, conferenceSid)
        if (current !== undefined) scheduleConference(current, slice.config.recentlyLeftMs)
      }, Math.min(MAX_TIMER_DELAY_MS, Math.max(0, earliest - now()))))
      expiries.set(conferenceSid, { at: earliest, timer })
    }

    /** The `recently_left` window of the state being looked at, for `scheduleChanged`. */
    let windowMs = 0
    const scheduleChanged = (conference: ConferenceRecord) => scheduleConference(conference, windowMs)

    return (next) => (action) => {
      const result = next(action)
      if (pruning === undefined && pruneEveryMs > 0) {
        pruning = unref(setInterval(() => api.dispatch(events.conferencesPruned({ now: now() })), Math.min(MAX_TIMER_DELAY_MS, pruneEveryMs)))
      }
      // The slice may not be mounted yet (a slice injected later).
      const slice = selectSlice(api.getState() as State) as ConferencesState | undefined
      const table = slice?.table
      if (slice !== undefined && table !== undefined && table !== seen) {
        windowMs = slice.config.recentlyLeftMs
        forEachChangedConference(seen ?? NO_CONFERENCES, table, scheduleChanged)
        seen = table
      }
      return result
    }
  }

  return { middleware, stop }
}

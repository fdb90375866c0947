/**
 * `createConferenceTimers`: the middleware that moves time forward for the slice, so apps do not
 * write timers. It dispatches `recentlyLeftExpired` when a departed leg's window ends or a pending command's deadline passes, and
 * `conferencesPruned` on an interval. Reducers stay pure: the clock lives here.
 *
 * @module
 */
import type { Middleware } from '@reduxjs/toolkit'
import * as events from './events'
import { COMMAND_TYPE_PREFIX } from './commands'
import type { ConferenceRecord, ConferencesState } from './model'
import { earliestPendingDeadline } from './reducers/controls'
import { lookupConference } from './table'

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

const TRIGGERS: ReadonlySet<string> = new Set([
  events.participantLeft.type,
  events.conferenceEnded.type,
  events.conferenceSnapshotReceived.type,
  events.eventsReceived.type,
  events.conferencesMerged.type,
  ...Object.values(COMMAND_TYPE_PREFIX).flatMap((prefix) => [`${prefix}/pending`, `${prefix}/fulfilled`]),
])

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

/** The conferences an action touches. Reads defensively: the action was already reduced, and may be hostile. */
function touchedConferences(action: { type: string; payload?: unknown; meta?: unknown }): string[] {
  const sids = new Set<string>()
  try {
    if (action.type === events.conferencesMerged.type) {
      const conferences = (action.payload as { conferences?: unknown } | undefined)?.conferences
      if (Array.isArray(conferences)) {
        for (const conference of conferences as Array<{ conferenceSid?: unknown } | null>) {
          if (typeof conference?.conferenceSid === 'string') sids.add(conference.conferenceSid)
        }
      }
      return [...sids]
    }
    const members = action.type === events.eventsReceived.type && Array.isArray(action.payload) ? action.payload : [action]
    for (const member of members as Array<{ type?: unknown; payload?: { conferenceSid?: unknown }; meta?: { arg?: { conferenceSid?: unknown } } }>) {
      const sid = member?.payload?.conferenceSid ?? member?.meta?.arg?.conferenceSid
      if (typeof sid === 'string' && TRIGGERS.has(String(member.type))) sids.add(sid)
    }
  } catch {
    // A payload that throws when read was rejected by the reducer: nothing to schedule.
  }
  return [...sids]
}

/**
 * Creates the timers middleware. Add it to your store; it schedules one timer per conference
 * with legs in their `recently_left` window, and prunes on an interval.
 *
 * @param options - Where the slice is mounted, how often to prune, and the clock.
 * @returns The middleware and `stop()`, which clears its timers (they never keep Node alive).
 * @remarks The timers start with the first action the middleware sees. Call `stop()` on logout
 * or at the end of a test.
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

  const stop = () => {
    for (const { timer } of expiries.values()) clearTimeout(timer)
    expiries.clear()
    if (pruning !== undefined) clearInterval(pruning)
    pruning = undefined
  }

  const middleware: Middleware = (api) => {
    const schedule = (conferenceSid: string) => {
      const slice = selectSlice(api.getState() as State)
      const conference = lookupConference(slice.table, conferenceSid)
      if (conference === undefined) return
      const earliest = nextDeadline(conference, slice.config.recentlyLeftMs)
      const pending = expiries.get(conferenceSid)
      if (earliest === Infinity || (pending !== undefined && pending.at <= earliest)) return
      if (pending !== undefined) clearTimeout(pending.timer)
      const timer = unref(setTimeout(() => {
        expiries.delete(conferenceSid)
        // A deadline beyond the longest delay is reached in steps: sweep only once it is due.
        const time = now()
        if (earliest <= time) api.dispatch(events.recentlyLeftExpired({ conferenceSid, now: time }))
        schedule(conferenceSid)
      }, Math.min(MAX_TIMER_DELAY_MS, Math.max(0, earliest - now()))))
      expiries.set(conferenceSid, { at: earliest, timer })
    }

    return (next) => (action) => {
      const result = next(action)
      if (pruning === undefined && pruneEveryMs > 0) {
        pruning = unref(setInterval(() => api.dispatch(events.conferencesPruned({ now: now() })), Math.min(MAX_TIMER_DELAY_MS, pruneEveryMs)))
      }
      const typed = action as { type?: unknown; payload?: unknown }
      if (typeof typed.type === 'string' && TRIGGERS.has(typed.type)) {
        for (const sid of touchedConferences(typed as { type: string; payload?: unknown })) schedule(sid)
      }
      return result
    }
  }

  return { middleware, stop }
}

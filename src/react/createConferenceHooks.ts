/**
 * `createConferenceHooks(selectSlice)`: every React hook, for a slice mounted anywhere.
 *
 * Each hook is `useSelector` over one selector of {@link createConferenceSelectors}. The selectors
 * already return the same reference while what they derive is unchanged, so no hook builds an
 * object or an array of its own: `useSelector`'s `===` comparison holds, and react-redux's
 * `stabilityCheck` and `identityFunctionCheck` stay silent.
 *
 * @module
 */
import { useCallback, type Context } from 'react'
import { createSelectorHook, useSelector, type ReactReduxContextValue } from 'react-redux'
import {
  createConferenceSelectors,
  type ConferenceParticipant,
  type ConferenceSelectors,
  type ConferencesState,
  type ConferenceView,
  type ControlError,
  type RejectedEvent,
} from 'conference-state'

/**
 * The hooks {@link createConferenceHooks} returns. Hooks that read one conference take its SID;
 * an unknown SID gives `undefined`, an empty list, `0` or `false`.
 *
 * @example
 * ```ts
 * export const { useLiveWorkers, useIsCustomerOnHold }: ConferenceHooks = createConferenceHooks(selectSlice)
 * ```
 */
export interface ConferenceHooks {
  /** Every conference SID in the order first seen; re-renders only when one is added or removed. */
  useConferenceSids: () => readonly string[]
  /** The Flex-shaped view of a conference, or `undefined` for an unknown SID. */
  useConferenceView: (conferenceSid: string) => ConferenceView | undefined
  /** The view of the conference serving a task (`WT…`), or `undefined`. */
  useConferenceViewByTaskSid: (taskSid: string) => ConferenceView | undefined
  /** Every leg, departed ones included, in join order. */
  useParticipants: (conferenceSid: string) => readonly ConferenceParticipant[]
  /** One leg by call SID; re-renders only when that leg changes. */
  useParticipant: (conferenceSid: string, callSid: string) => ConferenceParticipant | undefined
  /** Legs that are `joined` and not connecting. */
  useLiveParticipants: (conferenceSid: string) => readonly ConferenceParticipant[]
  /** Legs in their `recently_left` window. */
  useRecentlyLeftParticipants: (conferenceSid: string) => readonly ConferenceParticipant[]
  /** Live legs except `transfer` and `supervisor`; the current worker's legs count once. */
  useLiveParticipantCount: (conferenceSid: string) => number
  /** Live workers, one leg per distinct worker, in join order. */
  useLiveWorkers: (conferenceSid: string) => readonly ConferenceParticipant[]
  /** How many distinct workers are live. */
  useLiveWorkerCount: (conferenceSid: string) => number
  /** All of the current worker's legs, departed ones included. */
  useMyParticipants: (conferenceSid: string) => readonly ConferenceParticipant[]
  /** Whether a live customer leg is on hold. */
  useIsCustomerOnHold: (conferenceSid: string) => boolean
  /** Whether one of my live legs is on hold. */
  useIsMyselfOnHold: (conferenceSid: string) => boolean
  /** Whether one of my live legs is muted. */
  useIsMyselfMuted: (conferenceSid: string) => boolean
  /** Whether more than two participants are live. */
  useIsGroupCall: (conferenceSid: string) => boolean
  /** The worker set by `currentWorkerIdentified`, or `null`. */
  useCurrentWorkerSid: () => string | null
  /** The bounded log of rejected input, oldest first. */
  useRejectedEvents: () => readonly RejectedEvent[]
  /** The bounded log of failed or unconfirmed commands (hold, mute, remove, add), oldest first. */
  useControlErrors: () => readonly ControlError[]
}

/** The selectors the hooks read. */
type HookedSelectors<State> = Pick<
  ConferenceSelectors<State>,
  | 'selectConferenceSids'
  | 'selectConferenceView'
  | 'selectConferenceViewByTaskSid'
  | 'selectParticipants'
  | 'selectParticipant'
  | 'selectLiveParticipants'
  | 'selectRecentlyLeftParticipants'
  | 'selectLiveParticipantCount'
  | 'selectLiveWorkers'
  | 'selectLiveWorkerCount'
  | 'selectMyParticipants'
  | 'selectIsCustomerOnHold'
  | 'selectIsMyselfOnHold'
  | 'selectIsMyselfMuted'
  | 'selectIsGroupCall'
  | 'selectCurrentWorkerSid'
  | 'selectRejectedEvents'
  | 'selectControlErrors'
>

/**
 * What {@link createConferenceHooks} reads from: a function that finds the slice in your root
 * state, or the selectors {@link createConferenceSelectors} built for it.
 *
 * @example
 * ```ts
 * const selectSlice: ConferenceHooksSource<RootState> = (state) => state.telephony.conferences
 * const bySelectors: ConferenceHooksSource<RootState> = createConferenceSelectors(selectSlice)
 * ```
 */
export type ConferenceHooksSource<State> = ((state: State) => ConferencesState) | HookedSelectors<State>

/** Options of {@link createConferenceHooks}. */
export interface ConferenceHooksOptions<State> {
  /**
   * The React context your `<Provider context={…}>` uses, when the store is not the one of the
   * default react-redux context (a plugin beside a host app's store, as with react-redux's
   * `createSelectorHook(context)`). Default: react-redux's own context.
   */
  context?: Context<ReactReduxContextValue<State> | null>
}

/**
 * Builds every hook for a slice mounted where `selectSlice` finds it.
 *
 * @param source - Reads the slice state from your root state, or the selectors you already built
 * for it with {@link createConferenceSelectors} (the hooks then share their caches).
 * @param options - `context`: the React context of your `<Provider>`, when it is not react-redux's.
 * @returns The hooks. They read the store of the nearest react-redux `<Provider>` (of `context`).
 * @remarks Call it once, at module level, never inside a component: given a slice selector, each
 * call builds selectors with their own caches.
 * @example
 * ```ts
 * // hooks.ts, next to your store
 * import { createConferenceHooks } from 'conference-state/react'
 * import type { RootState } from './store'
 *
 * export const { useConferenceView, useLiveWorkers } = createConferenceHooks(
 *   (state: RootState) => state.telephony.conferences,
 * )
 * ```
 */
export function createConferenceHooks<State>(
  source: ConferenceHooksSource<State>,
  options: ConferenceHooksOptions<State> = {},
): ConferenceHooks {
  const selectors = typeof source === 'function' ? createConferenceSelectors(source) : source
  const useStateSelector = (options.context === undefined ? useSelector : createSelectorHook(options.context)).withTypes<State>()

  // `useCallback` keeps the selector's identity while the SIDs stay, so `useSelector` does not
  // re-run it on every render (reselect's computationComparisons test does the same with useMemo).
  const useConferenceSelector = <Result>(select: (state: State, sid: string) => Result, sid: string): Result =>
    useStateSelector(useCallback((state: State) => select(state, sid), [select, sid]))

  return {
    useConferenceSids: () => useStateSelector(selectors.selectConferenceSids),
    useConferenceView: (conferenceSid) => useConferenceSelector(selectors.selectConferenceView, conferenceSid),
    useConferenceViewByTaskSid: (taskSid) => useConferenceSelector(selectors.selectConferenceViewByTaskSid, taskSid),
    useParticipants: (conferenceSid) => useConferenceSelector(selectors.selectParticipants, conferenceSid),
    useParticipant: (conferenceSid, callSid) =>
      useStateSelector(
        useCallback(
          (state: State) => selectors.selectParticipant(state, conferenceSid, callSid),
          [conferenceSid, callSid],
        ),
      ),
    useLiveParticipants: (conferenceSid) => useConferenceSelector(selectors.selectLiveParticipants, conferenceSid),
    useRecentlyLeftParticipants: (conferenceSid) =>
      useConferenceSelector(selectors.selectRecentlyLeftParticipants, conferenceSid),
    useLiveParticipantCount: (conferenceSid) =>
      useConferenceSelector(selectors.selectLiveParticipantCount, conferenceSid),
    useLiveWorkers: (conferenceSid) => useConferenceSelector(selectors.selectLiveWorkers, conferenceSid),
    useLiveWorkerCount: (conferenceSid) => useConferenceSelector(selectors.selectLiveWorkerCount, conferenceSid),
    useMyParticipants: (conferenceSid) => useConferenceSelector(selectors.selectMyParticipants, conferenceSid),
    useIsCustomerOnHold: (conferenceSid) => useConferenceSelector(selectors.selectIsCustomerOnHold, conferenceSid),
    useIsMyselfOnHold: (conferenceSid) => useConferenceSelector(selectors.selectIsMyselfOnHold, conferenceSid),
    useIsMyselfMuted: (conferenceSid) => useConferenceSelector(selectors.selectIsMyselfMuted, conferenceSid),
    useIsGroupCall: (conferenceSid) => useConferenceSelector(selectors.selectIsGroupCall, conferenceSid),
    useCurrentWorkerSid: () => useStateSelector(selectors.selectCurrentWorkerSid),
    useRejectedEvents: () => useStateSelector(selectors.selectRejectedEvents),
    useControlErrors: () => useStateSelector(selectors.selectControlErrors),
  }
}

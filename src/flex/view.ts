/**
 * The Flex-compatible view (docs/architecture.md, "The Flex view"): the shape of Flex's `state.flex.conferences`,
 * derived from our state. The `Map` is built by a selector and never stored.
 *
 * @module
 */
import { createSelector } from '@reduxjs/toolkit'
import type { ConferencesState } from '../model'
import { createConferenceSelectors } from '../selectors/createConferenceSelectors'
import { listConferenceSids } from '../sidList'
import type { StateWithConferences } from '../selectors'
import type { ConferenceView } from '../selectors/views'

/** Flex's `ConferencesState.ConferenceState`. */
export interface FlexConferenceState {
  source: ConferenceView
}

/** Flex's `ConferencesState`: conference states by SID. */
export interface FlexConferencesState {
  states: Map<string, FlexConferenceState>
}

/** Options of {@link createFlexConferencesStateSelector}. */
export interface FlexConferencesStateOptions {
  /** Key the map by conference SID (the default) or, like Flex itself, by task SID when known. */
  keyBy?: 'conferenceSid' | 'taskSid'
}

const localSelectors = /* @__PURE__ */ createConferenceSelectors((slice: ConferencesState) => slice)

/**
 * Builds a selector of the Flex `ConferencesState` shape for a slice mounted anywhere.
 *
 * @param selectSlice - Reads the slice state from your root state.
 * @param options - How to key the map.
 * @returns A memoized selector; the map is rebuilt when a conference changes, each view is reused.
 * @example
 * ```ts
 * const selectFlexState = createFlexConferencesStateSelector((s: RootState) => s.voice.conferences, { keyBy: 'taskSid' })
 * selectFlexState(store.getState()).states.get(task.taskSid)?.source.liveWorkerCount
 * ```
 */
export function createFlexConferencesStateSelector<State>(
  selectSlice: (state: State) => ConferencesState,
  options: FlexConferencesStateOptions = {},
): (state: State) => FlexConferencesState {
  const byTask = options.keyBy === 'taskSid'
  return createSelector([selectSlice], (slice): FlexConferencesState => {
    const states = new Map<string, FlexConferenceState>()
    for (const sid of listConferenceSids(slice)) {
      const source = localSelectors.selectConferenceView(slice, sid)
      if (source !== undefined) states.set(byTask ? source.sid : sid, { source })
    }
    return { states }
  })
}

/**
 * Flex's `ConferencesState` (`{ states: Map<conferenceSid, { source: Conference }> }`) for a slice
 * mounted at `state.conferences`.
 *
 * @example
 * ```ts
 * const { states } = selectFlexConferencesState(store.getState())
 * states.get('CF…')?.source.liveParticipantCount
 * ```
 */
export const selectFlexConferencesState: (state: StateWithConferences) => FlexConferencesState =
  /* @__PURE__ */ createFlexConferencesStateSelector((state: StateWithConferences) => state.conferences)

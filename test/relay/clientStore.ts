/**
 * A browser's store, fed as the feed feeds it: a `snapshot` event folded in with
 * `conferencesMerged`, each `conference` event dispatched as the action it carries. RTK's dev
 * checks stay on. `viewsOf` reads what a UI would render, to compare two clients.
 */
import { configureStore } from '@reduxjs/toolkit'
import { conferencesMerged, conferencesReducer, selectConferenceSids, selectConferenceView, type ConferenceExport, type ConferenceView } from '../../src'
import type { SseEvent } from './harness'

export function createClientStore() {
  const store = configureStore({ reducer: { conferences: conferencesReducer } })
  return {
    store,
    /** Applies received events in order. */
    apply(events: readonly SseEvent[]) {
      for (const event of events) {
        if (event.event === 'snapshot') store.dispatch(conferencesMerged(event.json as ConferenceExport))
        else if (event.event === 'conference') store.dispatch(event.json as { type: string })
      }
    },
  }
}

/** Every conference's view (sorted by SID), as the UI's selectors give it. */
export function viewsOf(store: ReturnType<typeof createClientStore>['store']): Record<string, ConferenceView | undefined> {
  const state = store.getState()
  const views: Record<string, ConferenceView | undefined> = {}
  for (const sid of [...selectConferenceSids(state)].sort()) views[sid] = selectConferenceView(state, sid)
  return views
}

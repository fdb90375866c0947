/**
 * What a browser would render from a viewer's events: a store fed as the feed feeds it (a
 * `snapshot` folded in with `conferencesMerged`, each `conference` event dispatched as the action
 * it carries; RTK's dev checks on), read through the UI's selectors.
 */
import { configureStore } from '@reduxjs/toolkit'
import { conferencesMerged, conferencesReducer, selectConferenceSids, selectConferenceView, type ConferenceExport, type ConferenceView } from '../../src'
import type { ReceivedEvent } from './sseViewer'

/**
 * Every conference's view, sorted by SID, after applying a viewer's events in order.
 *
 * @param events - What the viewer received.
 * @returns The selector outputs a UI would show.
 */
export function viewsOf(events: readonly ReceivedEvent[]): Record<string, ConferenceView | undefined> {
  const store = configureStore({ reducer: { conferences: conferencesReducer } })
  for (const event of events) {
    if (event.event === 'snapshot') store.dispatch(conferencesMerged(event.data as ConferenceExport))
    else if (event.event === 'conference') store.dispatch(event.data as { type: string })
  }
  const state = store.getState()
  const views: Record<string, ConferenceView | undefined> = {}
  for (const sid of [...selectConferenceSids(state)].sort()) views[sid] = selectConferenceView(state, sid)
  return views
}

/**
 * The catch-up a viewer's `snapshot` event carries: the core's versioned export of conferences,
 * which the browser folds in with `conferencesMerged` (see `docs/architecture.md`, state transfer).
 *
 * @module
 */
import type { ConferenceRecord, ConferencesState } from '../model'
import { forEachConference, lookupConference } from '../table'

/**
 * Stand-in for the core's `selectConferenceExport(state, sids?)` until it is merged: the records
 * of the given conferences (all when `sids` is absent), as plain data.
 */
export function exportConferences(state: ConferencesState, sids?: readonly string[]): { conferences: ConferenceRecord[] } {
  const conferences: ConferenceRecord[] = []
  if (sids === undefined) forEachConference(state.table, (record) => conferences.push(record))
  else for (const sid of sids) {
    const record = lookupConference(state.table, sid)
    if (record !== undefined) conferences.push(record)
  }
  return { conferences }
}

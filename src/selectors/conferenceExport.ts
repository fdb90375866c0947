/**
 * The state-transfer selectors: a conference's version clock, and the versioned export that
 * `conferencesMerged` folds in (docs/architecture.md, "State transfer").
 *
 * @module
 */
import { weakMapMemoize } from '@reduxjs/toolkit'
import { CONFERENCE_EXPORT_FORMAT, exportConference, type ConferenceExport, type ConferenceTombstone } from '../exportFormat'
import type { ConferenceRecord, ConferencesState, ForgottenConference } from '../model'
import { forEachConference, lookupBySid, lookupConference } from '../table'

/** Each record's export is built once and shared while the record is unchanged. */
const exportOf: (record: ConferenceRecord) => ReturnType<typeof exportConference> = weakMapMemoize(exportConference)

const tombstoneOf = ({ conferenceSid, version }: ForgottenConference): ConferenceTombstone => ({ conferenceSid, version })

/** The export of `sids` (every conference when omitted) of a slice state. */
export function exportSlice(slice: ConferencesState, sids?: readonly string[]): ConferenceExport {
  const conferences: Array<ReturnType<typeof exportConference>> = []
  const forgottenConferences: ConferenceTombstone[] = []
  if (sids === undefined) {
    for (const sid of slice.sids) {
      const record = lookupConference(slice.table, sid)
      if (record !== undefined) conferences.push(exportOf(record))
    }
    if (slice.forgottenConferences !== undefined) {
      forEachConference<ForgottenConference>(slice.forgottenConferences, (stone) => forgottenConferences.push(tombstoneOf(stone)))
    }
  } else {
    for (const sid of new Set(sids)) {
      if (typeof sid !== 'string') continue
      const record = lookupConference(slice.table, sid)
      if (record !== undefined) conferences.push(exportOf(record))
      const stone = lookupBySid(slice.forgottenConferences, sid)
      if (stone !== undefined) forgottenConferences.push(tombstoneOf(stone))
    }
  }
  return {
    format: CONFERENCE_EXPORT_FORMAT,
    conferences,
    ...(forgottenConferences.length === 0 ? {} : { forgottenConferences }),
  }
}

/** The version clock of a conference in a slice state: 0 when the conference is unknown. */
export function clockOf(slice: ConferencesState, conferenceSid: string): number {
  return lookupConference(slice.table, conferenceSid)?.clock ?? 0
}

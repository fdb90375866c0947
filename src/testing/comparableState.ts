/**
 * The state with arrival-time fields removed and conferences in SID order: two replays of the
 * same events in different orders must give equal comparable states (docs/architecture.md, "Ordering").
 *
 * @module
 */
import type { ConferenceRecord, ConferencesState, ParticipantRecord, SnapshotOmission } from '../model'
import { forEachConference } from '../table'

/** A conference as compared: no arrival times. */
export type ComparableConference = Omit<ConferenceRecord, 'changedAt' | 'closedAt' | 'touchedAt' | 'clockLog' | 'participants' | 'snapshotOmission'> & {
  snapshotOmission?: Omit<SnapshotOmission, 'at'>
  participants: Record<string, Omit<ParticipantRecord, 'changedAt' | 'leftAt'>>
}

/**
 * Strips arrival-time fields (`changedAt`, `closedAt`, `touchedAt`, `clockLog`, `leftAt`, the snapshot omission's `at`,
 * the rejection log) and orders
 * conferences by SID.
 *
 * @param state - The slice state.
 * @returns A plain object to compare with `toEqual`.
 * @example
 * ```ts
 * expect(comparableState(shuffled)).toEqual(comparableState(inOrder))
 * ```
 */
export function comparableState(state: ConferencesState): Record<string, ComparableConference> {
  const conferences: Array<[string, ComparableConference]> = []
  forEachConference(state.table, (conference) => {
    const { changedAt: _changed, closedAt: _closed, touchedAt: _touched, clockLog: _clockLog, participants, snapshotOmission, ...rest } = conference
    // When the latest snapshot arrived is an arrival time too: of two snapshots alike, the first is kept.
    const comparable: Omit<ComparableConference, 'participants'> = rest
    if (snapshotOmission !== undefined) comparable.snapshotOmission = { version: snapshotOmission.version, listed: snapshotOmission.listed }
    const legs: ComparableConference['participants'] = {}
    const bySid = [...participants].sort((a, b) => (a.callSid < b.callSid ? -1 : a.callSid > b.callSid ? 1 : 0))
    for (const { changedAt: _legChanged, leftAt: _leftAt, ...leg } of bySid) legs[leg.callSid] = leg
    conferences.push([conference.conferenceSid, { ...comparable, participants: legs }])
  })
  conferences.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(conferences)
}

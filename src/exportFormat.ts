/**
 * The state-transfer format: conferences as plain, versioned data (docs/architecture.md,
 * "State transfer"). Every register travels with its version, so two copies of the same
 * conferences merge exactly, per register, whatever order they are folded in.
 *
 * What stays local to a store: pending control commands (and placeholder legs), and the record of
 * when the clock moved (arrival times on this machine's clock).
 *
 * @module
 */
import type { ConferenceRecord, ParticipantRecord } from './model'

/**
 * The format number of {@link ConferenceExport}; a reader refuses any other.
 * @example
 * ```ts
 * const saved = JSON.parse(localStorage.getItem('conferences') ?? 'null') as ConferenceExport | null
 * if (saved?.format === CONFERENCE_EXPORT_FORMAT) store.dispatch(conferencesMerged(saved))
 * ```
 */
export const CONFERENCE_EXPORT_FORMAT = 1

/** A leg as exported: its registers and versions, without the store's pending commands. */
export type ExportedParticipant = Omit<ParticipantRecord, 'holdPending' | 'mutePending' | 'removePending' | 'addPending'>

/** A conference as exported: its registers, legs and tombstones. */
export interface ExportedConference extends Omit<ConferenceRecord, 'participants' | 'clockLog'> {
  participants: readonly ExportedParticipant[]
}

/** A pruned conference: its SID and the clock it had, so late events at or below it are ignored. */
export interface ConferenceTombstone {
  conferenceSid: string
  version: number
}

/**
 * A versioned, JSON-serializable export of conferences: what `selectConferenceExport` gives and
 * `conferencesMerged` folds in.
 */
export interface ConferenceExport {
  format: typeof CONFERENCE_EXPORT_FORMAT
  conferences: readonly ExportedConference[]
  /** Conferences the exporting store pruned (tombstones), so a merge never revives them. */
  forgottenConferences?: readonly ConferenceTombstone[]
}

/** A leg that exists only in this store: a placeholder, or a dialled leg no platform reported. */
const isLocalOnly = (leg: ParticipantRecord): boolean =>
  leg.addPending !== undefined && (leg.addPending.placeholder || leg.versions.status === 0)

/** The exported form of one leg. */
export function exportParticipant(leg: ParticipantRecord): ExportedParticipant {
  const { holdPending: _hold, mutePending: _mute, removePending: _removal, addPending: _add, ...exported } = leg
  return exported
}

/** The exported form of one conference. */
export function exportConference(record: ConferenceRecord): ExportedConference {
  const { clockLog: _clockLog, participants, ...rest } = record
  const legs: ExportedParticipant[] = []
  for (const leg of participants) if (!isLocalOnly(leg)) legs.push(exportParticipant(leg))
  return { ...rest, participants: legs }
}

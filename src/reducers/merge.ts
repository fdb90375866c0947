/**
 * `conferencesMerged`: folds an export into the state, per register, the higher version winning
 * (docs/architecture.md, "State transfer"). Every rule is a maximum over a fixed order (version,
 * then a preferred value; arrival times by min or max), so merging is commutative, associative
 * and idempotent, and a merge that brings nothing new returns the identical state.
 *
 * @module
 */
import { advanceClock } from './clockLog'
import { settingOf } from '../config'
import type { ConferenceTombstone, ExportedConference, ExportedParticipant } from '../exportFormat'
import type { ConferenceRecord, ParticipantRecord } from '../model'
import { FLAG_NAMES, IDENTITY_KEYS, winsRegister, type LegRegister } from '../registers'
import { findParticipant } from '../table'
import type { StateWriter } from '../writer'
import { newConference, takesDetail } from './conferenceRecord'
import { announcementWins, END_FIELDS, endStatus, endValue } from './conferenceEvents'
import { boundTombstones, clearTombstone, lastVersionOf, tombstoneOf } from './forgetting'
import { readExport } from './exportSchema'
import { needsSettling, reportedPresence, settleLegs, statusUnderRules } from './conferenceRules'
import { newParticipant } from './participantChange'
import { depart, registerValue, setRegister, STATUS_PREFERENCE } from './registerWrites'
import { receivedAtOf } from './stamp'

const VALUE_REGISTERS: readonly LegRegister[] = ['connecting', 'speaking', 'departure', ...FLAG_NAMES, ...IDENTITY_KEYS]
const DETAIL_FIELDS = ['friendlyName', 'taskSid', 'accountSid'] as const

type Writable<T> = { -readonly [K in keyof T]: T[K] }

const minDefined = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b))

/** `conferencesMerged`: every valid conference of the export folded in; each invalid one recorded. */
export function reduceConferencesMerged(writer: StateWriter, action: { payload: unknown; meta?: unknown }): void {
  const read = readExport(action.payload)
  const receivedAt = receivedAtOf(action)
  for (const problem of read.problems) {
    writer.recordRejection({
      source: 'conferences-merged',
      reason: `conferencesMerged: \`${problem.field}\` ${problem.reason}`,
      field: problem.field,
      summary: `conferences/conferencesMerged ${problem.field}`,
      receivedAt,
    })
  }
  for (const tombstone of read.forgottenConferences) mergeTombstone(writer, tombstone, receivedAt)
  for (const conference of read.conferences) mergeConference(writer, conference, receivedAt)
}

function mergeTombstone(writer: StateWriter, tombstone: ConferenceTombstone, receivedAt: number): void {
  const known = writer.conference(tombstone.conferenceSid)
  if (known !== undefined && known.clock > tombstone.version) return
  const buried = writer.forgottenConference(tombstone.conferenceSid)
  if (buried !== undefined && buried.version >= tombstone.version) return
  if (known !== undefined) writer.removeConferences(new Set([tombstone.conferenceSid]))
  writer.buryConference({ ...tombstone, at: receivedAt }, settingOf(writer.state.config, 'maxForgottenConferences'))
}

/** Folds one conference in, creating it when unknown (unless a newer tombstone says it was pruned). */
function mergeConference(writer: StateWriter, incoming: ExportedConference, receivedAt: number): void {
  const sid = incoming.conferenceSid
  const buried = writer.forgottenConference(sid)
  const known = writer.conference(sid)
  if (known === undefined && buried !== undefined && incoming.clock <= buried.version) return
  let conference: Writable<ConferenceRecord> | undefined
  const edit = (): Writable<ConferenceRecord> => {
    conference ??= writer.editConference(sid, () => newConference(sid))
    return conference
  }
  const base = known ?? newConference(sid)

  mergeConferenceStatus(base, incoming, mergeEnd(base, incoming, edit), edit)
  const startedAt = minDefined(base.startedAt, incoming.startedAt)
  if (startedAt !== base.startedAt) edit().startedAt = startedAt
  for (const name of DETAIL_FIELDS) {
    const value = incoming[name]
    if (!takesDetail(value, base[name])) continue
    const replaced = base[name]
    edit()[name] = value
    if (name !== 'taskSid') continue
    if (replaced !== undefined) writer.unindexTask(replaced, sid)
    writer.indexTask(value, sid)
  }
  if (announcementWins(incoming.lastAnnouncement, base.lastAnnouncement)) edit().lastAnnouncement = incoming.lastAnnouncement
  if (incoming.clock > base.clock) advanceClock(edit(), incoming.clock, receivedAt)
  if (incoming.changedAt > base.changedAt) edit().changedAt = incoming.changedAt
  if (incoming.touchedAt !== undefined && incoming.touchedAt > (base.touchedAt ?? -Infinity)) edit().touchedAt = incoming.touchedAt
  const omission = incoming.snapshotOmission
  if (omission !== undefined && winsRegister(omission.version, omission.listed, base.snapshotOmission?.version ?? 0, base.snapshotOmission?.listed)) {
    edit().snapshotOmission = { version: omission.version, listed: [...omission.listed].sort(), at: omission.at }
  }
  mergeForgotten(base, incoming, edit)

  for (const leg of incoming.participants) mergeParticipant(writer, edit, conference ?? base, leg)
  if (conference === undefined && known !== undefined && !needsSettling(known, writer.state.config.recentlyLeftMs)) return
  const target = edit()
  if (known === undefined) target.touchedAt ??= receivedAt
  settleLegs(writer, target)
}

/**
 * The conference's status, as events write it (docs/architecture.md, "Ordering"): a conference
 * with an end shows its winning end's status, at the highest version either side wrote; without
 * an end, the status register by version, then the preferred value.
 */
function mergeConferenceStatus(base: ConferenceRecord, incoming: ExportedConference, endTaken: boolean, edit: () => Writable<ConferenceRecord>): void {
  if (base.endVersion === undefined && !endTaken) {
    if (winsRegister(incoming.statusVersion, incoming.status, base.statusVersion, base.status)) {
      Object.assign(edit(), { status: incoming.status, statusVersion: incoming.statusVersion })
    }
    return
  }
  const status = endStatus(endTaken ? incoming : base)
  const statusVersion = Math.max(base.statusVersion, incoming.statusVersion)
  if (status !== base.status || statusVersion !== base.statusVersion) Object.assign(edit(), { status, statusVersion })
}

/** The end register; whether the incoming end was taken. */
function mergeEnd(base: ConferenceRecord, incoming: ExportedConference, edit: () => Writable<ConferenceRecord>): boolean {
  const closedAt = minDefined(base.closedAt, incoming.closedAt)
  if (closedAt !== base.closedAt) edit().closedAt = closedAt
  if (incoming.endVersion === undefined) return false
  if (!winsRegister(incoming.endVersion, endValue(incoming), base.endVersion ?? 0, endValue(base))) return false
  const target = edit()
  target.endVersion = incoming.endVersion
  // Absent fields stay absent (an `undefined` value would not survive a JSON round trip).
  const fields = target as Record<string, unknown>
  for (const name of END_FIELDS) Reflect.deleteProperty(fields, name)
  for (const name of END_FIELDS) if (incoming[name] !== undefined) fields[name] = incoming[name]
  return true
}

function mergeForgotten(base: ConferenceRecord, incoming: ExportedConference, edit: () => Writable<ConferenceRecord>): void {
  if (incoming.forgotten === undefined || incoming.forgotten.length === 0) return
  const merged = new Map((base.forgotten ?? []).map((stone) => [stone.callSid, stone.version]))
  let changed = false
  for (const stone of incoming.forgotten) {
    if ((merged.get(stone.callSid) ?? -1) >= stone.version) continue
    merged.set(stone.callSid, stone.version)
    changed = true
  }
  if (changed) edit().forgotten = boundTombstones(merged)
}

/** Folds one incoming leg into the conference, register by register. */
function mergeParticipant(
  writer: StateWriter,
  edit: () => Writable<ConferenceRecord>,
  current: ConferenceRecord,
  incoming: ExportedParticipant,
): void {
  const known = findParticipant(current, incoming.callSid)
  let leg: ParticipantRecord | undefined
  const editLeg = (): ParticipantRecord => {
    if (leg !== undefined) return leg
    const conference = edit()
    leg = writer.editParticipant(conference, incoming.callSid, () => blankLeg(conference, incoming))
    return leg
  }
  if (known === undefined) {
    const buried = tombstoneOf(current, incoming.callSid)
    if (buried !== undefined && lastVersionOf(incoming as ParticipantRecord) <= buried) return
    if (buried !== undefined) {
      // Like late events: only what is newer than the forgotten leg's tombstone (its last version) comes back.
      incoming = newerThan(incoming, buried)
    }
  }
  // A new leg is created first and compared with itself as it fills in: registers only go up.
  const base = known ?? editLeg()

  mergeStatus(base, incoming, current, writer.state.config.recentlyLeftMs, editLeg)
  for (const register of VALUE_REGISTERS) {
    const value = registerValue(incoming as ParticipantRecord, register)
    if (!winsRegister(incoming.versions[register], value, base.versions[register], registerValue(base, register))) continue
    const target = editLeg()
    target.versions = { ...target.versions, [register]: incoming.versions[register] }
    setRegister(target, register, value, { version: incoming.versions[register], receivedAt: incoming.changedAt })
  }
  if (incoming.order < base.order) editLeg().order = incoming.order
  const joinedAt = minDefined(base.joinedAt, incoming.joinedAt)
  if (joinedAt !== base.joinedAt && joinedAt !== undefined) editLeg().joinedAt = joinedAt
  if (incoming.changedAt > base.changedAt) editLeg().changedAt = incoming.changedAt
}

/**
 * The status register, merged as events write it (docs/architecture.md, "State transfer"): the
 * leg's latest presence report decides, a tie by the status register's version and then the
 * status both rank alike (`STATUS_PREFERENCE`); the end and the latest snapshot then apply to
 * what was taken (`settleLegs`). A live leg that those rules end already counts as departed, so an
 * export merged again changes nothing.
 */
function mergeStatus(
  base: ParticipantRecord,
  incoming: ExportedParticipant,
  conference: ConferenceRecord,
  recentlyLeftMs: number,
  editLeg: () => ParticipantRecord,
): void {
  const reported = reportedPresence(incoming as ParticipantRecord) - reportedPresence(base)
  const takes =
    reported > 0 ||
    (reported === 0 &&
      winsRegister(
        incoming.versions.status,
        rankIn(incoming as ParticipantRecord, conference, recentlyLeftMs),
        base.versions.status,
        rankIn(base, conference, recentlyLeftMs),
      ))
  if (!takes) return
  const target = editLeg()
  target.versions = { ...target.versions, status: incoming.versions.status }
  if (incoming.status === 'joined') {
    target.status = 'joined'
    delete target.leftAt
    delete target.addPending
  } else {
    // `leftAt` (an arrival time) comes with the status taken, so merging again changes nothing.
    depart(target, incoming.leftAt ?? target.leftAt ?? 0, incoming.status === 'left')
  }
}

/** A leg's status as ranked in a tie, once the conference's rules apply to it. */
function rankIn(leg: ParticipantRecord, conference: ConferenceRecord, recentlyLeftMs: number): number {
  return STATUS_PREFERENCE[statusUnderRules(leg, conference, recentlyLeftMs)]
}

/** `leg` with every register at or below `version` left unwritten (version 0). */
function newerThan(leg: ExportedParticipant, version: number): ExportedParticipant {
  const versions = { ...leg.versions }
  for (const register of Object.keys(versions) as LegRegister[]) if (versions[register] <= version) versions[register] = 0
  return { ...leg, versions, order: Math.max(leg.order, version + 1) }
}

/** A leg this store does not have yet: nothing written, or departed at its tombstone's version. */
function blankLeg(conference: Writable<ConferenceRecord>, incoming: ExportedParticipant): ParticipantRecord {
  const leg = newParticipant(incoming.callSid, { version: incoming.order, receivedAt: incoming.changedAt })
  const buried = tombstoneOf(conference, incoming.callSid)
  if (buried !== undefined) {
    clearTombstone(conference, incoming.callSid)
    leg.status = 'left'
    leg.versions = { ...leg.versions, status: buried, connecting: buried }
  }
  return leg
}

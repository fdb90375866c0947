/**
 * The check at the door of `conferencesMerged`: an export comes from another store, a server or
 * storage, so every field is read once into fresh plain data and validated like an event's
 * (docs/architecture.md, "Bad input and bounds"). Unknown keys are refused by name. Written
 * without a schema library, so the core entry carries none.
 *
 * @module
 */
import type { ConferenceTombstone, ExportedConference } from '../exportFormat'
import { describeType, keyProblem } from '../validation/keys'
import { FLAG_NAMES, IDENTITY_KEYS, LEG_REGISTERS, MAX_TEXT_LENGTH } from '../registers'
import { MAX_LEG_TOMBSTONES } from './forgetting'
import { identityValueProblem } from '../validation/legFields'
import type { PayloadProblem } from '../validation/problem'
import { MAX_SNAPSHOT_PARTICIPANTS } from '../validation/snapshotPayload'
import { leaf, list, oneOf, optional, record, required, type ShapeField, type ShapeRead, type ShapeReader } from './shapeReader'

/** Most legs an exported conference may hold: a snapshot's worth plus the departed ones kept. */
export const MAX_EXPORTED_LEGS = 1_000
/** Most conferences or tombstones one export may carry. */
export const MAX_EXPORTED_CONFERENCES = 100_000

const key = leaf(keyProblem)
const text = leaf((value) => {
  if (typeof value !== 'string') return `must be a string, got ${describeType(value)}`
  return value.length > MAX_TEXT_LENGTH ? `must be at most ${MAX_TEXT_LENGTH} characters` : undefined
})
const time = leaf((value) => (typeof value === 'number' && Number.isFinite(value) ? undefined : `must be epoch milliseconds, got ${describeType(value)}`))
const version = leaf((value) =>
  typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER
    ? undefined
    : `must be a version (a number from 0 to ${Number.MAX_SAFE_INTEGER}), got ${describeType(value)}`,
)
const flag = leaf((value) => (typeof value === 'boolean' ? undefined : `must be a boolean, got ${describeType(value)}`))

/** The same `field` for every name of `names`. */
const fieldsOf = (names: readonly string[], field: ShapeField): Record<string, ShapeField> =>
  Object.fromEntries(names.map((name) => [name, field]))

const identityFields = Object.fromEntries(
  IDENTITY_KEYS.map((name) => [name, optional(leaf((value) => identityValueProblem(name, value)))]),
)

const participant = record(
  {
    callSid: required(key),
    status: required(oneOf(['joined', 'recently_left', 'left'])),
    connecting: required(flag),
    speaking: required(flag),
    ...fieldsOf(FLAG_NAMES, required(flag)),
    ...identityFields,
    participantType: required(leaf((value) => identityValueProblem('participantType', value))),
    leftReason: optional(text),
    callStatus: optional(text),
    joinedAt: optional(time),
    leftAt: optional(time),
    order: required(version),
    changedAt: required(time),
    versions: required(record(fieldsOf(LEG_REGISTERS, required(version)), 'is not a register of a leg')),
  },
  'is not a field of an exported participant',
)

const announcement = record(
  {
    outcome: required(oneOf(['ended', 'failed'])),
    callSid: optional(key),
    reason: optional(text),
    announceUrl: optional(text),
    version: required(version),
  },
  'is not a field of an announcement',
)

const snapshotOmission = record(
  {
    version: required(version),
    listed: required(list(key, MAX_SNAPSHOT_PARTICIPANTS, `must list at most ${MAX_SNAPSHOT_PARTICIPANTS} legs`)),
    at: required(time),
  },
  'is not a field of a snapshot omission',
)

const legTombstone = record({ callSid: required(key), version: required(version) }, 'is not a field of a leg tombstone')

const conference = record(
  {
    conferenceSid: required(key),
    status: required(oneOf(['setup', 'active', 'closed', 'failed'])),
    statusVersion: required(version),
    friendlyName: optional(text),
    taskSid: optional(key),
    accountSid: optional(key),
    startedAt: optional(time),
    endedAt: optional(time),
    closedAt: optional(time),
    endVersion: optional(version),
    endReason: optional(text),
    endReasonText: optional(text),
    callSidEndingConference: optional(key),
    participantLabelEndingConference: optional(text),
    lastAnnouncement: optional(announcement),
    clock: required(version),
    changedAt: required(time),
    touchedAt: optional(time),
    snapshotOmission: optional(snapshotOmission),
    participants: required(list(participant, MAX_EXPORTED_LEGS, `must hold at most ${MAX_EXPORTED_LEGS} legs`)),
    forgotten: optional(list(legTombstone, MAX_LEG_TOMBSTONES, `must hold at most ${MAX_LEG_TOMBSTONES} tombstones`)),
  },
  'is not a field of an exported conference',
)

const conferenceTombstone = record({ conferenceSid: required(key), version: required(version) }, 'is not a field of a conference tombstone')

/** A refusal: the field to blame (a dotted path) and what is wrong. */
export type ExportProblem = PayloadProblem

/** What reading an export came to: the conferences that passed, and a problem for each that did not. */
export interface ReadExport {
  conferences: ExportedConference[]
  forgottenConferences: ConferenceTombstone[]
  problems: ExportProblem[]
}

/** Reads one entry of the export; a getter or proxy that throws refuses the entry, not the export. */
function readEntry(reader: ShapeReader, entry: unknown, field: string): ShapeRead {
  try {
    return reader(entry, field)
  } catch (error) {
    const detail = error instanceof Error ? String(error.message).slice(0, 100) : 'a value was thrown'
    return { problem: { field, reason: `could not be read (${detail})` } }
  }
}

/** The entries of a list of the export, read one by one into `into`; each refusal goes to `problems`. */
function readEntries<T>(reader: ShapeReader, entries: readonly unknown[], path: string, into: T[], problems: ExportProblem[]): void {
  for (const [index, entry] of entries.entries()) {
    const read = readEntry(reader, entry, `${path}[${index}]`)
    if ('problem' in read) problems.push(read.problem)
    else into.push(read.value as T)
  }
}

/**
 * A copy of the list `value` (its length read once, each member once), or `undefined` when it is
 * not an array of at most `MAX_EXPORTED_CONFERENCES` entries.
 */
function boundedList(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined
  const length = value.length
  if (length > MAX_EXPORTED_CONFERENCES) return undefined
  const copy: unknown[] = []
  for (let index = 0; index < length; index++) copy.push(value[index])
  return copy
}

/**
 * Reads an export: each conference (and tombstone) is checked alone, so one bad entry is
 * refused without the rest. A wrong `format` or shape refuses the whole export.
 */
export function readExport(input: unknown): ReadExport {
  const result: ReadExport = { conferences: [], forgottenConferences: [], problems: [] }
  const refuse = (field: string, reason: string): ReadExport => {
    result.problems.push({ field, reason })
    return result
  }
  let conferences: unknown[] | undefined
  let forgotten: unknown[] | undefined
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return refuse('payload', 'must be a conference export object')
    const fields = input as Record<string, unknown>
    if (fields.format !== 1) return refuse('format', 'must be 1 (the only export format this version reads)')
    conferences = boundedList(fields.conferences)
    if (conferences === undefined) return refuse('conferences', `must be an array of at most ${MAX_EXPORTED_CONFERENCES} conferences`)
    const tombstones = fields.forgottenConferences
    forgotten = tombstones === undefined ? [] : boundedList(tombstones)
    if (forgotten === undefined) return refuse('forgottenConferences', `must be an array of at most ${MAX_EXPORTED_CONFERENCES} tombstones`)
  } catch {
    return refuse('payload', 'could not be read')
  }
  readEntries(conference, conferences, 'conferences', result.conferences, result.problems)
  readEntries(conferenceTombstone, forgotten, 'forgottenConferences', result.forgottenConferences, result.problems)
  return result
}

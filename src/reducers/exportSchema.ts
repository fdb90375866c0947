/**
 * The check at the door of `conferencesMerged`: an export comes from another store, a server or
 * storage, so every field is read once into fresh plain data and validated like an event's
 * (docs/architecture.md, "Bad input"). Unknown keys are refused by name.
 *
 * @module
 */
import * as v from 'valibot'
import type { ConferenceTombstone, ExportedConference } from '../exportFormat'
import { keyProblem } from '../keys'
import { FLAG_NAMES, IDENTITY_KEYS, LEG_REGISTERS, MAX_TEXT_LENGTH } from '../registers'
import { MAX_LEG_TOMBSTONES } from './forgetting'
import { identityValueProblem, MAX_SNAPSHOT_PARTICIPANTS } from './guard'

/** Most legs an exported conference may hold: a snapshot's worth plus the departed ones kept. */
export const MAX_EXPORTED_LEGS = 1_000
/** Most conferences or tombstones one export may carry. */
export const MAX_EXPORTED_CONFERENCES = 100_000

const key = v.pipe(
  v.string('must be a string'),
  v.check((value) => keyProblem(value) === undefined, (issue) => `${keyProblem(issue.input) ?? 'is not a key'}`),
)
const text = v.pipe(v.string('must be a string'), v.maxLength(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`))
const time = v.pipe(v.number('must be a number'), v.finite('must be finite'))
const version = v.pipe(
  v.number('must be a number'),
  v.finite('must be finite'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'must be a safe integer range version'),
)
const flag = v.boolean('must be a boolean')

const identityEntries = Object.fromEntries(
  IDENTITY_KEYS.map((name) => [
    name,
    v.optional(
      v.pipe(
        v.unknown(),
        v.check((value) => identityValueProblem(name, value) === undefined, (issue) => identityValueProblem(name, issue.input) ?? ''),
      ),
    ),
  ]),
)

const participantSchema = v.strictObject(
  {
    callSid: key,
    status: v.picklist(['joined', 'recently_left', 'left'], 'must be joined, recently_left or left'),
    connecting: flag,
    speaking: flag,
    ...Object.fromEntries(FLAG_NAMES.map((name) => [name, flag])),
    ...identityEntries,
    participantType: v.pipe(
      v.unknown(),
      v.check((value) => identityValueProblem('participantType', value) === undefined && value !== undefined, 'must be a participant type'),
    ),
    leftReason: v.optional(text),
    callStatus: v.optional(text),
    joinedAt: v.optional(time),
    leftAt: v.optional(time),
    order: version,
    changedAt: time,
    versions: v.strictObject(Object.fromEntries(LEG_REGISTERS.map((name) => [name, version])), 'must be an object'),
  },
  (issue) => (issue.expected === 'never' ? 'is not a field of an exported participant' : 'must be an object'),
)

const conferenceSchema = v.strictObject(
  {
    conferenceSid: key,
    status: v.picklist(['setup', 'active', 'closed', 'failed'], 'must be setup, active, closed or failed'),
    statusVersion: version,
    friendlyName: v.optional(text),
    taskSid: v.optional(key),
    accountSid: v.optional(key),
    startedAt: v.optional(time),
    endedAt: v.optional(time),
    closedAt: v.optional(time),
    endVersion: v.optional(version),
    endReason: v.optional(text),
    endReasonText: v.optional(text),
    callSidEndingConference: v.optional(key),
    participantLabelEndingConference: v.optional(text),
    lastAnnouncement: v.optional(
      v.strictObject({
        outcome: v.picklist(['ended', 'failed'], 'must be ended or failed'),
        callSid: v.optional(key),
        reason: v.optional(text),
        announceUrl: v.optional(text),
        version,
      }),
    ),
    clock: version,
    changedAt: time,
    touchedAt: v.optional(time),
    snapshotOmission: v.optional(
      v.strictObject({
        version,
        listed: v.pipe(v.array(key), v.maxLength(MAX_SNAPSHOT_PARTICIPANTS, `must list at most ${MAX_SNAPSHOT_PARTICIPANTS} legs`)),
        at: time,
      }),
    ),
    participants: v.pipe(v.array(participantSchema, 'must be an array'), v.maxLength(MAX_EXPORTED_LEGS, `must hold at most ${MAX_EXPORTED_LEGS} legs`)),
    forgotten: v.optional(
      v.pipe(
        v.array(v.strictObject({ callSid: key, version })),
        v.maxLength(MAX_LEG_TOMBSTONES, `must hold at most ${MAX_LEG_TOMBSTONES} tombstones`),
      ),
    ),
  },
  (issue) => (issue.expected === 'never' ? 'is not a field of an exported conference' : 'must be an object'),
)

const tombstoneSchema = v.strictObject({ conferenceSid: key, version }, 'must be an object')

/** A refusal: the field to blame (a dotted path) and what is wrong. */
export interface ExportProblem {
  field: string
  reason: string
}

/** What reading an export came to: the conferences that passed, and a problem for each that did not. */
export interface ReadExport {
  conferences: ExportedConference[]
  forgottenConferences: ConferenceTombstone[]
  problems: ExportProblem[]
}

function pathOf(prefix: string, issue: v.BaseIssue<unknown>): string {
  let path = prefix
  for (const item of issue.path ?? []) path += typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key).slice(0, 64)}`
  return path
}

type Read<T> = { value: T } | { problem: ExportProblem }

function readOne<T>(schema: v.GenericSchema<unknown, T>, value: unknown, prefix: string): Read<T> {
  try {
    const parsed = v.safeParse(schema, value)
    if (parsed.success) return { value: parsed.output }
    const issue = parsed.issues[0]
    const reason = issue.input === undefined && issue.expected !== 'never' ? 'is required' : issue.message
    return { problem: { field: pathOf(prefix, issue), reason } }
  } catch (error) {
    // A getter or a proxy that throws when read.
    const detail = error instanceof Error ? String(error.message).slice(0, 100) : 'a value was thrown'
    return { problem: { field: prefix, reason: `could not be read (${detail})` } }
  }
}

/**
 * Reads an export: each conference (and tombstone) is checked alone, so one bad entry is
 * refused without the rest. A wrong `format` or shape refuses the whole export.
 */
export function readExport(input: unknown): ReadExport {
  const result: ReadExport = { conferences: [], forgottenConferences: [], problems: [] }
  let format: unknown
  let conferences: unknown
  let forgotten: unknown
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      result.problems.push({ field: 'payload', reason: 'must be a conference export object' })
      return result
    }
    const fields = input as Record<string, unknown>
    format = fields.format
    conferences = fields.conferences
    forgotten = fields.forgottenConferences
    if (Array.isArray(conferences)) conferences = Array.from(conferences as unknown[])
    if (Array.isArray(forgotten)) forgotten = Array.from(forgotten as unknown[])
  } catch {
    result.problems.push({ field: 'payload', reason: 'could not be read' })
    return result
  }
  if (format !== 1) {
    result.problems.push({ field: 'format', reason: 'must be 1 (the only export format this version reads)' })
    return result
  }
  if (!Array.isArray(conferences) || conferences.length > MAX_EXPORTED_CONFERENCES) {
    result.problems.push({ field: 'conferences', reason: `must be an array of at most ${MAX_EXPORTED_CONFERENCES} conferences` })
    return result
  }
  if (forgotten !== undefined && (!Array.isArray(forgotten) || forgotten.length > MAX_EXPORTED_CONFERENCES)) {
    result.problems.push({ field: 'forgottenConferences', reason: `must be an array of at most ${MAX_EXPORTED_CONFERENCES} tombstones` })
    return result
  }
  for (const [index, entry] of (conferences as unknown[]).entries()) {
    const read = readOne(conferenceSchema, entry, `conferences[${index}]`)
    if ('problem' in read) result.problems.push(read.problem)
    else result.conferences.push(read.value as unknown as ExportedConference)
  }
  for (const [index, entry] of ((forgotten ?? []) as unknown[]).entries()) {
    const read = readOne(tombstoneSchema, entry, `forgottenConferences[${index}]`)
    if ('problem' in read) result.problems.push(read.problem)
    else result.forgottenConferences.push(read.value)
  }
  return result
}

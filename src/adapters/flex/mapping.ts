/**
 * The Flex mapping table: how Flex sources spell participant types, statuses, flags and routing
 * fields, and what each becomes here. The three Flex adapters (participant events, Sync
 * `<TaskSid>.CS` items, `Conference` mirrors) read this one table and share these schema pieces.
 *
 * The shapes are based on public descriptions of Flex and TaskRouter (`shared/reference/twilio.md`,
 * the Flex Interactions API), not on a published wire specification. Where those descriptions are
 * vague the reading is lenient: types match case-insensitively, Sync booleans may be `true` or
 * `"true"`, and `participantTypes` adds or overrides spellings per call.
 *
 * @module
 */
import * as v from 'valibot'
import type { ConferenceStatus, ParticipantIdentity, ParticipantStatus, ParticipantType } from '../../model'
import type { SnapshotParticipant } from '../../events'
import { booleanString, twilioSid } from '../wireSchemas'

/**
 * The `source` of actions and rejections from {@link fromFlexParticipantEvent}.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === FLEX_PARTICIPANT_EVENT)
 * ```
 */
export const FLEX_PARTICIPANT_EVENT = 'flex-participant-event'
/**
 * The `source` of snapshots and rejections from {@link fromFlexSyncConferenceItems}.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === FLEX_SYNC)
 * ```
 */
export const FLEX_SYNC = 'flex-sync'
/**
 * The `source` of snapshots and rejections from {@link fromFlexConference}.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === FLEX_CONFERENCE)
 * ```
 */
export const FLEX_CONFERENCE = 'flex-conference'

/** Participant type spellings (lower case) → ours. Extra entries extend or override the defaults. */
export type FlexParticipantTypes = Readonly<Record<string, ParticipantType>>

/**
 * Everything the Flex adapters translate, in one place.
 * @example
 * ```ts
 * FLEX_MAPPING.participantTypes.agent // 'worker'
 * ```
 */
export const FLEX_MAPPING = /* @__PURE__ */ (() => Object.freeze({
  /**
   * TaskRouter / Interactions `type`, Sync `participant_type`, Conference `participantType`.
   * `agent` is a worker; `''` is Flex's own "no type".
   */
  participantTypes: Object.freeze({
    agent: 'worker',
    worker: 'worker',
    customer: 'customer',
    external: 'external',
    supervisor: 'supervisor',
    transfer: 'transfer',
    unknown: 'unknown',
    '': 'unknown',
  }) satisfies FlexParticipantTypes,
  /** Sync `conf_status` and Conference `status`: Flex's values and the REST Conference resource's. */
  conferenceStatuses: Object.freeze({
    setup: 'setup',
    init: 'setup',
    active: 'active',
    'in-progress': 'active',
    closed: 'closed',
    completed: 'closed',
    failed: 'failed',
  }) satisfies Readonly<Record<string, ConferenceStatus>>,
  /** Sync item `status`. */
  syncStatuses: Object.freeze({ joined: 'joined', left: 'left' }) satisfies Readonly<Record<string, ParticipantStatus>>,
  /** Conference participant `status`. */
  conferenceParticipantStatuses: Object.freeze({
    joined: 'joined',
    recently_left: 'recently_left',
    left: 'left',
  }) satisfies Readonly<Record<string, ParticipantStatus>>,
}))()

/** Ranks conference statuses: several Sync items may each carry a `conf_status`; the furthest on wins. */
export const CONFERENCE_STATUS_RANK: Readonly<Record<ConferenceStatus, number>> = { setup: 0, active: 1, closed: 2, failed: 2 }

const enumSchema = <T extends string>(table: Readonly<Record<string, T>>) =>
  v.pipe(
    v.string('must be a string'),
    v.check((name) => Object.hasOwn(table, name), `must be one of ${Object.keys(table).join(', ')}`),
    v.transform((name) => table[name] as T),
  )

/** Sync `conf_status` / Conference `status` → ours. */
export const conferenceStatusSchema = /* @__PURE__ */ (() => enumSchema(FLEX_MAPPING.conferenceStatuses))()
/** Sync item `status` → ours. */
export const syncStatusSchema = /* @__PURE__ */ (() => enumSchema(FLEX_MAPPING.syncStatuses))()
/** Conference participant `status` → ours. */
export const conferenceParticipantStatusSchema = /* @__PURE__ */ (() => enumSchema(FLEX_MAPPING.conferenceParticipantStatuses))()

/** An optional SID: absent, `null` or `''` (how Flex fills the worker SID of a customer leg) say "none". */
export const optionalSid = (prefix: string) =>
  v.nullish(
    v.pipe(
      v.union([v.literal(''), twilioSid(prefix)], `must be a Twilio SID (${prefix} followed by 32 hex digits)`),
      v.transform((value) => (value === '' ? undefined : value)),
    ),
  )

/** A Sync boolean: JSON `true`/`false`, or the `"true"`/`"false"` strings callbacks use. */
export const lenientBoolean = /* @__PURE__ */ (() => v.union([v.boolean(), booleanString], 'must be a boolean or "true"/"false"'))()

/** The default participant types with `extra` spellings over them (keys matched in lower case). */
function participantTypeTable(extra: FlexParticipantTypes | undefined): FlexParticipantTypes {
  const table = Object.create(null) as Record<string, ParticipantType>
  for (const [name, type] of Object.entries(FLEX_MAPPING.participantTypes)) table[name] = type
  for (const [name, type] of Object.entries(extra ?? {})) table[name.toLowerCase()] = type
  return table
}

/** A participant type as Flex spells it → ours, case-insensitively. */
function participantTypeSchema(types: FlexParticipantTypes) {
  const names = Object.keys(types).filter((name) => name !== '')
  return v.pipe(
    v.string('must be a string'),
    v.maxLength(64, 'must be at most 64 characters'),
    v.check((name) => Object.hasOwn(types, name.toLowerCase()), `must be one of ${names.join(', ')} (or empty)`),
    v.transform((name) => types[name.toLowerCase()] as ParticipantType),
  )
}

/** The participant-type schema a caller's `participantTypes` option gives, built once per table. */
export type ParticipantTypeSchema = ReturnType<typeof participantTypeSchema>

/**
 * Builds the schemas that depend on the participant types once per `participantTypes` option:
 * the default table, or each custom table a caller passes (cached by identity).
 */
export function perParticipantTypes<T>(build: (types: ParticipantTypeSchema) => T): (extra?: FlexParticipantTypes) => T {
  const byTable = new WeakMap<object, T>()
  let standard: T | undefined
  return (extra) => {
    if (extra === undefined) return (standard ??= build(participantTypeSchema(participantTypeTable(undefined))))
    let built = byTable.get(extra)
    if (built === undefined) {
      built = build(participantTypeSchema(participantTypeTable(extra)))
      byTable.set(extra, built)
    }
    return built
  }
}

/**
 * What a Flex source says about who is behind a leg. `unknown` is "not said": it never overwrites
 * a type another source (a participant label) already gave the leg. Empty results are `undefined`.
 */
export function identityOf(fields: { [K in keyof ParticipantIdentity]?: ParticipantIdentity[K] | null }): ParticipantIdentity | undefined {
  const identity: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null || (name === 'participantType' && value === 'unknown')) continue
    identity[name] = value
  }
  return Object.keys(identity).length === 0 ? undefined : (identity as ParticipantIdentity)
}

/** A leg's snapshot status: a joined leg that Flex says is still connecting is `connecting`. */
export function legStatus(status: ParticipantStatus, connecting: boolean | null | undefined): SnapshotParticipant['status'] {
  return status === 'joined' && connecting === true ? 'connecting' : status
}

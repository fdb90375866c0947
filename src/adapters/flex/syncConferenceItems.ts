/**
 * `fromFlexSyncConferenceItems`: the items of the Flex Sync map `<TaskSid>.CS` (one per call SID)
 * → a `conferenceSnapshotReceived` action.
 *
 * Flex keeps a removed participant in the map as `left` rather than deleting it, so the map holds
 * the conference's whole history; its items may lag behind the status callbacks. Never throws:
 * anything it cannot read becomes `eventRejected` naming the field.
 *
 * @module
 */
import * as v from 'valibot'
import * as events from '../../events'
import { describeType } from '../../validation/keys'
import { isPlainObject } from '../../validation/plainObject'
import type { ConferenceStatus, ParticipantFlags } from '../../model'
import { MAX_SNAPSHOT_PARTICIPANTS } from '../../validation/snapshotPayload'
import { explainIssue, runAdapter, type AdapterOutcome } from '../rejection'
import { twilioSid } from '../wireSchemas'
import {
  CONFERENCE_STATUS_RANK,
  conferenceStatusSchema,
  FLEX_SYNC,
  identityOf,
  legStatus,
  lenientBoolean,
  optionalSid,
  perParticipantTypes,
  syncStatusSchema,
  type FlexParticipantTypes,
} from './mapping'
import { asOfOf, flexSnapshot, readSidArgument, requestedAtRefusal, type AsOfOption, type FlexLeg, type Refusal } from './snapshot'

/** The data of one `<TaskSid>.CS` item, as far as public descriptions go. Other fields are ignored. */
export interface FlexSyncParticipantData {
  /** `agent`, `customer`, `external`, `supervisor`, `transfer`, `unknown`, `worker` or `''`. */
  participant_type?: string | null
  status: 'joined' | 'left'
  hold?: boolean | 'true' | 'false' | null
  muted?: boolean | 'true' | 'false' | null
  coaching?: boolean | 'true' | 'false' | null
  /** Dialled or ringing, not yet in the conference audio. */
  connecting?: boolean | 'true' | 'false' | null
  worker_sid?: string | null
  reservation_sid?: string | null
  /** When present, must be the item's key. */
  call_sid?: string | null
  /** When present, must be the conference read. */
  conference_sid?: string | null
  /** The conference ends when this leg leaves. */
  end_conference_on_exit?: boolean | 'true' | 'false' | null
  /** The conference's status: `setup`, `active`, `closed`, `failed` (or `init`, `in-progress`, `completed`). */
  conf_status?: string | null
  readonly [other: string]: unknown
}

/**
 * The data of the map's `conf_status` item, which Flex's `ConferenceListener` reads for the
 * conference itself: its status and its SID.
 */
export interface FlexSyncConferenceStatusData {
  /** `setup`, `active`, `closed`, `failed` (or `init`, `in-progress`, `completed`). */
  status: string
  conference_sid?: string | null
  readonly [other: string]: unknown
}

/**
 * The key of the item that holds the conference's own status, beside the items keyed by call SID.
 * @example
 * ```ts
 * const legs = page.items.filter((item) => item.key !== FLEX_SYNC_CONFERENCE_STATUS_KEY)
 * ```
 */
export const FLEX_SYNC_CONFERENCE_STATUS_KEY = 'conf_status'

/** A Sync map item: its key is the call SID; the data is `data` (Sync JS SDK) or `value` (older SDKs). */
export interface FlexSyncMapItem {
  readonly key: string
  readonly data?: FlexSyncParticipantData | FlexSyncConferenceStatusData | object
  readonly value?: FlexSyncParticipantData | FlexSyncConferenceStatusData | object
}

/** The items as an array, a page object (`{ items: [...] }`), or a record of data keyed by call SID. */
export type FlexSyncConferenceItemsInput =
  | readonly FlexSyncMapItem[]
  | { readonly items: readonly FlexSyncMapItem[]; readonly [other: string]: unknown }
  | Readonly<Record<string, FlexSyncParticipantData>>
  | ReadonlyMap<string, FlexSyncParticipantData | FlexSyncConferenceStatusData>

/** Options of {@link fromFlexSyncConferenceItems}. */
export interface FlexSyncConferenceItemsOptions extends AsOfOption {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** Extra participant type spellings (lower case) → ours, over `FLEX_MAPPING.participantTypes`. */
  participantTypes?: FlexParticipantTypes
}

const itemSchemaFor = /* @__PURE__ */ (() => perParticipantTypes((type) =>
  v.object(
    {
      participant_type: v.nullish(type),
      status: syncStatusSchema,
      hold: v.nullish(lenientBoolean),
      muted: v.nullish(lenientBoolean),
      coaching: v.nullish(lenientBoolean),
      connecting: v.nullish(lenientBoolean),
      end_conference_on_exit: v.nullish(lenientBoolean),
      worker_sid: optionalSid('WK'),
      reservation_sid: optionalSid('WR'),
      call_sid: optionalSid('CA'),
      conference_sid: optionalSid('CF'),
      conf_status: v.nullish(conferenceStatusSchema),
    },
    'must be an object',
  ),
))()
type ItemData = v.InferOutput<ReturnType<typeof itemSchemaFor>>

const conferenceStatusItemSchema = /* @__PURE__ */ (() => v.object(
  { status: conferenceStatusSchema, conference_sid: optionalSid('CF') },
  'must be an object',
))()

/** One item before validation: its key, its data, and where each sits in the input. */
interface RawItem {
  key: unknown
  keyPath: string
  data: unknown
  dataPath: string
}

/** The raw items of any accepted input form, or a refusal of the form itself. */
function rawItemsOf(input: unknown): RawItem[] | Refusal {
  const listed = typeof input === 'object' && input !== null && !Array.isArray(input) && Object.hasOwn(input, 'items')
    ? (input as { items: unknown }).items
    : input
  if (Array.isArray(listed)) {
    if (listed.length > MAX_SNAPSHOT_PARTICIPANTS) return tooMany(listed.length)
    const raws: RawItem[] = []
    for (const [index, item] of (listed as unknown[]).entries()) {
      const path = `items[${index}]`
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        return { reason: `\`${path}\` must be a Sync map item ({ key, data }), got ${describeType(item)}`, field: path }
      }
      const { key, data, value } = item as { key?: unknown; data?: unknown; value?: unknown }
      raws.push(
        data === undefined && value !== undefined
          ? { key, keyPath: `${path}.key`, data: value, dataPath: `${path}.value` }
          : { key, keyPath: `${path}.key`, data, dataPath: `${path}.data` },
      )
    }
    return raws
  }
  if (listed instanceof Map) {
    if (listed.size > MAX_SNAPSHOT_PARTICIPANTS) return tooMany(listed.size)
    return [...(listed as Map<unknown, unknown>)].map(([key, data]) => {
      const path = `items.${String(key).slice(0, 40)}`
      return { key, keyPath: path, data, dataPath: path }
    })
  }
  // Only a plain record is read by its keys: a Date or a class instance has none, and reading it
  // as a map of nobody would end every leg.
  if (!isPlainObject(listed)) {
    return { reason: `\`items\` must be an array of Sync map items, a Map or a record keyed by call SID, got ${describeType(listed)}`, field: 'items' }
  }
  const keys = Object.keys(listed)
  if (keys.length > MAX_SNAPSHOT_PARTICIPANTS) return tooMany(keys.length)
  return keys.map((key) => ({ key, keyPath: `items.${key}`, data: listed[key], dataPath: `items.${key}` }))
}

const tooMany = (count: number): Refusal => ({
  reason: `\`items\` must hold at most ${MAX_SNAPSHOT_PARTICIPANTS} participants, got ${count}`,
  field: 'items',
})

function flagsOf(data: ItemData): Partial<ParticipantFlags> {
  const flags: Partial<ParticipantFlags> = {}
  if (data.hold != null) flags.onHold = data.hold
  if (data.muted != null) flags.muted = data.muted
  if (data.coaching != null) flags.coaching = data.coaching
  if (data.end_conference_on_exit != null) flags.endConferenceOnExit = data.end_conference_on_exit
  return flags
}

/** The `conf_status` item: the conference's status, read as Flex's `ConferenceListener` reads it. */
function readConferenceStatusItem(raw: RawItem, conferenceSid: string): { confStatus: ConferenceStatus } | Refusal {
  const parsed = v.safeParse(conferenceStatusItemSchema, raw.data)
  if (!parsed.success) {
    const { field, reason } = explainIssue(parsed.issues[0], raw.dataPath)
    return { reason, field: field ?? raw.dataPath }
  }
  if (parsed.output.conference_sid != null && parsed.output.conference_sid !== conferenceSid) {
    const field = `${raw.dataPath}.conference_sid`
    return { reason: `\`${field}\` must be the conference read, ${conferenceSid}`, field }
  }
  return { confStatus: parsed.output.status }
}

type ItemRead = { leg?: FlexLeg; confStatus?: ConferenceStatus } | Refusal

function readItem(raw: RawItem, conferenceSid: string, options: FlexSyncConferenceItemsOptions): ItemRead {
  if (raw.key === FLEX_SYNC_CONFERENCE_STATUS_KEY) return readConferenceStatusItem(raw, conferenceSid)
  const key = v.safeParse(twilioSid('CA'), raw.key)
  if (!key.success) {
    const reason = raw.key === undefined ? 'is required' : key.issues[0].message
    return { reason: `\`${raw.keyPath}\` ${reason}`, field: raw.keyPath }
  }
  const parsed = v.safeParse(itemSchemaFor(options.participantTypes), raw.data)
  if (!parsed.success) {
    const { field, reason } = explainIssue(parsed.issues[0], raw.dataPath)
    return { reason, field: field ?? raw.dataPath }
  }
  const data = parsed.output
  if (data.call_sid != null && data.call_sid !== key.output) {
    return { reason: `\`${raw.dataPath}.call_sid\` must be the item's key ${key.output}`, field: `${raw.dataPath}.call_sid` }
  }
  if (data.conference_sid != null && data.conference_sid !== conferenceSid) {
    return { reason: `\`${raw.dataPath}.conference_sid\` must be the conference read, ${conferenceSid}`, field: `${raw.dataPath}.conference_sid` }
  }
  const participant: events.SnapshotParticipant = { callSid: key.output, status: legStatus(data.status, data.connecting), flags: flagsOf(data) }
  const identity = identityOf({ participantType: data.participant_type, workerSid: data.worker_sid, reservationSid: data.reservation_sid })
  if (identity !== undefined) participant.identity = identity
  return { leg: { path: raw.dataPath, participant }, ...(data.conf_status == null ? {} : { confStatus: data.conf_status }) }
}

function read(taskSid: unknown, conferenceSid: unknown, items: unknown, requestedAt: unknown, options: FlexSyncConferenceItemsOptions): AdapterOutcome {
  const task = readSidArgument('WT', taskSid, 'taskSid')
  if ('reason' in task) return task
  const conference = readSidArgument('CF', conferenceSid, 'conferenceSid')
  if ('reason' in conference) return conference
  const late = requestedAtRefusal(requestedAt)
  if (late !== undefined) return late
  const clock = asOfOf(options)
  if ('reason' in clock) return clock
  const raws = rawItemsOf(items)
  if (!Array.isArray(raws)) return raws

  const legs: FlexLeg[] = []
  const seen = new Map<string, string>()
  let status: ConferenceStatus | undefined
  for (const raw of raws) {
    const item = readItem(raw, conference.sid, options)
    if ('reason' in item) return item
    if (item.leg !== undefined) {
      const { callSid } = item.leg.participant
      const first = seen.get(callSid)
      if (first !== undefined) return { reason: `\`${raw.keyPath}\` lists ${callSid} again (first at \`${first}\`)`, field: raw.keyPath }
      seen.set(callSid, raw.keyPath)
      legs.push(item.leg)
    }
    if (item.confStatus !== undefined && (status === undefined || CONFERENCE_STATUS_RANK[item.confStatus] > CONFERENCE_STATUS_RANK[status])) {
      status = item.confStatus
    }
  }
  return flexSnapshot(
    FLEX_SYNC,
    { conferenceSid: conference.sid, taskSid: task.sid, requestedAt: requestedAt as number, asOf: clock.asOf, status },
    legs,
    options.receivedAt,
  )
}

function summarize(taskSid: unknown, conferenceSid: unknown, items: unknown): string {
  const sid = (value: unknown) => (typeof value === 'string' ? value.slice(0, 40) : `(${describeType(value)})`)
  const count = Array.isArray(items) ? ` items=${items.length}` : ''
  return `taskSid=${sid(taskSid)} conferenceSid=${sid(conferenceSid)}${count}`
}

/**
 * Turns the items of the Flex Sync map `<TaskSid>.CS` into a snapshot of the task's conference.
 *
 * - Each item is one leg, keyed by its call SID: `status` `joined` → joined (or `connecting` while
 *   `connecting` is true), `left` → left; `hold`, `muted`, `coaching` → flags; `participant_type`
 *   (`agent` → worker, …; `unknown` says nothing), `worker_sid`, `reservation_sid` → identity.
 * - The item keyed `conf_status` is the conference itself, as Flex's `ConferenceListener` reads it:
 *   `data.status` → the conference's status (`setup`, `active`, `closed`, `failed`, or the REST
 *   spellings `init`, `in-progress`, `completed`), `data.conference_sid` must be the conference
 *   read. A `conf_status` field on a participant item is read too; the furthest status wins.
 * - The snapshot carries `taskSid`, so `selectConferenceViewByTaskSid(state, taskSid)` finds it.
 *
 * @param taskSid - The task whose map was read (`WT…`): the map's name is `<taskSid>.CS`.
 * @param conferenceSid - The task's conference (`CF…`, from the task's `conference.sid` attribute).
 * @param items - The map's items: an array of `{ key, data }`, the page `{ items }`, or a record
 *   of data keyed by call SID.
 * @param requestedAt - When the map was read (epoch ms): events that arrive after it are not undone.
 * @param options - `asOf` (the conference's clock read before the request), arrival time and extra participant type spellings.
 * @returns `conferenceSnapshotReceived` (source `flex-sync`), or `eventRejected` naming the field,
 *   e.g. `items[2].data.hold`.
 * @remarks The item shape is based on public descriptions of Flex, not a published specification;
 *   Sync items may lag behind the status callbacks. See `docs/sources.md`.
 * @example
 * ```ts
 * // Read the clock before sending the request: the items then never undo a later event.
 * const conferenceSid = task.conference.conferenceSid
 * const asOf = selectConferenceClock(store.getState(), conferenceSid)
 * const requestedAt = Date.now()
 * const map = await syncClient.map(`${task.taskSid}.CS`)
 * const page = await map.getItems({ pageSize: 100 })
 * store.dispatch(fromFlexSyncConferenceItems(task.taskSid, conferenceSid, page.items, requestedAt, { asOf }))
 * ```
 */
export function fromFlexSyncConferenceItems(
  taskSid: string,
  conferenceSid: string,
  items: FlexSyncConferenceItemsInput,
  requestedAt: number,
  options: FlexSyncConferenceItemsOptions = {},
): events.ConferenceEvent {
  return runAdapter(
    FLEX_SYNC,
    options,
    () => summarize(taskSid, conferenceSid, items),
    (copied) => read(taskSid, conferenceSid, items, requestedAt, copied),
  )
}

/**
 * `fromTwilioParticipantList`: Twilio's REST participant list (`GET …/Conferences/{Sid}/Participants.json`)
 * → a `conferenceSnapshotReceived` action.
 *
 * The list only holds legs that are connecting or connected: it never shows who left. The
 * snapshot reducer therefore treats a known joined leg that the list omits as having left
 * (docs/architecture.md, "Ordering"). Never throws: anything it cannot read becomes `eventRejected` naming the field.
 *
 * @module
 */
import * as v from 'valibot'
import * as events from '../events'
import { MAX_SNAPSHOT_PARTICIPANTS, snapshotProblem } from '../validation/snapshotPayload'
import { identityOfTwilioLeg, type ParticipantClassifier } from './participantLabel'
import { runAdapter } from './rejection'
import { asOfOf, type AsOfOption } from './snapshotOutcome'
import { flagsOfTwilioLeg, type FlagSpelling } from './twilio/flags'
import { boundedText, twilioSid } from './wireSchemas'

/**
 * The `source` of snapshots and rejections from this adapter.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === TWILIO_PARTICIPANT_LIST)
 * ```
 */
export const TWILIO_PARTICIPANT_LIST = 'twilio-participant-list'

/** One participant as Twilio's REST API returns it (JSON, snake_case). Only the fields we read. */
export interface TwilioParticipantResource {
  call_sid: string
  conference_sid?: string
  label?: string | null
  muted?: boolean
  hold?: boolean
  coaching?: boolean
  status: TwilioParticipantStatus
  start_conference_on_enter?: boolean
  end_conference_on_exit?: boolean
  date_created?: string | null
  date_updated?: string | null
  call_sid_to_coach?: string | null
  [other: string]: unknown
}

/**
 * One participant as the `twilio` package hands it: a `ParticipantInstance` from
 * `client.conferences(sid).participants.list()` (camelCase, `Date` fields), or its `toJSON()`.
 * Declared structurally so that `twilio` stays out of this library's dependencies.
 */
export interface TwilioParticipantInstanceLike {
  readonly callSid: string
  readonly conferenceSid?: string
  readonly label?: string | null
  readonly muted?: boolean
  readonly hold?: boolean
  readonly coaching?: boolean
  readonly callSidToCoach?: string | null
  readonly status: TwilioParticipantStatus
  readonly startConferenceOnEnter?: boolean
  readonly endConferenceOnExit?: boolean
  readonly dateCreated?: Date | string | null
  readonly dateUpdated?: Date | string | null
}

/** Twilio's participant `status` values. */
export type TwilioParticipantStatus = 'queued' | 'connecting' | 'ringing' | 'connected' | 'complete' | 'failed'

/** One leg in any of the forms accepted: REST JSON, a `ParticipantInstance`, or its `toJSON()`. */
export type TwilioParticipantListItem = TwilioParticipantResource | TwilioParticipantInstanceLike

/**
 * The list as an array (REST JSON, or what `participants.list()` resolves to), or the whole page
 * object Twilio returns (`{ participants: [...], … }`).
 */
export type TwilioParticipantListInput =
  | readonly TwilioParticipantListItem[]
  | { readonly participants: readonly TwilioParticipantListItem[]; readonly [other: string]: unknown }

/** Options of {@link fromTwilioParticipantList}. */
export interface TwilioParticipantListOptions extends AsOfOption {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** Reads a participant `label`; defaults to `classifyParticipantLabel`. */
  classifyParticipant?: ParticipantClassifier
}

const STATUS_MAP = {
  queued: 'connecting',
  connecting: 'connecting',
  ringing: 'connecting',
  connected: 'joined',
  complete: 'left',
  failed: 'left',
} as const satisfies Record<TwilioParticipantStatus, events.SnapshotParticipant['status']>
const STATUSES = /* @__PURE__ */ (() => Object.keys(STATUS_MAP) as TwilioParticipantStatus[])()

const flag = /* @__PURE__ */ (() => v.optional(v.boolean('must be a boolean')))()

/** What we read of a leg, by our name: its REST (snake_case) name and its schema. */
const FIELDS = /* @__PURE__ */ (() => ({
  callSid: { rest: 'call_sid', schema: twilioSid('CA') },
  conferenceSid: { rest: 'conference_sid', schema: v.optional(twilioSid('CF')) },
  label: { rest: 'label', schema: v.nullish(boundedText(128)) },
  muted: { rest: 'muted', schema: flag },
  hold: { rest: 'hold', schema: flag },
  coaching: { rest: 'coaching', schema: flag },
  callSidToCoach: { rest: 'call_sid_to_coach', schema: v.nullish(twilioSid('CA')) },
  status: { rest: 'status', schema: v.picklist(STATUSES, `must be one of ${STATUSES.join(', ')}`) },
  startConferenceOnEnter: { rest: 'start_conference_on_enter', schema: flag },
  endConferenceOnExit: { rest: 'end_conference_on_exit', schema: flag },
} as const))()
type FieldName = keyof typeof FIELDS
const FIELD_NAMES = /* @__PURE__ */ (() => Object.keys(FIELDS) as FieldName[])()

const legSchema = /* @__PURE__ */ (() => v.object(
  Object.fromEntries(FIELD_NAMES.map((name) => [name, FIELDS[name].schema])) as { [K in FieldName]: (typeof FIELDS)[K]['schema'] },
  'must be an object',
))()
type Participant = v.InferOutput<typeof legSchema>

/** The spelling a leg uses: REST JSON says `call_sid`, the `twilio` package says `callSid`. */
type Spelling = 'rest' | 'instance'
const spelled = (name: FieldName, spelling: Spelling): string => (spelling === 'rest' ? FIELDS[name].rest : name)

type Read = { leg: Participant; spelling: Spelling } | { reason: string; field: string }

/** Reads each field of one leg once, into plain data, and checks it under the name the input used. */
function readLeg(raw: unknown, path: string): Read {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { reason: `\`${path}\` must be an object`, field: path }
  }
  const spelling: Spelling = !Object.hasOwn(raw, 'call_sid') && 'callSid' in raw ? 'instance' : 'rest'
  const plain: Record<string, unknown> = {}
  for (const name of FIELD_NAMES) plain[name] = (raw as Record<string, unknown>)[spelled(name, spelling)]
  const parsed = v.safeParse(legSchema, plain)
  if (parsed.success) return { leg: parsed.output, spelling }
  const issue = parsed.issues[0]
  const key = issue.path?.[0]?.key
  const field = `${path}.${typeof key === 'string' ? spelled(key as FieldName, spelling) : ''}`.replace(/\.$/, '')
  return { reason: `\`${field}\` ${issue.input === undefined ? 'is required' : issue.message}`, field }
}

type Built = { participants: events.SnapshotParticipant[] } | { reason: string; field: string }

const FLAG_SPELLING: FlagSpelling<Participant> = {
  muted: 'muted',
  onHold: 'hold',
  coaching: 'coaching',
  endConferenceOnExit: 'endConferenceOnExit',
  startConferenceOnEnter: 'startConferenceOnEnter',
}

function build(conferenceSid: string, raws: readonly unknown[], options: TwilioParticipantListOptions): Built {
  const seen = new Set<string>()
  const participants: events.SnapshotParticipant[] = []
  for (const [index, raw] of raws.entries()) {
    const path = `participants[${index}]`
    const read = readLeg(raw, path)
    if ('reason' in read) return read
    const { leg, spelling } = read
    const name = (field: FieldName) => `${path}.${spelled(field, spelling)}`
    if (seen.has(leg.callSid)) return { reason: `\`${name('callSid')}\` is listed twice`, field: name('callSid') }
    seen.add(leg.callSid)
    if (leg.conferenceSid !== undefined && leg.conferenceSid !== conferenceSid) {
      return { reason: `\`${name('conferenceSid')}\` must be the listed conference ${conferenceSid}`, field: name('conferenceSid') }
    }
    const named = identityOfTwilioLeg(leg, options.classifyParticipant)
    if ('problem' in named) return { reason: `\`${path}.label\` ${named.problem}`, field: `${path}.label` }
    const participant: events.SnapshotParticipant = { callSid: leg.callSid, status: STATUS_MAP[leg.status], flags: flagsOfTwilioLeg(leg, FLAG_SPELLING) }
    if (named.identity !== undefined) participant.identity = named.identity
    participants.push(participant)
  }
  return { participants }
}

function summarize(conferenceSid: unknown, count: number | undefined): string {
  const sid = typeof conferenceSid === 'string' ? conferenceSid.slice(0, 40) : `(${typeof conferenceSid})`
  return `conferenceSid=${sid}${count === undefined ? '' : ` participants=${count}`}`
}

/** The array of legs, from either the array itself or the page object. */
function listOf(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input
  if (typeof input === 'object' && input !== null && Object.hasOwn(input, 'participants')) {
    const inner = (input as { participants: unknown }).participants
    return Array.isArray(inner) ? inner : undefined
  }
  return undefined
}

/**
 * Turns Twilio's REST participant list of one conference into a snapshot of it.
 *
 * Statuses `queued`, `connecting` and `ringing` list the leg as `connecting`; `connected` as
 * `joined`; `complete` and `failed` as `left`. `muted`, `hold`, `coaching`,
 * `start_conference_on_enter` and `end_conference_on_exit` become the leg's flags, and `label`
 * is classified like a status callback's `ParticipantLabel`.
 *
 * @param conferenceSid - The conference listed (`CF…`).
 * @param participants - The JSON list: the array, or the whole page object `{ participants: [...] }`.
 * @param requestedAt - When the list was requested (epoch ms): events that arrive after it are not undone.
 * @param options - `asOf` (the conference's clock read before the request), arrival time and a custom label classifier.
 * @returns `conferenceSnapshotReceived` (source `twilio-participant-list`), or `eventRejected` naming the field.
 * @example
 * ```ts
 * // Read the clock before sending the request: the list then never undoes a later event.
 * const asOf = selectConferenceClock(store.getState(), conferenceSid)
 * const requestedAt = Date.now()
 * const page = await fetch(`${base}/Conferences/${conferenceSid}/Participants.json`, { headers }).then((r) => r.json())
 * store.dispatch(fromTwilioParticipantList(conferenceSid, page, requestedAt, { asOf }))
 * ```
 */
export function fromTwilioParticipantList(
  conferenceSid: string,
  participants: TwilioParticipantListInput,
  requestedAt: number,
  options: TwilioParticipantListOptions = {},
): events.ConferenceEvent {
  let count: number | undefined
  return runAdapter(TWILIO_PARTICIPANT_LIST, options, () => summarize(conferenceSid, count), (copied) => {
    const sid = v.safeParse(twilioSid('CF'), conferenceSid)
    if (!sid.success) return { reason: `\`conferenceSid\` ${sid.issues[0].message}`, field: 'conferenceSid' }
    if (typeof requestedAt !== 'number' || !Number.isFinite(requestedAt)) {
      return { reason: '`requestedAt` must be epoch milliseconds', field: 'requestedAt' }
    }
    const clock = asOfOf(copied)
    if ('reason' in clock) return clock
    const legs = listOf(participants)
    if (legs === undefined) {
      return { reason: '`participants` must be an array of participants or a page object with a `participants` array', field: 'participants' }
    }
    count = legs.length
    if (legs.length > MAX_SNAPSHOT_PARTICIPANTS) {
      return { reason: `\`participants\` must list at most ${MAX_SNAPSHOT_PARTICIPANTS} legs, got ${legs.length}`, field: 'participants' }
    }
    const built = build(sid.output, legs, copied)
    if ('reason' in built) return built
    const action = events.conferenceSnapshotReceived(
      {
        conferenceSid: sid.output,
        requestedAt,
        ...(clock.asOf === undefined ? {} : { asOf: clock.asOf }),
        source: TWILIO_PARTICIPANT_LIST,
        participants: built.participants,
      },
      copied.receivedAt,
    )
    const problem = snapshotProblem(action.payload)
    return problem === undefined ? { action } : { reason: `\`${problem.field}\` ${problem.reason}`, field: problem.field }
  })
}

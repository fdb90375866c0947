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
import { MAX_SNAPSHOT_PARTICIPANTS, snapshotProblem } from '../reducers/guard'
import type { ParticipantFlags, ParticipantIdentity } from '../model'
import { classifyParticipantLabel, type ParticipantClassifier } from './participantLabel'
import { explainIssue, rejectInput, textOfThrown } from './rejection'
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

/** Twilio's participant `status` values. */
export type TwilioParticipantStatus = 'queued' | 'connecting' | 'ringing' | 'connected' | 'complete' | 'failed'

/** The list as an array, or the whole page object Twilio returns (`{ participants: [...], … }`). */
export type TwilioParticipantListInput =
  | readonly TwilioParticipantResource[]
  | { readonly participants: readonly TwilioParticipantResource[]; readonly [other: string]: unknown }

/** Options of {@link fromTwilioParticipantList}. */
export interface TwilioParticipantListOptions {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** Reads a participant `label`; defaults to {@link classifyParticipantLabel}. */
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
const STATUSES = Object.keys(STATUS_MAP) as TwilioParticipantStatus[]

const flag = v.optional(v.boolean('must be a boolean'))
const nullableText = (max: number) => v.nullish(boundedText(max))

const participantSchema = v.object(
  {
    call_sid: twilioSid('CA'),
    conference_sid: v.optional(twilioSid('CF')),
    label: nullableText(128),
    muted: flag,
    hold: flag,
    coaching: flag,
    status: v.picklist(STATUSES, `must be one of ${STATUSES.join(', ')}`),
    start_conference_on_enter: flag,
    end_conference_on_exit: flag,
    call_sid_to_coach: v.nullish(twilioSid('CA')),
  },
  'must be an object',
)
type Participant = v.InferOutput<typeof participantSchema>

const listSchema = v.object({ participants: v.array(participantSchema, 'must be an array') })

type Built = { participants: events.SnapshotParticipant[] } | { reason: string; field: string }

function flagsOf(leg: Participant): Partial<ParticipantFlags> {
  const flags: Partial<ParticipantFlags> = {}
  if (leg.muted !== undefined) flags.muted = leg.muted
  if (leg.hold !== undefined) flags.onHold = leg.hold
  if (leg.coaching !== undefined) flags.coaching = leg.coaching
  if (leg.start_conference_on_enter !== undefined) flags.startConferenceOnEnter = leg.start_conference_on_enter
  if (leg.end_conference_on_exit !== undefined) flags.endConferenceOnExit = leg.end_conference_on_exit
  return flags
}

function build(conferenceSid: string, legs: Participant[], options: TwilioParticipantListOptions): Built {
  const classify = options.classifyParticipant ?? classifyParticipantLabel
  const seen = new Set<string>()
  const participants: events.SnapshotParticipant[] = []
  for (const [index, leg] of legs.entries()) {
    const path = `participants[${index}]`
    if (seen.has(leg.call_sid)) return { reason: `\`${path}.call_sid\` is listed twice`, field: `${path}.call_sid` }
    seen.add(leg.call_sid)
    if (leg.conference_sid !== undefined && leg.conference_sid !== conferenceSid) {
      return { reason: `\`${path}.conference_sid\` must be the listed conference ${conferenceSid}`, field: `${path}.conference_sid` }
    }
    const participant: events.SnapshotParticipant = { callSid: leg.call_sid, status: STATUS_MAP[leg.status], flags: flagsOf(leg) }
    if (typeof leg.label === 'string') {
      let identity: ParticipantIdentity | undefined
      try {
        identity = classify(leg.label)
      } catch (error) {
        return { reason: `\`${path}.label\` could not be classified: ${textOfThrown(error).slice(0, 100)}`, field: `${path}.label` }
      }
      if (identity !== undefined) participant.identity = identity
    }
    participants.push(participant)
  }
  return { participants }
}

function summarize(conferenceSid: unknown, count: number | undefined): string {
  const sid = typeof conferenceSid === 'string' ? conferenceSid.slice(0, 40) : `(${typeof conferenceSid})`
  return count === undefined ? `conferenceSid=${sid}` : `conferenceSid=${sid} participants=${count}`
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
 * @param options - Arrival time and a custom label classifier.
 * @returns `conferenceSnapshotReceived` (source `twilio-participant-list`), or `eventRejected` naming the field.
 * @example
 * ```ts
 * const requestedAt = Date.now()
 * const page = await fetch(`${base}/Conferences/${conferenceSid}/Participants.json`, { headers }).then((r) => r.json())
 * store.dispatch(fromTwilioParticipantList(conferenceSid, page, requestedAt))
 * ```
 */
export function fromTwilioParticipantList(
  conferenceSid: string,
  participants: TwilioParticipantListInput,
  requestedAt: number,
  options: TwilioParticipantListOptions = {},
): events.ConferenceEvent {
  const reject = (reason: string, field: string | undefined, count?: number) =>
    rejectInput(TWILIO_PARTICIPANT_LIST, reason, summarize(conferenceSid, count), options.receivedAt, field)
  try {
    const sid = v.safeParse(twilioSid('CF'), conferenceSid)
    if (!sid.success) return reject(`\`conferenceSid\` ${sid.issues[0].message}`, 'conferenceSid')
    if (typeof requestedAt !== 'number' || !Number.isFinite(requestedAt)) {
      return reject('`requestedAt` must be epoch milliseconds', 'requestedAt')
    }
    const legs = listOf(participants)
    if (legs === undefined) {
      return reject('`participants` must be an array of participants or a page object with a `participants` array', 'participants')
    }
    if (legs.length > MAX_SNAPSHOT_PARTICIPANTS) {
      return reject(`\`participants\` must list at most ${MAX_SNAPSHOT_PARTICIPANTS} legs, got ${legs.length}`, 'participants', legs.length)
    }
    const parsed = v.safeParse(listSchema, { participants: legs })
    if (!parsed.success) {
      const first = parsed.issues[0]
      const { field, reason } = explainIssue(first)
      return reject(reason, field, legs.length)
    }
    const built = build(sid.output, parsed.output.participants, options)
    if ('reason' in built) return reject(built.reason, built.field, legs.length)
    const action = events.conferenceSnapshotReceived(
      { conferenceSid: sid.output, requestedAt, source: TWILIO_PARTICIPANT_LIST, participants: built.participants },
      options.receivedAt,
    )
    const problem = snapshotProblem(action.payload)
    if (problem !== undefined) return reject(`\`${problem.field}\` ${problem.reason}`, problem.field, legs.length)
    return action
  } catch (error) {
    return reject(`input could not be read: ${textOfThrown(error)}`.slice(0, 200), undefined)
  }
}

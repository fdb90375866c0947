/**
 * `fromFlexConference`: a mirror of a Flex `Conference` object (`ConferencesState.Conference`,
 * seed `000`) → a `conferenceSnapshotReceived` action, so a plugin can seed our store from the
 * state Flex already holds.
 *
 * Flex's objects are class instances with getters: they are read field by field, never spread.
 * Never throws: anything it cannot read becomes `eventRejected` naming the field.
 *
 * @module
 */
import * as v from 'valibot'
import * as events from '../../events'
import { describeType } from '../../validation/keys'
import type { ParticipantFlags } from '../../model'
import { MAX_TEXT_LENGTH } from '../../registers'
import { MAX_SNAPSHOT_PARTICIPANTS } from '../../validation/snapshotPayload'
import { explainIssue, runAdapter, type AdapterOutcome } from '../rejection'
import { boundedText, twilioSid } from '../wireSchemas'
import {
  conferenceParticipantStatusSchema,
  conferenceStatusSchema,
  FLEX_CONFERENCE,
  identityOf,
  legStatus,
  optionalSid as sid,
  perParticipantTypes,
  type FlexParticipantTypes,
} from './mapping'
import { asOfOf, flexSnapshot, requestedAtRefusal, type AsOfOption, type FlexLeg } from './snapshot'

/**
 * A Flex `ConferenceParticipant`, as far as this adapter reads it. Other fields are ignored.
 * Declared without an index signature so that Flex's class instances are accepted as they are.
 */
export interface FlexConferenceParticipantMirror {
  callSid?: string | null
  /** `worker`, `customer`, `transfer`, `supervisor`, `unknown` or `''` (also `agent`, `external`). */
  participantType?: string | null
  status: 'joined' | 'recently_left' | 'left'
  onHold?: boolean | null
  muted?: boolean | null
  connecting?: boolean | null
  /** The leg's worker (`WK…`); on Flex's outbound-transfer placeholder, the target: a worker or a queue (`WQ…`). */
  workerSid?: string | null
  reservationSid?: string | null
  /** Flex `IWorker`: its `sid` stands in for a missing `workerSid`; `fullName` becomes `displayName`. */
  worker?: { readonly sid?: string | null; readonly fullName?: string | null } | null
  /** Flex `IQueue` of a transfer to a queue: `sid` → `queueSid`, `name` → `queueName`. */
  queue?: { readonly sid?: string | null; readonly name?: string | null } | null
}

/** A Flex `Conference`, as far as this adapter reads it (`liveWorkers`, counts, … are derived here). */
export interface FlexConferenceMirror {
  /** The task SID (`WT…`); a conference SID is accepted and gives no task. */
  sid?: string | null
  conferenceSid: string
  /** `setup`, `active`, `closed`, `failed` (or the REST spellings `init`, `in-progress`, `completed`). */
  status?: string | null
  participants?: readonly FlexConferenceParticipantMirror[] | null
}

/** Options of {@link fromFlexConference}. */
export interface FlexConferenceOptions extends AsOfOption {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** Extra participant type spellings (lower case) → ours, over `FLEX_MAPPING.participantTypes`. */
  participantTypes?: FlexParticipantTypes
}

const text = /* @__PURE__ */ (() => v.nullish(boundedText(MAX_TEXT_LENGTH)))()
const flag = /* @__PURE__ */ (() => v.nullish(v.boolean('must be a boolean')))()

const schemasFor = /* @__PURE__ */ (() => perParticipantTypes((type) => {
  const participant = v.object(
    {
      callSid: sid('CA'),
      participantType: v.nullish(type),
      status: conferenceParticipantStatusSchema,
      onHold: flag,
      muted: flag,
      connecting: flag,
      workerSid: v.nullish(v.union([sid('WK'), sid('WQ')], 'must be a worker SID (WK…) or, on a transfer placeholder, a queue SID (WQ…)')),
      reservationSid: sid('WR'),
      worker: v.nullish(v.object({ sid: sid('WK'), fullName: text }, 'must be an object')),
      queue: v.nullish(v.object({ sid: sid('WQ'), name: text }, 'must be an object')),
    },
    'must be an object',
  )
  const conference = v.object(
    {
      sid: v.nullish(v.union([twilioSid('WT'), twilioSid('CF')], 'must be a task SID (WT…) or a conference SID (CF…)')),
      conferenceSid: twilioSid('CF'),
      status: v.nullish(conferenceStatusSchema),
      participants: v.nullish(v.array(participant, 'must be an array')),
    },
    'must be an object',
  )
  return { participant, conference }
}))()
type Participant = v.InferOutput<ReturnType<typeof schemasFor>['participant']>

function flagsOf(leg: Participant): Partial<ParticipantFlags> {
  const flags: Partial<ParticipantFlags> = {}
  if (leg.onHold != null) flags.onHold = leg.onHold
  if (leg.muted != null) flags.muted = leg.muted
  return flags
}

function toLeg(leg: Participant & { callSid: string }, path: string): FlexLeg {
  const participant: events.SnapshotParticipant = { callSid: leg.callSid, status: legStatus(leg.status, leg.connecting), flags: flagsOf(leg) }
  const identity = identityOf({
    participantType: leg.participantType,
    workerSid: leg.workerSid ?? leg.worker?.sid,
    reservationSid: leg.reservationSid,
    displayName: leg.worker?.fullName,
    queueSid: leg.queue?.sid,
    queueName: leg.queue?.name,
  })
  if (identity !== undefined) participant.identity = identity
  return { path, participant }
}

/** The key of Flex's outbound-transfer placeholder, which has no call SID: its target, prefixed. */
export const transferPlaceholderKey = (target: string) => `transfer:${target}`

/**
 * Flex's outbound-transfer placeholder: no call SID, `participantType` `transfer`, the target as
 * `workerSid` (a worker `WK…` or a queue `WQ…`), `connecting` until the transfer settles. It
 * becomes a `transfer` leg keyed `transfer:<target>`; the reservation it carries is the
 * transferring worker's, so it is not kept on the leg.
 */
function placeholderLeg(leg: Participant, path: string): FlexLeg | undefined {
  const target = leg.workerSid ?? leg.queue?.sid ?? undefined
  if (target == null) return undefined
  const toQueue = target.startsWith('WQ')
  const participant: events.SnapshotParticipant = {
    callSid: transferPlaceholderKey(target),
    status: legStatus(leg.status, leg.connecting),
    flags: {},
  }
  const identity = identityOf({
    participantType: 'transfer',
    workerSid: toQueue ? undefined : target,
    queueSid: toQueue ? target : undefined,
    queueName: leg.queue?.name,
  })
  if (identity !== undefined) participant.identity = identity
  return { path, participant }
}

const departed = (leg: FlexLeg) => leg.participant.status === 'left' || leg.participant.status === 'recently_left'

/**
 * The legs to snapshot, as Flex shows them: a left duplicate of a leg also listed as present is
 * dropped, and Flex's synthetic transfer placeholder (a `transfer` leg with no call SID) is skipped.
 */
function legsOf(participants: readonly Participant[]): FlexLeg[] | { reason: string; field: string } {
  const legs: FlexLeg[] = []
  const byCall = new Map<string, number>()
  for (const [index, leg] of participants.entries()) {
    const path = `participants[${index}]`
    if (leg.callSid == null) {
      if (leg.participantType !== 'transfer') {
        return { reason: `\`${path}.callSid\` is required (only Flex's synthetic transfer leg may lack one)`, field: `${path}.callSid` }
      }
      const placeholder = placeholderLeg(leg, path)
      if (placeholder !== undefined && !byCall.has(placeholder.participant.callSid)) {
        byCall.set(placeholder.participant.callSid, legs.length)
        legs.push(placeholder)
      }
      continue
    }
    if (leg.workerSid?.startsWith('WQ') === true) {
      return { reason: `\`${path}.workerSid\` must be a worker SID (WK…): only a transfer placeholder targets a queue`, field: `${path}.workerSid` }
    }
    const read = toLeg({ ...leg, callSid: leg.callSid }, path)
    const earlier = byCall.get(leg.callSid)
    if (earlier === undefined) {
      byCall.set(leg.callSid, legs.length)
      legs.push(read)
    } else if (departed(read)) {
      continue
    } else if (departed(legs[earlier] as FlexLeg)) {
      legs[earlier] = read
    } else {
      return { reason: `\`${path}.callSid\` lists ${leg.callSid} as present twice`, field: `${path}.callSid` }
    }
  }
  return legs
}

function read(input: unknown, requestedAt: unknown, options: FlexConferenceOptions): AdapterOutcome {
  const late = requestedAtRefusal(requestedAt)
  if (late !== undefined) return late
  const clock = asOfOf(options)
  if ('reason' in clock) return clock
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { reason: `conference must be a Flex Conference object, got ${describeType(input)}` }
  }
  // Checked before validation, so that a huge array costs nothing.
  const listed = (input as { participants?: unknown }).participants
  if (Array.isArray(listed) && listed.length > MAX_SNAPSHOT_PARTICIPANTS) {
    return { reason: `\`participants\` must list at most ${MAX_SNAPSHOT_PARTICIPANTS} legs, got ${listed.length}`, field: 'participants' }
  }
  const parsed = v.safeParse(schemasFor(options.participantTypes).conference, input)
  if (!parsed.success) return explainIssue(parsed.issues[0])
  const conference = parsed.output
  const legs = legsOf(conference.participants ?? [])
  if (!Array.isArray(legs)) return legs
  const taskSid = conference.sid?.startsWith('WT') === true ? conference.sid : undefined
  return flexSnapshot(
    FLEX_CONFERENCE,
    { conferenceSid: conference.conferenceSid, taskSid, requestedAt: requestedAt as number, asOf: clock.asOf, status: conference.status ?? undefined },
    legs,
    options.receivedAt,
  )
}

function summarize(input: unknown): string {
  if (typeof input !== 'object' || input === null) return `(${describeType(input)})`
  const conference = input as Record<string, unknown>
  const shown = ['sid', 'conferenceSid', 'status']
    .map((name) => [name, conference[name]] as const)
    .filter(([, value]) => typeof value === 'string')
    .map(([name, value]) => `${name}=${String(value).slice(0, 40)}`)
  const participants = conference.participants
  if (Array.isArray(participants)) shown.push(`participants=${participants.length}`)
  return shown.length === 0 ? '(flex conference)' : shown.join(' ')
}

/**
 * Turns a Flex `Conference` (from `manager.store.getState().flex.conferences.states`) into a
 * snapshot, so a plugin can seed this library's store from the state Flex already holds.
 *
 * - Conference: `sid` (the task SID) → `taskSid`; `conferenceSid` is the key; `status` is kept.
 * - Participants: `status` joined (→ `connecting` while `connecting` is true), `recently_left`,
 *   `left`; `onHold`, `muted` → flags; `participantType` (`''` and `unknown` say nothing),
 *   `workerSid` (or `worker.sid`), `reservationSid`, `worker.fullName` → `displayName`,
 *   `queue.sid` / `queue.name` → `queueSid` / `queueName`.
 * - As Flex shows them: a left duplicate of a present leg is dropped; the synthetic transfer
 *   outbound-transfer placeholder (no call SID; its target, a worker `WK…` or a queue `WQ…`, as
 *   `workerSid`) becomes a `transfer` leg keyed `transfer:<target>`, `connecting` while Flex says
 *   so, with the target as `workerSid` or `queueSid`.
 * - `isMyself` is not read: here it follows from `workerSid` and `currentWorkerIdentified`.
 *
 * @param conference - The Flex `Conference` (a class instance with getters is fine) or a plain copy.
 * @param requestedAt - When it was read (epoch ms): events that arrive after it are not undone.
 * @param options - `asOf` (the conference's clock read before the read), arrival time and extra participant type spellings.
 * @returns `conferenceSnapshotReceived` (source `flex-conference`), or `eventRejected` naming the field.
 * @remarks Flex drops supervisors from `participants`: a supervisor leg this store knows as joined
 *   is absent from the mirror and so is treated as having left. Seed from the mirror before other
 *   sources, or prefer the Sync items. See `docs/sources.md`.
 * @example
 * ```ts
 * const requestedAt = Date.now()
 * for (const { source } of manager.store.getState().flex.conferences.states.values()) {
 *   // The clock as it stands before Flex's copy is read: the copy then never undoes a later event.
 *   const asOf = selectConferenceClock(store.getState(), source.conferenceSid)
 *   store.dispatch(fromFlexConference(source, requestedAt, { asOf }))
 * }
 * ```
 */
export function fromFlexConference(
  conference: FlexConferenceMirror,
  requestedAt: number,
  options: FlexConferenceOptions = {},
): events.ConferenceEvent {
  return runAdapter(FLEX_CONFERENCE, options, () => summarize(conference), (copied) => read(conference, requestedAt, copied))
}

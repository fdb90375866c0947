/**
 * `fromGenesysConversation`: a Genesys Cloud conversation → a `conferenceSnapshotReceived` action
 * keyed by conversation ID, one leg per participant with a call, keyed by participant ID.
 *
 * Accepts the REST models (`GET /api/v2/conversations/{id}`, participants with `calls[]`;
 * `GET /api/v2/conversations/calls/{id}`, call fields flattened onto the participant) and the
 * notifications of `v2.users.{id}.conversations` and `v2.users.{id}.conversations.calls` (the
 * WebSocket envelope or its `eventBody`). Every one carries the whole conversation. Never throws:
 * anything it cannot read becomes `eventRejected` naming the field.
 *
 * @module
 */
import * as v from 'valibot'
import type * as events from '../../events'
import { describeType } from '../../validation/keys'
import type { ConferenceStatus, ParticipantFlags, ParticipantIdentity, ParticipantType } from '../../model'
import { MAX_TEXT_LENGTH } from '../../registers'
import { MAX_SNAPSHOT_PARTICIPANTS } from '../../validation/snapshotPayload'
import { explainIssue, runAdapter, type AdapterOutcome } from '../rejection'
import { asOfOf, requestedAtOf, snapshotOutcome, type AsOfOption, type SnapshotLeg } from '../snapshotOutcome'
import { boundedText, isoTimestamp, safeKey, token } from '../wireSchemas'
import { GENESYS_CONVERSATION, GENESYS_MAPPING } from './mapping'

/** One call of a participant (REST `Call`, topic `ConversationEventTopicCall`). Other fields are ignored. */
export interface GenesysCall {
  readonly id?: string | null
  /** `alerting`, `dialing`, `contacting`, `offering`, `connected`, `disconnected`, `terminated`, … */
  readonly state?: string | null
  readonly held?: boolean | null
  readonly muted?: boolean | null
  readonly confined?: boolean | null
  readonly connectedTime?: string | null
  readonly disconnectedTime?: string | null
  readonly startHoldTime?: string | null
}

/** A participant in any of the four shapes (call fields either flattened or in `calls[]`). */
export interface GenesysParticipant extends GenesysCall {
  readonly id: string
  /** `agent`, `user`, `customer`, `external`, `acd`, `ivr`, … */
  readonly purpose?: string | null
  readonly name?: string | null
  readonly userId?: string | null
  readonly user?: { readonly id?: string | null } | null
  readonly queueId?: string | null
  readonly queueName?: string | null
  readonly queue?: { readonly id?: string | null } | null
  readonly monitoredParticipantId?: string | null
  readonly coachedParticipantId?: string | null
  readonly bargedParticipantId?: string | null
  readonly startTime?: string | null
  readonly endTime?: string | null
  readonly calls?: readonly GenesysCall[] | null
}

/** A conversation (REST model or a notification's `eventBody`). */
export interface GenesysConversation {
  readonly id: string
  readonly participants: readonly GenesysParticipant[]
}

/** A WebSocket notification: `{ topicName, version, eventBody, metadata }`. */
export interface GenesysNotification {
  readonly topicName?: string
  readonly eventBody: GenesysConversation
}

/** What {@link fromGenesysConversation} accepts. */
export type GenesysConversationInput = GenesysConversation | GenesysNotification

/** Options of {@link fromGenesysConversation}. */
export interface GenesysConversationOptions extends AsOfOption {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /**
   * When the conversation was requested (epoch ms): for a REST response, when the GET was sent.
   * Defaults to `receivedAt`: a notification is the truth when it arrives.
   */
  requestedAt?: number
}

const text = /* @__PURE__ */ (() => v.nullish(boundedText(MAX_TEXT_LENGTH)))()
const key = /* @__PURE__ */ (() => v.nullish(safeKey))()
const flag = /* @__PURE__ */ (() => v.nullish(v.boolean('must be a boolean')))()
const time = /* @__PURE__ */ (() => v.nullish(isoTimestamp))()
const stateNames = /* @__PURE__ */ (() => Object.keys(GENESYS_MAPPING.callStates))()
const callState = /* @__PURE__ */ (() => v.nullish(v.picklist(stateNames as Array<keyof typeof GENESYS_MAPPING.callStates>, `must be one of ${stateNames.join(', ')}`)))()

const callFields = {
  state: callState,
  held: flag,
  muted: flag,
  confined: flag,
  connectedTime: time,
  disconnectedTime: time,
  startHoldTime: time,
}
const callSchema = /* @__PURE__ */ (() => v.object(callFields, 'must be an object'))()

const participantSchema = /* @__PURE__ */ (() => v.object(
  {
    ...callFields,
    id: safeKey,
    purpose: v.nullish(token),
    name: text,
    userId: key,
    user: v.nullish(v.object({ id: key }, 'must be an object')),
    queueId: key,
    queueName: text,
    queue: v.nullish(v.object({ id: key }, 'must be an object')),
    monitoredParticipantId: key,
    coachedParticipantId: key,
    bargedParticipantId: key,
    startTime: time,
    endTime: time,
    calls: v.nullish(v.array(callSchema, 'must be an array')),
  },
  'must be an object',
))()
type Participant = v.InferOutput<typeof participantSchema>
type Call = v.InferOutput<typeof callSchema>

const conversationSchema = /* @__PURE__ */ (() => v.object(
  {
    id: safeKey,
    participants: v.pipe(
      v.array(participantSchema, 'must be an array'),
      v.maxLength(MAX_SNAPSHOT_PARTICIPANTS, `must list at most ${MAX_SNAPSHOT_PARTICIPANTS} participants`),
    ),
  },
  'must be an object',
))()
/** A conversation as read and validated. */
export type Conversation = v.InferOutput<typeof conversationSchema>

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The participant's voice call: its flattened fields (`CallConversation`, `.calls` topic) or its latest `calls[]` entry. */
function callOf(participant: Participant): Call | undefined {
  if (participant.state != null) return participant
  const calls = participant.calls ?? []
  return calls.length === 0 ? undefined : calls[calls.length - 1]
}

function participantTypeOf(participant: Participant): ParticipantType {
  if (participant.monitoredParticipantId != null || participant.coachedParticipantId != null || participant.bargedParticipantId != null) {
    return 'supervisor'
  }
  const purpose = participant.purpose?.toLowerCase() ?? ''
  return Object.hasOwn(GENESYS_MAPPING.purposes, purpose) ? GENESYS_MAPPING.purposes[purpose as keyof typeof GENESYS_MAPPING.purposes] : 'unknown'
}

function flagsOf(call: Call, supervisor: Participant): Partial<ParticipantFlags> {
  const flags: Partial<ParticipantFlags> = {}
  // `confined`: this side hears hold music, the leg on hold. `held` marks the side that holds the
  // call (it hears silence): the agent who pressed hold is not on hold. `held` is read only alone.
  if (call.confined != null) flags.onHold = call.confined
  else if (call.held != null) flags.onHold = call.held
  if (call.muted != null) flags.muted = call.muted
  flags.coaching = supervisor.coachedParticipantId != null
  return flags
}

function identityOf(participant: Participant, participantType: ParticipantType): ParticipantIdentity {
  const identity: ParticipantIdentity = { participantType }
  const userId = participant.userId ?? participant.user?.id
  // The Genesys user ID plays the worker SID's part: `currentWorkerIdentified({ workerSid: userId })` makes it "me".
  if (userId != null) identity.workerSid = userId
  if (participant.name != null) identity.displayName = participant.name
  const queueId = participant.queueId ?? participant.queue?.id
  if (participantType === 'transfer' && queueId != null) identity.queueSid = queueId
  if (participantType === 'transfer' && participant.queueName != null) identity.queueName = participant.queueName
  const target = participant.coachedParticipantId ?? participant.bargedParticipantId ?? participant.monitoredParticipantId
  if (target != null) identity.monitoredCallSid = target
  if (participant.coachedParticipantId != null) identity.callSidToCoach = participant.coachedParticipantId
  return identity
}

/**
 * The latest time the payload mentions: what it reflects, since it carries no sequence number.
 *
 * Only times that stay once set count (starts, connections, ends). `startHoldTime` does not:
 * Genesys drops it when the hold ends, so the payload that ends a hold mentions less than the one
 * that started it, and counting it would make every resume look stale.
 */
export function observedAtOf(conversation: Conversation): number | undefined {
  let latest: number | undefined
  const note = (value: number | null | undefined) => {
    if (value != null && (latest === undefined || value > latest)) latest = value
  }
  for (const participant of conversation.participants) {
    for (const value of [participant.startTime, participant.endTime, participant.connectedTime, participant.disconnectedTime]) note(value)
    for (const call of participant.calls ?? []) for (const value of [call.connectedTime, call.disconnectedTime]) note(value)
  }
  return latest
}

function statusOf(legs: readonly SnapshotLeg[]): ConferenceStatus {
  if (legs.some((leg) => leg.participant.status === 'joined')) return 'active'
  if (legs.length > 0 && legs.every((leg) => leg.participant.status === 'left')) return 'closed'
  return 'setup'
}

/** The conversation of any accepted form, and the prefix of its fields in the input. */
function conversationOf(input: unknown): { data: unknown; prefix: string | undefined } | { reason: string; field?: string } {
  if (!isObject(input)) return { reason: `conversation must be a Genesys conversation or notification, got ${describeType(input)}` }
  if (Object.hasOwn(input, 'eventBody')) return { data: input.eventBody, prefix: 'eventBody' }
  return { data: input, prefix: undefined }
}

/** Reads and validates a Genesys payload; shared by the adapter and the stale filter. */
export function readGenesysConversation(input: unknown): { conversation: Conversation } | { reason: string; field?: string | undefined } {
  const found = conversationOf(input)
  if (!('data' in found)) return found
  const parsed = v.safeParse(conversationSchema, found.data)
  if (!parsed.success) return explainIssue(parsed.issues[0], found.prefix)
  const seen = new Set<string>()
  for (const [index, participant] of parsed.output.participants.entries()) {
    if (seen.has(participant.id)) {
      const field = `${found.prefix === undefined ? '' : `${found.prefix}.`}participants[${index}].id`
      return { reason: `\`${field}\` lists ${participant.id} twice`, field }
    }
    seen.add(participant.id)
  }
  return { conversation: parsed.output }
}

/** The snapshot of a conversation already read and validated. */
export function conversationOutcome(conversation: Conversation, options: GenesysConversationOptions): AdapterOutcome {
  const requestedAt = requestedAtOf(options)
  if (typeof requestedAt !== 'number') return requestedAt
  const clock = asOfOf(options)
  if ('reason' in clock) return clock
  const legs: SnapshotLeg[] = []
  for (const [index, participant] of conversation.participants.entries()) {
    const call = callOf(participant)
    if (call?.state == null) continue // not on the voice call (a chat or e-mail participant)
    const participantType = participantTypeOf(participant)
    legs.push({
      path: `participants[${index}]`,
      participant: {
        callSid: participant.id,
        status: GENESYS_MAPPING.callStates[call.state],
        flags: flagsOf(call, participant),
        identity: identityOf(participant, participantType),
      },
    })
  }
  return snapshotOutcome(
    GENESYS_CONVERSATION,
    { conferenceSid: conversation.id, requestedAt, asOf: clock.asOf, status: statusOf(legs), timestamp: observedAtOf(conversation) },
    legs,
    options.receivedAt,
  )
}

function read(input: unknown, options: GenesysConversationOptions): AdapterOutcome {
  const found = readGenesysConversation(input)
  return 'conversation' in found ? conversationOutcome(found.conversation, options) : found
}

/** A short description of a payload, for rejections. */
export function summarizeGenesys(input: unknown): string {
  return summarize(input)
}

function summarize(input: unknown): string {
  if (!isObject(input)) return `(${describeType(input)})`
  const body = isObject(input.eventBody) ? input.eventBody : input
  const id = typeof body.id === 'string' ? body.id.slice(0, 40) : `(${describeType(body.id)})`
  const topic = typeof input.topicName === 'string' ? ` topic=${input.topicName.slice(0, 80)}` : ''
  const count = Array.isArray(body.participants) ? ` participants=${body.participants.length}` : ''
  return `id=${id}${count}${topic}`
}

/**
 * Turns a Genesys Cloud conversation (REST model or notification) into a snapshot of its call,
 * keyed by conversation ID.
 *
 * - Each participant with a call is a leg keyed by its participant `id`; its call state comes from
 *   the flattened fields or its latest `calls[]` entry: `alerting`, `dialing`, `contacting`,
 *   `offering` → connecting; `connected` → joined; `disconnected`, `terminated` → left.
 *   `confined` (hears hold music) → `onHold` (`held`, the holding side, only when `confined` is
 *   absent); `muted` → `muted`. Participants without a call are skipped.
 * - `purpose`: `customer` → customer, `agent` and `user` → worker, `acd` → transfer (with its
 *   queue), `external` → external, others unknown. A participant with `monitoredParticipantId`,
 *   `coachedParticipantId` or `bargedParticipantId` is a supervisor whose `monitoredCallSid` is
 *   that participant (coaching also sets `coaching` and `callSidToCoach`).
 * - `userId` (or `user.id`) becomes `workerSid`: dispatch `currentWorkerIdentified({ workerSid:
 *   myUserId })` and "me" follows.
 * - Notifications carry no sequence number: each is the truth when it arrives (the snapshot rule);
 *   the latest time it mentions is its `timestamp`. {@link createGenesysConversationReader} drops
 *   payloads older than one already read.
 *
 * @param conversation - A conversation, or a notification envelope with the conversation as `eventBody`.
 * @param options - Arrival time, and for a REST response when it was requested and `asOf` (the
 *   conversation's clock read before the GET was sent).
 * @returns `conferenceSnapshotReceived` (source `genesys-conversation`), or `eventRejected` naming
 *   the field, e.g. `eventBody.participants[2].state`.
 * @example
 * ```ts
 * socket.addEventListener('message', (message) => {
 *   const notification = JSON.parse(message.data)
 *   if (notification.topicName === `v2.users.${me}.conversations.calls`) {
 *     store.dispatch(fromGenesysConversation(notification))
 *   }
 * })
 * // A REST read: the clock is read before the GET is sent, then passed.
 * const asOf = selectConferenceClock(store.getState(), conversationId)
 * const requestedAt = Date.now()
 * const conversation = await fetch(`${api}/api/v2/conversations/calls/${conversationId}`, { headers }).then((r) => r.json())
 * store.dispatch(fromGenesysConversation(conversation, { asOf, requestedAt }))
 * ```
 */
export function fromGenesysConversation(conversation: GenesysConversationInput, options: GenesysConversationOptions = {}): events.ConferenceEvent {
  return runAdapter(GENESYS_CONVERSATION, options, () => summarize(conversation), (copied) => read(conversation, copied))
}

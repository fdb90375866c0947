/**
 * `fromFlexParticipantEvent`: a TaskRouter / Flex participant event → the participant event its
 * media properties describe, with the leg's identity enriched from its type and routing properties.
 *
 * The media properties of a Flex voice participant ARE the conference status callback parameters
 * as arrays of strings, so they are read by {@link fromTwilioStatusCallback} itself: the same
 * validation, the same sequence numbers, the same actions as the callbacks a server receives.
 *
 * @module
 */
import * as v from 'valibot'
import * as events from '../../events'
import { describeType } from '../../validation/keys'
import type { ParticipantIdentity } from '../../model'
import { MAX_TEXT_LENGTH } from '../../registers'
import { participantEventProblem } from '../../validation/eventPayloads'
import type { ParticipantClassifier } from '../participantLabel'
import { explainIssue, runAdapter, textOfThrown, type AdapterOutcome } from '../rejection'
import {
  fromTwilioStatusCallback,
  isParticipantAction,
  MAX_CALLBACK_BODY,
  type TwilioStatusCallbackInput,
} from '../twilioStatusCallback'
import { boundedText } from '../wireSchemas'
import { FLEX_PARTICIPANT_EVENT, identityOf, optionalSid as sid, perParticipantTypes, type FlexParticipantTypes } from './mapping'
import { callbackParametersOf, routingFieldsOf } from './properties'
import type { Refusal } from './snapshot'

/** A participant's TaskRouter routing properties (snake_case JSON). Only the fields read here. */
export interface FlexRoutingProperties {
  worker_sid?: string | null
  reservation_sid?: string | null
  task_sid?: string | null
  workspace_sid?: string | null
  workflow_sid?: string | null
  queue_sid?: string | null
  queue_name?: string | null
  readonly [other: string]: unknown
}

/** Media properties: the status callback parameters, each an array of strings (or a string). */
export type FlexMediaProperties = Readonly<Record<string, string | readonly string[]>>

/**
 * A property bag as Flex hands it: an object in any of Flex's spellings (snake_case or camelCase,
 * string arrays or decoded values, a class instance with getters), or its JSON text.
 */
export type FlexPropertyBag = object | string

/**
 * A Flex / TaskRouter participant event in any of the forms Flex 2.17.1 produces: the raw
 * TaskRouter payload (`routing_properties`, `media_properties`), Flex's decoded
 * `ParticipantBase` (`routingProperties`, `mediaProperties`), a `ConferenceParticipant` instance
 * or its `.source`, and the TaskRouter SDK's `getParticipants()` entries. Declared structurally, so
 * Flex's own types are accepted without a cast; other fields are ignored.
 */
export interface FlexParticipantEvent {
  /** Flex's `ChannelParticipantType`: `agent`, `customer`, `external`, `supervisor`, `worker`, `transfer`, `unknown`. */
  readonly type?: string | null
  /** The same, as Sync items name it. */
  readonly participant_type?: string | null
  /** The same, as `ConferenceParticipant` names it (`agent` already read as `worker`). */
  readonly participantType?: string | null
  readonly routing_properties?: FlexPropertyBag | null
  readonly routingProperties?: FlexPropertyBag | null
  readonly media_properties?: FlexPropertyBag | null
  readonly mediaProperties?: FlexPropertyBag | null
  /** On a `ConferenceParticipant`: the decoded participant it wraps (routing properties live there). */
  readonly source?: { readonly routingProperties?: FlexPropertyBag | null; readonly mediaProperties?: FlexPropertyBag | null } | null
}

/** Options of {@link fromFlexParticipantEvent}. */
export interface FlexParticipantEventOptions {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** Reads the `ParticipantLabel` media property; defaults to `classifyParticipantLabel`. */
  classifyParticipant?: ParticipantClassifier
  /** Extra participant type spellings (lower case) → ours, over `FLEX_MAPPING.participantTypes`. */
  participantTypes?: FlexParticipantTypes
}

const routingSchema = /* @__PURE__ */ (() => v.object(
  {
    worker_sid: sid('WK'),
    reservation_sid: sid('WR'),
    task_sid: sid('WT'),
    workspace_sid: sid('WS'),
    workflow_sid: sid('WW'),
    queue_sid: sid('WQ'),
    queue_name: v.nullish(boundedText(MAX_TEXT_LENGTH)),
  },
  'must be an object',
))()
type Routing = v.InferOutput<typeof routingSchema>

const typeFieldsSchema = /* @__PURE__ */ (() => perParticipantTypes((type) => {
  const field = v.nullish(type)
  return v.object({ type: field, participant_type: field, participantType: field })
}))()

/** The first of `names` the event has, and its value. */
function pick(event: Record<string, unknown>, names: readonly string[]): { name: string; value: unknown } {
  for (const name of names) if (event[name] !== undefined) return { name, value: event[name] }
  return { name: names[0] as string, value: undefined }
}

/** A property bag given as an object or as its JSON text. */
function readBag(name: string, value: unknown): { bag: Record<string, unknown> } | Refusal {
  let bag = value
  if (typeof bag === 'string') {
    if (bag.length > MAX_CALLBACK_BODY) return { reason: `\`${name}\` must be at most ${MAX_CALLBACK_BODY} characters of JSON`, field: name }
    try {
      bag = JSON.parse(bag) as unknown
    } catch {
      return { reason: `\`${name}\` must be an object or its JSON text, got text that is not JSON`, field: name }
    }
  }
  if (typeof bag !== 'object' || bag === null || Array.isArray(bag)) {
    return { reason: `\`${name}\` must be an object or its JSON text, got ${describeType(bag)}`, field: name }
  }
  return { bag: bag as Record<string, unknown> }
}

/**
 * A callback refusal, renamed to the media property it is about, as the input spelled it
 * (`media_properties.CallSid`, `mediaProperties.callSid`).
 */
function withinMedia(rejected: events.EventRejectedPayload, name: string, inputNames: Record<string, string>): Refusal {
  const { field, reason } = rejected
  if (field === undefined) return { reason: `\`${name}\`: ${reason}`, field: name }
  // Callback parameters are PascalCase; other fields name what the adapter built (`identity.workerSid`).
  if (!Object.hasOwn(inputNames, field) && !/^[A-Z]/.test(field)) return { reason, field }
  const inner = `${name}.${inputNames[field] ?? field}`
  const named = `\`${field}\``
  return { reason: reason.startsWith(named) ? `\`${inner}\`${reason.slice(named.length)}` : `\`${inner}\`: ${reason}`, field: inner }
}

function routingIdentity(routing: Routing | undefined): ParticipantIdentity | undefined {
  if (routing === undefined) return undefined
  return identityOf({
    workerSid: routing.worker_sid,
    reservationSid: routing.reservation_sid,
    taskSid: routing.task_sid,
    queueSid: routing.queue_sid,
    queueName: routing.queue_name,
  })
}

function isBag(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readRouting(name: string, value: unknown): { routing: Routing } | Refusal {
  const bag = readBag(name, value)
  if ('reason' in bag) return bag
  const { fields, inputNames } = routingFieldsOf(bag.bag)
  const parsed = v.safeParse(routingSchema, fields)
  if (parsed.success) return { routing: parsed.output }
  const issue = parsed.issues[0]
  const key = String(issue.path?.[0]?.key ?? '')
  const field = `${name}.${inputNames[key] ?? key}`
  return { reason: `\`${field}\` ${issue.input === undefined ? 'is required' : issue.message}`, field }
}

function read(input: unknown, options: FlexParticipantEventOptions): AdapterOutcome {
  if (!isBag(input)) return { reason: `event must be an object, got ${describeType(input)}` }
  const event = input
  const types = v.safeParse(typeFieldsSchema(options.participantTypes), event)
  if (!types.success) return explainIssue(types.issues[0])
  const participantType = types.output.type ?? types.output.participant_type ?? types.output.participantType
  // A `ConferenceParticipant` has media getters but keeps its routing properties on `.source`.
  const wrapped = event.source
  const source = isBag(wrapped) ? wrapped : undefined

  let routing: Routing | undefined
  let routingInput = pick(event, ['routing_properties', 'routingProperties'])
  if (routingInput.value === undefined && source !== undefined) {
    const inner = pick(source, ['routingProperties', 'routing_properties'])
    routingInput = { name: `source.${inner.name}`, value: inner.value }
  }
  if (routingInput.value !== undefined && routingInput.value !== null) {
    const read = readRouting(routingInput.name, routingInput.value)
    if ('reason' in read) return read
    routing = read.routing
  }

  let mediaInput = pick(event, ['media_properties', 'mediaProperties'])
  if (mediaInput.value === undefined && source !== undefined) {
    const inner = pick(source, ['mediaProperties', 'media_properties'])
    mediaInput = { name: `source.${inner.name}`, value: inner.value }
  }
  if (mediaInput.value === undefined || mediaInput.value === null) return { reason: '`media_properties` is required', field: 'media_properties' }
  const media = readBag(mediaInput.name, mediaInput.value)
  if ('reason' in media) return media
  let read: ReturnType<typeof callbackParametersOf>
  try {
    read = callbackParametersOf(media.bag)
  } catch (error) {
    return { reason: `\`${mediaInput.name}\` could not be read: ${textOfThrown(error)}`.slice(0, 200), field: mediaInput.name }
  }
  const { parameters, inputNames } = read

  const action = fromTwilioStatusCallback(parameters as TwilioStatusCallbackInput, {
    ...(options.receivedAt === undefined ? {} : { receivedAt: options.receivedAt }),
    ...(options.classifyParticipant === undefined ? {} : { classifyParticipant: options.classifyParticipant }),
  })
  if (events.eventRejected.match(action)) return withinMedia(action.payload, mediaInput.name, inputNames)
  // A conference-level event has no leg to enrich: it is passed on as the callback adapter read it.
  if (!isParticipantAction(action)) return { action }

  // Precedence: routing properties, then the event's type, then what the ParticipantLabel said.
  const identity = { ...action.payload.identity, ...identityOf({ participantType }), ...routingIdentity(routing) }
  const payload = Object.keys(identity).length === 0 ? action.payload : { ...action.payload, identity }
  const problem = participantEventProblem(payload)
  if (problem !== undefined) return { reason: `\`${problem.field}\` ${problem.reason}`, field: problem.field }
  return { action: { ...action, payload } }
}

function summarize(input: unknown): string {
  if (typeof input !== 'object' || input === null) return `(${describeType(input)})`
  const event = input as Record<string, unknown>
  const source = event.source
  const media =
    event.media_properties ?? event.mediaProperties ?? (typeof source === 'object' && source !== null ? (source as Record<string, unknown>).mediaProperties : undefined)
  const text = (value: unknown) => {
    const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value
    return typeof first === 'string' ? first.slice(0, 40) : undefined
  }
  const mediaText = (name: string) => {
    if (typeof media !== 'object' || media === null) return undefined
    const bag = media as Record<string, unknown>
    return text(bag[name] ?? bag[name.charAt(0).toLowerCase() + name.slice(1)])
  }
  const shown: Array<[string, string | undefined]> = [
    ['type', text(event.type ?? event.participant_type ?? event.participantType)],
    ['StatusCallbackEvent', mediaText('StatusCallbackEvent')],
    ['ConferenceSid', mediaText('ConferenceSid')],
    ['CallSid', mediaText('CallSid')],
  ]
  const summary = shown.filter(([, value]) => value !== undefined).map(([name, value]) => `${name}=${value}`).join(' ')
  return summary === '' ? '(flex participant event)' : summary
}

/**
 * Turns a TaskRouter / Flex participant event into the participant event its media properties
 * describe, enriched with who the leg is.
 *
 * - `media_properties` are the status callback parameters (`StatusCallbackEvent`, `ConferenceSid`,
 *   `CallSid`, `SequenceNumber`, `Muted`, `Hold`, …) as arrays of strings: they are read exactly as
 *   {@link fromTwilioStatusCallback} reads a callback, so events from both sources deduplicate.
 * - Identity, by precedence: `routing_properties` (`worker_sid` → `workerSid`, `reservation_sid` →
 *   `reservationSid`, `task_sid` → `taskSid`, `queue_sid` / `queue_name` → `queueSid` / `queueName`),
 *   then the event's `type` (`agent` → `worker`, `customer`, `external`; `unknown` says nothing),
 *   then the classified `ParticipantLabel`.
 * - A conference-level `StatusCallbackEvent` (`conference-end`, …) is returned as the callback
 *   adapter reads it; there is no leg to enrich.
 *
 * @param event - The participant event: an object; its property bags as objects or JSON text.
 * @param options - Arrival time, a label classifier, extra participant type spellings.
 * @returns The participant event action, or `eventRejected` (source `flex-participant-event`) naming
 *   the field, e.g. `media_properties.CallSid` or `routing_properties.worker_sid`.
 * @remarks The accepted shape is based on public descriptions of Flex and TaskRouter, not a
 *   published wire specification: see `docs/sources.md`.
 * @example
 * ```ts
 * store.dispatch(fromFlexParticipantEvent({
 *   type: 'agent',
 *   routing_properties: { worker_sid: 'WK…', reservation_sid: 'WR…', task_sid: 'WT…' },
 *   media_properties: { StatusCallbackEvent: ['participant-join'], ConferenceSid: ['CF…'], CallSid: ['CA…'], SequenceNumber: ['3'], Muted: ['false'], Hold: ['false'] },
 * }))
 * ```
 */
export function fromFlexParticipantEvent(event: FlexParticipantEvent, options: FlexParticipantEventOptions = {}): events.ConferenceEvent {
  return runAdapter(FLEX_PARTICIPANT_EVENT, options, () => summarize(event), (copied) => read(event, copied))
}

/**
 * `fromTwilioStatusCallback`: a Twilio conference status callback → one of our actions.
 *
 * Accepts what a server or a Flex plugin has at hand: the form-encoded body, `URLSearchParams`,
 * or a record of strings or string arrays (Flex media properties). Never throws: anything it
 * cannot read becomes `eventRejected` naming the field.
 *
 * @module
 */
import * as v from 'valibot'
import * as events from '../events'
import { conferenceDetailProblem, conferenceEventProblem, participantEventProblem } from '../validation/eventPayloads'
import { identityOfTwilioLeg, type ParticipantClassifier } from './participantLabel'
import { explainIssue, runAdapter } from './rejection'
import { flagsOfTwilioLeg, type FlagSpelling } from './twilio/flags'
import { boundedText, booleanString, rfc2822Timestamp, sequenceString, token, twilioSid } from './wireSchemas'

/**
 * The `source` of rejections from this adapter.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === TWILIO_STATUS_CALLBACK)
 * ```
 */
export const TWILIO_STATUS_CALLBACK = 'twilio-status-callback'

/** A callback body in any of the forms servers and Flex hand around. */
export type TwilioStatusCallbackInput = string | URLSearchParams | Readonly<Record<string, string | readonly string[]>>

/** Options of {@link fromTwilioStatusCallback}. */
export interface TwilioStatusCallbackOptions {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** Reads a `ParticipantLabel`; defaults to {@link classifyParticipantLabel}. */
  classifyParticipant?: ParticipantClassifier
}

/** Largest body accepted (Twilio's are well under 2 KB). */
export const MAX_CALLBACK_BODY = 16_384
/** Most parameters accepted in one callback. */
export const MAX_CALLBACK_PARAMETERS = 64

const PARTICIPANT_EVENTS = {
  'participant-join': events.participantJoined,
  'participant-leave': events.participantLeft,
  'participant-mute': events.participantMuted,
  'participant-unmute': events.participantUnmuted,
  'participant-hold': events.participantHeld,
  'participant-unhold': events.participantUnheld,
  'participant-modify': events.participantModified,
  'participant-speech-start': events.participantSpeechStarted,
  'participant-speech-stop': events.participantSpeechStopped,
} as const
const CONFERENCE_EVENTS = ['conference-start', 'conference-end', 'announcement-end', 'announcement-fail'] as const
const EVENT_NAMES = /* @__PURE__ */ (() => [...CONFERENCE_EVENTS, ...(Object.keys(PARTICIPANT_EVENTS) as Array<keyof typeof PARTICIPANT_EVENTS>)])()

/** The Twilio `StatusCallbackEvent` values, all 13. */
export type TwilioStatusCallbackEvent = (typeof EVENT_NAMES)[number]

const callbackSchema = /* @__PURE__ */ (() => v.object({
  StatusCallbackEvent: v.picklist(EVENT_NAMES, `must be one of ${EVENT_NAMES.join(', ')}`),
  ConferenceSid: twilioSid('CF'),
  AccountSid: v.optional(twilioSid('AC')),
  FriendlyName: v.optional(boundedText(128)),
  SequenceNumber: v.optional(sequenceString),
  Timestamp: v.optional(rfc2822Timestamp),
  CallSid: v.optional(twilioSid('CA')),
  Muted: v.optional(booleanString),
  Hold: v.optional(booleanString),
  Coaching: v.optional(booleanString),
  EndConferenceOnExit: v.optional(booleanString),
  StartConferenceOnEnter: v.optional(booleanString),
  ParticipantLabel: v.optional(boundedText(128)),
  CallSidToCoach: v.optional(twilioSid('CA')),
  CallSidEndingConference: v.optional(twilioSid('CA')),
  ParticipantLabelEndingConference: v.optional(boundedText(128)),
  ReasonConferenceEnded: v.optional(token),
  Reason: v.optional(boundedText(512)),
  ParticipantCallStatus: v.optional(token),
  ReasonParticipantLeft: v.optional(token),
  ReasonAnnouncementFailed: v.optional(boundedText(512)),
  AnnounceUrl: v.optional(boundedText(512)),
}))()
type Callback = v.InferOutput<typeof callbackSchema>

type Parameters = { ok: true; value: Record<string, string> } | { ok: false; reason: string; field?: string }

/** Reads the input into one string per parameter (the first, where a parameter repeats). */
function readParameters(input: unknown): Parameters {
  const value: Record<string, string> = Object.create(null) as Record<string, string>
  let count = 0
  const add = (name: string, raw: unknown): string | undefined => {
    if (Object.hasOwn(value, name)) return undefined
    if (++count > MAX_CALLBACK_PARAMETERS) return `\`${name}\` is one parameter too many: a callback has at most ${MAX_CALLBACK_PARAMETERS}`
    const first = Array.isArray(raw) ? (raw as unknown[])[0] : raw
    if (typeof first !== 'string') return `\`${name}\` must be a string or an array of strings`
    value[name] = first
    return undefined
  }
  if (typeof input === 'string') {
    if (input.length > MAX_CALLBACK_BODY) return { ok: false, reason: `body is larger than ${MAX_CALLBACK_BODY} characters` }
    input = new URLSearchParams(input)
  }
  if (input instanceof URLSearchParams) {
    for (const [name, raw] of input) {
      const problem = add(name, raw)
      if (problem !== undefined) return { ok: false, reason: problem, field: name }
    }
    return { ok: true, value }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reason: 'input must be a form-encoded string, URLSearchParams or a record of strings' }
  }
  for (const name of Object.keys(input)) {
    const problem = add(name, (input as Record<string, unknown>)[name])
    if (problem !== undefined) return { ok: false, reason: problem, field: name }
  }
  return { ok: true, value }
}

function summarize(parameters: Record<string, string> | undefined, input: unknown): string {
  if (parameters === undefined) return typeof input === 'string' ? input.slice(0, 120) : `(${typeof input})`
  const shown = ['StatusCallbackEvent', 'ConferenceSid', 'CallSid', 'SequenceNumber']
  return shown
    .filter((name) => parameters[name] !== undefined)
    .map((name) => `${name}=${String(parameters[name]).slice(0, 40)}`)
    .join(' ')
}

const FLAG_SPELLING: FlagSpelling<Callback> = {
  muted: 'Muted',
  onHold: 'Hold',
  coaching: 'Coaching',
  endConferenceOnExit: 'EndConferenceOnExit',
  startConferenceOnEnter: 'StartConferenceOnEnter',
}

const TASK_SID = /^WT[0-9a-fA-F]{32}$/

function baseOf(callback: Callback): events.ConferenceEventBase {
  const { FriendlyName: friendlyName } = callback
  return defined({
    conferenceSid: callback.ConferenceSid,
    sequence: callback.SequenceNumber,
    timestamp: callback.Timestamp,
    friendlyName,
    taskSid: friendlyName !== undefined && TASK_SID.test(friendlyName) ? friendlyName : undefined,
    accountSid: callback.AccountSid,
  })
}

function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T
}

type Built = { action: events.ConferenceEvent } | { reason: string; field?: string }

function build(callback: Callback, options: TwilioStatusCallbackOptions): Built {
  const base = baseOf(callback)
  const at = options.receivedAt
  switch (callback.StatusCallbackEvent) {
    case 'conference-start':
      return { action: events.conferenceStarted(base, at) }
    case 'conference-end':
      return {
        action: events.conferenceEnded(
          defined({
            ...base,
            reasonEnded: callback.ReasonConferenceEnded,
            reason: callback.Reason,
            callSidEndingConference: callback.CallSidEndingConference,
            participantLabelEndingConference: callback.ParticipantLabelEndingConference,
          }),
          at,
        ),
      }
    case 'announcement-end':
    case 'announcement-fail': {
      const create = callback.StatusCallbackEvent === 'announcement-end' ? events.announcementEnded : events.announcementFailed
      const payload = defined({
        ...base,
        callSid: callback.CallSid,
        reason: callback.ReasonAnnouncementFailed,
        announceUrl: callback.AnnounceUrl,
      })
      return { action: create(payload, at) }
    }
    default:
      return buildParticipantEvent(callback, base, options)
  }
}

function buildParticipantEvent(callback: Callback, base: events.ConferenceEventBase, options: TwilioStatusCallbackOptions): Built {
  if (callback.CallSid === undefined) {
    return { reason: `\`CallSid\` is required for ${callback.StatusCallbackEvent}`, field: 'CallSid' }
  }
  const named = identityOfTwilioLeg(
    { label: callback.ParticipantLabel, callSidToCoach: callback.CallSidToCoach, coaching: callback.Coaching },
    options.classifyParticipant,
  )
  if ('problem' in named) return { reason: `\`ParticipantLabel\` ${named.problem}`, field: 'ParticipantLabel' }
  const { identity } = named
  const payload: events.ParticipantLeftPayload = { ...base, callSid: callback.CallSid, flags: flagsOfTwilioLeg(callback, FLAG_SPELLING) }
  if (identity !== undefined) payload.identity = identity
  if (callback.StatusCallbackEvent === 'participant-leave') {
    if (callback.ReasonParticipantLeft !== undefined) payload.reason = callback.ReasonParticipantLeft
    if (callback.ParticipantCallStatus !== undefined) payload.callStatus = callback.ParticipantCallStatus
  }
  const create = PARTICIPANT_EVENTS[callback.StatusCallbackEvent as keyof typeof PARTICIPANT_EVENTS]
  return { action: create(payload, options.receivedAt) }
}

/**
 * Turns one Twilio conference status callback into one of our actions.
 *
 * @param input - The form-encoded body, `URLSearchParams`, or a record of strings / string arrays.
 * @param options - Arrival time and a custom `ParticipantLabel` classifier.
 * @returns The matching event action, or `eventRejected` with a reason naming the field.
 * @example
 * ```ts
 * app.post('/twilio/conference-events', express.urlencoded({ extended: false }), (req, res) => {
 *   const url = `https://relay.example.com${req.originalUrl}`
 *   const signature = req.header('X-Twilio-Signature')
 *   if (!verifyTwilioSignature({ authToken, url, params: req.body, signature })) return res.sendStatus(403)
 *   store.dispatch(fromTwilioStatusCallback(req.body))
 *   res.sendStatus(204)
 * })
 * ```
 */
export function fromTwilioStatusCallback(
  input: TwilioStatusCallbackInput,
  options: TwilioStatusCallbackOptions = {},
): events.ConferenceEvent {
  let parameters: Record<string, string> | undefined
  return runAdapter(TWILIO_STATUS_CALLBACK, options, () => summarize(parameters, input), (copied) => {
    const read = readParameters(input)
    if (!read.ok) return read
    parameters = read.value
    const parsed = v.safeParse(callbackSchema, parameters)
    if (!parsed.success) return explainIssue(parsed.issues[0])
    const built = build(parsed.output, copied)
    if ('reason' in built) return built
    const problem = checkBuilt(built.action)
    return problem === undefined ? built : { reason: `\`${problem.field}\` ${problem.reason}`, field: problem.field }
  })
}

const PARTICIPANT_ACTION_TYPES: ReadonlySet<string> = /* @__PURE__ */ (() => new Set(Object.values(PARTICIPANT_EVENTS).map((create) => create.type)))()

/** An action a participant callback becomes: it carries a leg (`callSid`), its flags and identity. */
export type TwilioParticipantAction = ReturnType<(typeof PARTICIPANT_EVENTS)[keyof typeof PARTICIPANT_EVENTS]>

/** Whether `action` is one of the participant events (not a conference or announcement event). */
export function isParticipantAction(action: events.ConferenceEvent): action is TwilioParticipantAction {
  return PARTICIPANT_ACTION_TYPES.has(action.type)
}

/** The reducer's own check on what we built: a custom classifier may return anything. */
function checkBuilt(action: events.ConferenceEvent) {
  if (isParticipantAction(action)) return participantEventProblem(action.payload)
  return action.type === events.conferenceStarted.type ? conferenceEventProblem(action.payload) : conferenceDetailProblem(action.payload)
}

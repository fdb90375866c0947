/**
 * The control routes, on the paths `createHttpTransport` calls, forwarded to Twilio's REST API:
 *
 * | request | Twilio call | reply |
 * |---|---|---|
 * | `POST /conferences/:conferenceSid/participants/:callSid` `{"hold"}`, `{"muted"}`, `{"coaching","callSidToCoach"}` | update participant | 204 |
 * | `DELETE /conferences/:conferenceSid/participants/:callSid` | delete participant | 204 |
 * | `POST /conferences/:conferenceSid/participants` `{"to","from"?,"label"?}` | create participant | 201 `{"callSid"}` |
 *
 * The caller's viewer token decides: an agent acts only on conferences they can see and never
 * changes coaching; a supervisor may act on any. Only the fields above are forwarded: anything
 * else in the body is refused by name. See `docs/relay.md`.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { keyProblem } from '../validation/keys'
import type { ConferencesState } from '../model'
import { canSeeConference } from './conferenceAccess'
import { replyEmpty, replyError, replyJson } from './httpReplies'
import { readBody } from './readBody'
import { ControlsUnavailableError, statusOfTwilioError, type NewParticipant, type ParticipantChanges, type TwilioConferenceClient } from './twilioParticipants'
import type { Viewer } from './viewerToken'

/** `/conferences/:conferenceSid/participants[/:callSid]`. */
export const CONTROL_PATH = /^\/conferences\/([^/]+)\/participants(?:\/([^/]+))?\/?$/

const MAX_CONTROL_BYTES = 4096
const MAX_TEXT = 256
const UPDATE_FIELDS = new Set(['hold', 'muted', 'coaching', 'callSidToCoach'])
const ADD_FIELDS = new Set(['to', 'from', 'label'])

/** What the control routes need from the relay. */
export interface ControlContext {
  state(): ConferencesState
  twilio(): Promise<TwilioConferenceClient>
  /** Caller ID for adds that name no `from`. */
  readonly callerId: string | undefined
}

/** A route's answer before it is written: a status, and a JSON body or a reason. */
type Outcome = { status: number; body?: unknown; reason?: string; field?: string }

const refuse = (status: number, reason: string, field?: string): Outcome => ({ status, reason, ...(field === undefined ? {} : { field }) })

async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown> | Outcome> {
  const read = await readBody(request, MAX_CONTROL_BYTES)
  if (!read.ok) return refuse(413, `the body is over ${MAX_CONTROL_BYTES} bytes`)
  let value: unknown
  try {
    value = JSON.parse(read.text)
  } catch {
    return refuse(400, 'the body must be a JSON object')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refuse(400, 'the body must be a JSON object')
  return value as Record<string, unknown>
}

const isOutcome = (value: unknown): value is Outcome => typeof (value as Outcome).status === 'number' && Object.hasOwn(value as object, 'status')

function readChanges(body: Record<string, unknown>, viewer: Viewer): ParticipantChanges | Outcome {
  const changes: ParticipantChanges = {}
  for (const name of Object.keys(body)) {
    if (!UPDATE_FIELDS.has(name)) return refuse(400, `\`${name}\` cannot be changed here; send hold, muted or coaching`, name)
  }
  for (const name of ['hold', 'muted', 'coaching'] as const) {
    const value = body[name]
    if (value === undefined) continue
    if (typeof value !== 'boolean') return refuse(400, `\`${name}\` must be true or false`, name)
    changes[name] = value
  }
  if (body.callSidToCoach !== undefined) {
    const problem = keyProblem(body.callSidToCoach)
    if (problem !== undefined) return refuse(400, `\`callSidToCoach\` ${problem}`, 'callSidToCoach')
    changes.callSidToCoach = body.callSidToCoach as string
  }
  if (Object.keys(changes).length === 0) return refuse(400, 'send at least one of hold, muted or coaching')
  if (viewer.role !== 'supervisor' && (changes.coaching !== undefined || changes.callSidToCoach !== undefined)) {
    return refuse(403, 'only supervisors change coaching', 'coaching')
  }
  return changes
}

function readNewParticipant(body: Record<string, unknown>, callerId: string | undefined): NewParticipant | Outcome {
  for (const name of Object.keys(body)) {
    if (!ADD_FIELDS.has(name)) return refuse(400, `\`${name}\` is not accepted; send to, from and label`, name)
  }
  const text = (name: 'to' | 'from' | 'label'): string | undefined | Outcome => {
    const value = body[name]
    if (value === undefined) return undefined
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) {
      return refuse(400, `\`${name}\` must be a non-empty string of at most ${MAX_TEXT} characters`, name)
    }
    return value
  }
  const to = text('to')
  const from = text('from') ?? callerId
  const label = text('label')
  for (const value of [to, from, label]) if (typeof value === 'object') return value
  if (to === undefined) return refuse(400, '`to` is required: who to dial', 'to')
  if (from === undefined) return refuse(400, '`from` is required (or start the relay with a caller ID)', 'from')
  return { to: to as string, from: from as string, ...(label === undefined ? {} : { label: label as string }) }
}

async function route(request: IncomingMessage, viewer: Viewer, conferenceSid: string, callSid: string | undefined, context: ControlContext): Promise<Outcome> {
  const conferenceProblem = keyProblem(conferenceSid)
  if (conferenceProblem !== undefined) return refuse(400, `the conference SID ${conferenceProblem}`, 'conferenceSid')
  if (callSid !== undefined) {
    const callProblem = keyProblem(callSid)
    if (callProblem !== undefined) return refuse(400, `the call SID ${callProblem}`, 'callSid')
  }
  if (!canSeeConference(context.state(), viewer, conferenceSid)) return refuse(403, 'this conference is not one of yours')
  const method = request.method
  if (callSid !== undefined && method === 'DELETE') {
    const client = await context.twilio()
    await client.conferences(conferenceSid).participants(callSid).remove()
    return { status: 204 }
  }
  if (method !== 'POST') return refuse(405, callSid === undefined ? 'use POST' : 'use POST or DELETE')
  const body = await readJsonObject(request)
  if (isOutcome(body)) return body
  if (callSid !== undefined) {
    const changes = readChanges(body, viewer)
    if (isOutcome(changes)) return changes
    const client = await context.twilio()
    await client.conferences(conferenceSid).participants(callSid).update(changes)
    return { status: 204 }
  }
  const participant = readNewParticipant(body, context.callerId)
  if (isOutcome(participant)) return participant
  const client = await context.twilio()
  const created = await client.conferences(conferenceSid).participants.create(participant)
  return { status: 201, body: { callSid: created.callSid } }
}

/** Handles one control request from a verified viewer. */
export async function handleControl(
  request: IncomingMessage,
  response: ServerResponse,
  viewer: Viewer,
  match: RegExpExecArray,
  context: ControlContext,
): Promise<void> {
  let outcome: Outcome
  let conferenceSid: string
  let callSid: string | undefined
  try {
    conferenceSid = decodeURIComponent(match[1] ?? '')
    callSid = match[2] === undefined ? undefined : decodeURIComponent(match[2])
  } catch {
    replyError(response, 400, 'the path is not valid percent-encoding')
    return
  }
  try {
    outcome = await route(request, viewer, conferenceSid, callSid, context)
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 200)
    outcome = error instanceof ControlsUnavailableError ? refuse(501, `controls are not available: ${message}`) : refuse(statusOfTwilioError(error), `Twilio refused the request: ${message}`)
  }
  if (outcome.status === 204) replyEmpty(response, 204)
  else if (outcome.reason !== undefined) replyError(response, outcome.status, outcome.reason, outcome.field)
  else replyJson(response, outcome.status, outcome.body)
}

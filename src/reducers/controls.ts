/**
 * Case reducers for the controls (docs/architecture.md, "Controls"): the lifecycle actions of the control thunks
 * and `controlConfirmationTimedOut`.
 *
 * A command is marked pending on its leg with its `requestId`; only that request may roll it back,
 * so the last click wins. Confirmation is not here: the register writes of platform events settle
 * pending commands (`participantChange.ts`). These actions come from our thunks, but apps can
 * dispatch anything: each action is read once into plain data (`readLifecycleAction`) before
 * anything is checked, and only checked keys reach state.
 *
 * @module
 */
import {
  argsProblem,
  COMMAND_TYPE_PREFIX,
  describeCommand,
  isControlErrorKind,
  pendingOf,
  placeholderKeyOf,
  timeoutProblem,
  TOGGLE_COMMANDS,
  type AddParticipantArgs,
  type ParticipantControlArgs,
  type ToggleCommand,
} from '../commands'
import type { ControlConfirmationTimedOutPayload } from '../events'
import { describeType, isSafeKey, keyProblem } from '../validation/keys'
import type {
  ConferenceRecord,
  ControlCommand,
  ControlError,
  ControlErrorKind,
  ParticipantRecord,
  PendingRequest,
} from '../model'
import type { StateWriter } from '../writer'
import { newConference } from './conferenceRecord'
import { isPlainObject } from '../validation/plainObject'
import type { PayloadProblem } from '../validation/problem'
import { isPlaceholder, newParticipant } from './participantChange'
import { receivedAtOf } from './stamp'
import { findParticipant } from '../table'
import { shortenAtWord } from '../shortenText'

/** A thunk lifecycle action as it may arrive: nothing in it is trusted. */
type LifecycleAction = { type: string; payload?: unknown; meta?: unknown; error?: unknown }

/** What every lifecycle action carries in `meta`. */
interface Request {
  args: Record<string, unknown>
  requestId: string
  /** `meta.receivedAt` (epoch ms), 0 when absent. */
  receivedAt: number
  /** `meta.timeoutMs`: the deadline the controls gave the command, when they said (ms from the click). */
  timeoutMs?: number
}

/** Longest request ID accepted (RTK's are 21 characters; a custom `idGenerator` may differ). */
const MAX_REQUEST_ID_LENGTH = 64
/** Longest message kept in the control error log. */
const MAX_MESSAGE_LENGTH = 300

/**
 * How long a pending command waits in state when neither its arguments nor the controls name a
 * deadline (an action dispatched by hand, say): two minutes.
 */
export const PENDING_DEADLINE_MS = 120_000

const isDeadline = (value: unknown): value is number => timeoutProblem('timeoutMs', value) === undefined

/**
 * The deadline a pending command carries in state: the command's own `timeoutMs`, else the one the
 * controls gave it (`timeoutMs` or `addTimeoutMs`, in `meta`), else {@link PENDING_DEADLINE_MS}.
 * The same deadline as the thunk's, so the timers' sweep never rolls a command back before it.
 */
function expiryOf(request: Request): number {
  const { timeoutMs } = request.args
  const wait = isDeadline(timeoutMs) ? timeoutMs : (request.timeoutMs ?? PENDING_DEADLINE_MS)
  return request.receivedAt + wait
}

/** RTK's request IDs are 21 characters of `A-Za-z0-9_-` (they may start with `_` or `-`): values, never keys. */
const isRequestId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_REQUEST_ID_LENGTH

/** Every argument a control command takes: what is read of `meta.arg`, each once. */
const ARG_NAMES = [
  'conferenceSid',
  'callSid',
  'timeoutMs',
  'to',
  'from',
  'label',
  'participantType',
  'displayName',
] as const satisfies ReadonlyArray<keyof ParticipantControlArgs | keyof AddParticipantArgs>

/** The arguments as plain data: each known argument read once (own properties only), the rest left unread. */
function readArgs(arg: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(arg)) return undefined
  const args: Record<string, unknown> = {}
  for (const name of ARG_NAMES) {
    if (!Object.hasOwn(arg, name)) continue
    const value = arg[name]
    if (value !== undefined) args[name] = value
  }
  return args
}

/**
 * What the case reducers read of a lifecycle action's `meta`, each field once, as events are read
 * (docs/architecture.md, "Bad input and bounds"): of `meta.arg` only the command's arguments, by
 * name (RTK lets apps put anything else there). The argument check and the case reducers see only
 * this copy, so a getter or proxy cannot answer one thing to the check and another to the reducer.
 *
 * @throws Whatever a getter or proxy throws.
 */
export function readLifecycleMeta(meta: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(meta)) return undefined
  return {
    arg: readArgs(meta.arg),
    requestId: meta.requestId,
    condition: meta.condition,
    aborted: meta.aborted,
    receivedAt: meta.receivedAt,
    timeoutMs: meta.timeoutMs,
  }
}

function readRequest(action: LifecycleAction): Request | undefined {
  const meta = action.meta
  if (!isPlainObject(meta) || !isPlainObject(meta.arg) || !isRequestId(meta.requestId)) return undefined
  const request: Request = { args: meta.arg, requestId: meta.requestId, receivedAt: receivedAtOf(action) }
  if (isDeadline(meta.timeoutMs)) request.timeoutMs = meta.timeoutMs
  return request
}

/** A request whose arguments the thunk would send: the same check on both sides, so nothing is marked for a command that is refused. */
function readValidRequest(command: ControlCommand, action: LifecycleAction): Request | undefined {
  const request = readRequest(action)
  return request !== undefined && argsProblem(command, request.args) === undefined ? request : undefined
}

const keyArg = (args: Record<string, unknown>, name: string): string | undefined =>
  isSafeKey(args[name]) ? (args[name] as string) : undefined

/** A known leg of a known conference, read without copying. */
function legOf(writer: StateWriter, conferenceSid: string, callSid: string): ParticipantRecord | undefined {
  return findParticipant(writer.conference(conferenceSid), callSid)
}

/** A writable copy of a leg known to exist. */
function editLeg(writer: StateWriter, conferenceSid: string, leg: ParticipantRecord): ParticipantRecord {
  const conference = writer.editConference(conferenceSid, () => newConference(conferenceSid))
  return writer.editParticipant(conference, leg.callSid, () => leg)
}

function removeLeg(writer: StateWriter, conferenceSid: string, callSid: string): void {
  const conference = writer.editConference(conferenceSid, () => newConference(conferenceSid))
  writer.removeParticipant(conference, callSid)
  // A conference only an add made (no platform event moved its clock) goes with its last leg.
  if (conference.participants.length === 0 && conference.clock === 0) writer.removeConferences(new Set([conferenceSid]))
}

const isOver = (conference: ConferenceRecord | undefined) => conference?.status === 'closed' || conference?.status === 'failed'

/** `<hold|unhold|mute|unmute>Participant/pending`: the leg shows the intent until it is settled. */
export function reduceToggleRequested(command: ToggleCommand) {
  const { pending, register, intent } = TOGGLE_COMMANDS[command]
  return (writer: StateWriter, action: LifecycleAction): void => {
    const request = readValidRequest(command, action)
    if (request === undefined) return
    const { conferenceSid, callSid } = request.args as { conferenceSid: string; callSid: string }
    const leg = legOf(writer, conferenceSid, callSid)
    if (leg === undefined || leg.status !== 'joined' || isPlaceholder(leg)) return
    // Already showing the intent and nothing else in flight: there is nothing to wait for.
    if (leg[pending] === undefined && leg[register] === intent) return
    editLeg(writer, conferenceSid, leg)[pending] = {
      intent,
      requestId: request.requestId,
      requestedAt: request.receivedAt,
      expiresAt: expiryOf(request),
    }
  }
}

/** `removeParticipant/pending`: the leg shows the removal until it leaves. */
export function reduceRemoveRequested(writer: StateWriter, action: LifecycleAction): void {
  const request = readValidRequest('remove', action)
  if (request === undefined) return
  const { conferenceSid, callSid } = request.args as { conferenceSid: string; callSid: string }
  const leg = legOf(writer, conferenceSid, callSid)
  if (leg === undefined || leg.status !== 'joined' || isPlaceholder(leg)) return
  editLeg(writer, conferenceSid, leg).removePending = {
    requestId: request.requestId,
    requestedAt: request.receivedAt,
    expiresAt: expiryOf(request),
  }
}

/**
 * `addParticipant/pending`: a connecting placeholder, keyed by the request, stands in for the new
 * leg. Only in a conference the store knows and that is not over: an add elsewhere must not leave
 * an empty conference behind; its leg appears when the platform reports it.
 */
export function reduceAddRequested(writer: StateWriter, action: LifecycleAction): void {
  const request = readValidRequest('add', action)
  if (request === undefined) return
  const { requestId, receivedAt } = request
  const args = request.args as unknown as AddParticipantArgs
  const key = placeholderKeyOf(requestId)
  const known = writer.conference(args.conferenceSid)
  if (keyProblem(key) !== undefined || known === undefined || isOver(known)) return
  const conference = writer.editConference(args.conferenceSid, () => known)
  writer.editParticipant(conference, key, () => {
    const leg = newParticipant(key, { version: conference.clock + 1, receivedAt })
    leg.connecting = true
    leg.participantType = args.participantType ?? 'external'
    leg.displayName = args.displayName ?? args.to
    if (args.label !== undefined) leg.label = args.label
    leg.addPending = { requestId, requestedAt: receivedAt, expiresAt: expiryOf(request), destination: args.to, placeholder: true }
    return leg
  })
}

/**
 * `addParticipant/fulfilled`: the transport named the new leg. The placeholder gives way to it:
 * if the platform already reported the leg, the add is settled; otherwise the leg waits, still
 * connecting, for the platform to report it.
 */
export function reduceAddSent(writer: StateWriter, action: LifecycleAction): void {
  const request = readRequest(action)
  const home = request && keyArg(request.args, 'conferenceSid')
  const payload = isPlainObject(action.payload) ? action.payload : {}
  const conferenceSid = keyArg(payload, 'conferenceSid') ?? home
  const callSid = keyArg(payload, 'callSid')
  if (request === undefined || home === undefined || conferenceSid === undefined || callSid === undefined) return
  const placeholder = legOf(writer, home, placeholderKeyOf(request.requestId))
  if (placeholder?.addPending?.requestId !== request.requestId) return
  removeLeg(writer, home, placeholder.callSid)
  const target = writer.conference(conferenceSid)
  if (isOver(target) || legOf(writer, conferenceSid, callSid) !== undefined) return
  const conference = writer.editConference(conferenceSid, () => newConference(conferenceSid))
  writer.editParticipant(conference, callSid, () => ({
    ...placeholder,
    callSid,
    // Snapshots requested before the add was sent cannot know this leg: they must not end it.
    changedAt: placeholder.addPending?.requestedAt ?? placeholder.changedAt,
    addPending: { ...(placeholder.addPending as NonNullable<ParticipantRecord['addPending']>), placeholder: false },
  }))
}

/**
 * Undoes what command `requestId` marked, if it is still the leg's latest of its kind.
 *
 * @returns What was undone, or `undefined` when the command was confirmed, superseded or settled.
 */
function rollBack(
  writer: StateWriter,
  command: ControlCommand,
  conferenceSid: string,
  callSid: string,
  requestId: string,
): PendingRequest | undefined {
  const leg = legOf(writer, conferenceSid, callSid)
  const pending = leg === undefined ? undefined : pendingOf(leg, command)
  if (leg === undefined || pending?.requestId !== requestId) return undefined
  if (command === 'add' && (isPlaceholder(leg) || leg.versions.status === 0)) {
    // A leg only we know of (a placeholder, or a dialled leg no platform event reported) goes.
    removeLeg(writer, conferenceSid, callSid)
    return pending
  }
  const editable = editLeg(writer, conferenceSid, leg)
  if (command === 'add') delete editable.addPending
  else if (command === 'remove') delete editable.removePending
  else if (TOGGLE_COMMANDS[command].pending === 'holdPending') delete editable.holdPending
  else delete editable.mutePending
  return pending
}

/** A bounded string for the log (values, never keys). */
const bounded = (value: unknown, limit: number): string | undefined =>
  typeof value === 'string' ? value.slice(0, limit) : undefined

/**
 * Why the command failed: the thunk's `rejectWithValue` payload, or RTK's serialized error (an
 * abort races the thunk and wins), which the message then explains in the same words: the
 * command, its target and the cause.
 */
function readFailure(action: LifecycleAction, command: string): { kind: ControlErrorKind; message: string; status?: number } {
  const payload = action.payload
  if (isPlainObject(payload) && typeof payload.message === 'string') {
    const kind = isControlErrorKind(payload.kind) ? payload.kind : 'transport'
    const status = typeof payload.status === 'number' && Number.isInteger(payload.status) ? payload.status : undefined
    return { kind, message: payload.message, ...(status === undefined ? {} : { status }) }
  }
  const meta = isPlainObject(action.meta) ? action.meta : {}
  const error = isPlainObject(action.error) ? action.error : {}
  const detail = typeof error.message === 'string' ? error.message : describeType(action.error)
  const aborted = meta.aborted === true
  return { kind: aborted ? 'aborted' : 'transport', message: `${command} failed: ${aborted ? 'aborted by the app' : 'the thunk failed'} (${detail})` }
}

/**
 * `<command>Participant/rejected`: the command failed before the platform accepted it. It is
 * rolled back if it is still the leg's latest of its kind, and recorded either way.
 */
export function reduceControlRejected(command: ControlCommand) {
  return (writer: StateWriter, action: LifecycleAction): void => {
    const meta = isPlainObject(action.meta) ? action.meta : {}
    // A rejection by `condition` comes before `pending`: nothing was marked or sent.
    if (meta.condition === true) return
    const request = readRequest(action)
    const args = request?.args ?? (isPlainObject(meta.arg) ? meta.arg : {})
    const requestId = bounded(meta.requestId, MAX_REQUEST_ID_LENGTH) ?? ''
    const conferenceSid = keyArg(args, 'conferenceSid')
    const target = command === 'add' ? placeholderKeyOf(requestId) : keyArg(args, 'callSid')
    const undone =
      request !== undefined && conferenceSid !== undefined && target !== undefined
        ? rollBack(writer, command, conferenceSid, target, request.requestId)
        : undefined
    const callSid = command === 'add' ? undefined : bounded(args.callSid, 64)
    const destination = command === 'add' ? bounded(args.to, 80) : undefined
    const failure = readFailure(action, describeCommand(command, callSid ?? destination))
    writer.recordControlError({
      command,
      kind: failure.kind,
      message: shortenAtWord(failure.message, MAX_MESSAGE_LENGTH),
      conferenceSid: bounded(args.conferenceSid, 64) ?? '',
      ...(callSid === undefined ? {} : { callSid }),
      ...(destination === undefined ? {} : { destination }),
      ...(failure.status === undefined ? {} : { status: failure.status }),
      requestId,
      // RTK's own rejections (an abort) carry no time: the request's will do.
      at: receivedAtOf(action, undone?.requestedAt ?? 0),
    })
  }
}

/**
 * `controlConfirmationTimedOut`: the deadline passed with the command accepted but unconfirmed.
 * If it is still the leg's latest command of its kind, it is rolled back and recorded; a command
 * that was confirmed, superseded or settled by a departure is left alone.
 */
export function reduceControlConfirmationTimedOut(
  writer: StateWriter,
  action: { payload: ControlConfirmationTimedOutPayload; meta?: unknown },
): void {
  const { conferenceSid, callSid, command, requestId, timeoutMs } = action.payload
  const destination = legOf(writer, conferenceSid, callSid)?.addPending?.destination
  if (rollBack(writer, command, conferenceSid, callSid, requestId) === undefined) return
  const target = command === 'add' ? `${destination ?? 'a new participant'} (${callSid})` : callSid
  const error: ControlError = {
    command,
    kind: 'unconfirmed',
    message: `${describeCommand(command, target)} was not confirmed by the platform within ${timeoutMs} ms: rolled back`,
    conferenceSid,
    callSid,
    ...(destination === undefined ? {} : { destination }),
    requestId,
    at: receivedAtOf(action),
  }
  writer.recordControlError(error)
}

/** The command a pending field stands for. */
function commandsPendingOn(leg: ParticipantRecord): Array<{ command: ControlCommand; pending: PendingRequest }> {
  const found: Array<{ command: ControlCommand; pending: PendingRequest }> = []
  if (leg.holdPending !== undefined) found.push({ command: leg.holdPending.intent ? 'hold' : 'unhold', pending: leg.holdPending })
  if (leg.mutePending !== undefined) found.push({ command: leg.mutePending.intent ? 'mute' : 'unmute', pending: leg.mutePending })
  if (leg.removePending !== undefined) found.push({ command: 'remove', pending: leg.removePending })
  if (leg.addPending !== undefined) found.push({ command: 'add', pending: leg.addPending })
  return found
}

/** The earlier of `earliest` and the deadline of `pending`. */
const earlierDeadline = (earliest: number | undefined, pending: PendingRequest | undefined): number | undefined =>
  pending?.expiresAt !== undefined && (earliest === undefined || pending.expiresAt < earliest) ? pending.expiresAt : earliest

/**
 * The earliest deadline of a command pending on `leg`, if any. The timers ask this of every leg of
 * every conference an action changed, so it reads the four fields without building a list.
 */
export function earliestPendingDeadline(leg: ParticipantRecord): number | undefined {
  return earlierDeadline(earlierDeadline(earlierDeadline(earlierDeadline(undefined, leg.holdPending), leg.mutePending), leg.removePending), leg.addPending)
}

/**
 * The clock sweep's part for the controls: every command still pending past its deadline at `now`
 * is rolled back and recorded as unconfirmed, as its thunk would have done.
 */
export function expirePendingCommands(writer: StateWriter, conference: ConferenceRecord, now: number): void {
  for (const leg of conference.participants) {
    for (const { command, pending } of commandsPendingOn(leg)) {
      if (pending.expiresAt === undefined || pending.expiresAt > now) continue
      reduceControlConfirmationTimedOut(writer, {
        payload: {
          conferenceSid: conference.conferenceSid,
          callSid: leg.callSid,
          command,
          requestId: pending.requestId,
          timeoutMs: pending.expiresAt - pending.requestedAt,
        },
        meta: { receivedAt: now },
      })
    }
  }
}

/** Checks the payload of `controlConfirmationTimedOut`. */
export function controlTimedOutProblem(payload: unknown): PayloadProblem | undefined {
  if (!isPlainObject(payload)) return { field: 'payload', reason: `must be an object, got ${describeType(payload)}` }
  for (const field of ['conferenceSid', 'callSid'] as const) {
    const reason = keyProblem(payload[field])
    if (reason !== undefined) return { field, reason: payload[field] === undefined ? 'is required' : reason }
  }
  if (!isRequestId(payload.requestId)) {
    return { field: 'requestId', reason: `must be a string of 1 to ${MAX_REQUEST_ID_LENGTH} characters` }
  }
  if (typeof payload.command !== 'string' || !Object.hasOwn(COMMAND_TYPE_PREFIX, payload.command)) {
    return { field: 'command', reason: `must be one of ${Object.keys(COMMAND_TYPE_PREFIX).join(', ')}` }
  }
  const timeoutMs = payload.timeoutMs
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
    return { field: 'timeoutMs', reason: 'must be a number of milliseconds' }
  }
  return undefined
}

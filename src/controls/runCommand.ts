/**
 * The life of one command, from the thunk's side (docs/architecture.md, "Controls"): check the arguments, send
 * through the transport under a deadline, fold what the platform replied into the store, and when
 * the deadline passes with the command still pending, say so with `controlConfirmationTimedOut`.
 *
 * One deadline, counted from the click, bounds everything: a transport that does not answer by
 * then is aborted (and raced, so a transport that ignores its signal cannot hold the thunk), and a
 * command it accepted must be confirmed by then. Whatever happens, no pending flag outlives it.
 *
 * @module
 */
import { eventsReceived, controlConfirmationTimedOut, type ReceivedMeta } from '../events'
import { isSafeKey } from '../validation/keys'
import type { ConferencesState, ControlCommand, ControlErrorKind } from '../model'
import { findParticipant, lookupConference } from '../table'
import { argsProblem, describeCommand, pendingOf } from '../commands'
import { clockOf } from '../selectors/conferenceExport'
import type { AddResult, ConferenceTransport, TransportContext, TransportReply, TransportResult } from './transport'

/** What the thunks resolve with: the leg the command acted on (for an add, the new leg). */
export interface ControlResult {
  conferenceSid: string
  callSid: string
}

/** Why a command was rejected: the thunk's `rejectWithValue` payload, plain data. */
export interface ControlFailure {
  kind: ControlErrorKind
  /** Names the command, the leg and the cause. */
  message: string
  /** The HTTP status, when the transport got one. */
  status?: number
}

/** Where a command's settings come from: the thunk `extra` argument or `createConferenceControls`. */
export interface ControlSettings {
  transport: ConferenceTransport
  timeoutMs: number
  addTimeoutMs: number
  /** Finds the slice in the root state, to skip the time-out action of a command already settled. */
  selectSlice: (state: never) => ConferencesState | undefined
}

/**
 * A command's deadline, from the click: its own `timeoutMs`, else the controls' `addTimeoutMs` for
 * an add and `timeoutMs` for the rest. The thunk waits this long, and the reducer keeps the
 * pending intent as long (the controls put it in the `pending` action's `meta`).
 */
export function deadlineOf(command: ControlCommand, args: unknown, settings: ControlSettings): number {
  const own = (args as { timeoutMs?: unknown } | null | undefined)?.timeoutMs
  if (typeof own === 'number') return own
  return command === 'add' ? settings.addTimeoutMs : settings.timeoutMs
}

/** The part of RTK's thunk API a command uses. */
export interface CommandApi {
  dispatch: (action: { type: string }) => unknown
  getState: () => unknown
  requestId: string
  signal: AbortSignal
  rejectWithValue: (value: ControlFailure, meta: ReceivedMeta) => unknown
  fulfillWithValue: (value: ControlResult, meta: ReceivedMeta) => unknown
}

/** Sends one command through a transport. */
export type SendCommand = (
  transport: ConferenceTransport,
  args: never,
  signal: AbortSignal,
  context: TransportContext,
) => TransportReply | Promise<AddResult>

/** The deadline passed before the transport answered. */
class NoReply extends Error {
  override name = 'NoReply'
}

const messageOf = (error: unknown): string => {
  if (error instanceof Error) return error.message
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message
  }
  return String(error)
}

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** The leg the command acted on, from its arguments and, for an add, the transport's reply. */
function targetOf(command: ControlCommand, args: Record<string, unknown>, result: unknown): ControlResult {
  const conferenceSid = args.conferenceSid as string
  if (command !== 'add') return { conferenceSid, callSid: args.callSid as string }
  const reply = (result ?? {}) as Partial<AddResult>
  if (!isSafeKey(reply.callSid)) {
    throw new Error(`the transport's add resolved without a usable \`callSid\` (got ${JSON.stringify(reply.callSid)?.slice(0, 60) ?? 'undefined'})`)
  }
  if (reply.conferenceSid !== undefined && !isSafeKey(reply.conferenceSid)) {
    throw new Error(`the transport's add resolved with an unusable \`conferenceSid\` (${JSON.stringify(reply.conferenceSid)?.slice(0, 60)})`)
  }
  return { conferenceSid: reply.conferenceSid ?? conferenceSid, callSid: reply.callSid }
}

/** Whether command `requestId` still waits on its leg; `true` when the slice cannot be found (the reducer decides). */
function isStillPending(settings: ControlSettings, state: unknown, command: ControlCommand, target: ControlResult, requestId: string): boolean {
  let slice: ConferencesState | undefined
  try {
    slice = settings.selectSlice(state as never)
  } catch {
    return true
  }
  if (typeof slice !== 'object' || slice === null || !Array.isArray(slice.table)) return true
  const leg = findParticipant(lookupConference(slice.table, target.conferenceSid), target.callSid)
  return leg !== undefined && pendingOf(leg, command)?.requestId === requestId
}

/**
 * What the transport is told: the conference's clock as it stands before the command is sent, so a
 * snapshot built from the reply is ordered by it (docs/architecture.md, "Snapshots"). Nothing when
 * the slice cannot be found: the reducer then orders the snapshot by its `requestedAt`.
 */
function contextOf(settings: ControlSettings, state: unknown, conferenceSid: string): TransportContext {
  try {
    const slice = settings.selectSlice(state as never)
    if (typeof slice !== 'object' || slice === null || !Array.isArray(slice.table)) return {}
    return { asOf: clockOf(slice, conferenceSid) }
  } catch {
    return {}
  }
}

/**
 * Runs one command: the payload creator of every control thunk.
 *
 * @param settings - The transport and deadlines, or why there are none (recorded as `invalid`).
 */
export async function runCommand(
  command: ControlCommand,
  args: unknown,
  api: CommandApi,
  settings: ControlSettings | string,
  send: SendCommand,
): Promise<unknown> {
  const fields = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>
  const named = command === 'add' ? fields.to : fields.callSid
  const fail = (kind: ControlErrorKind, detail: string, status?: number) =>
    api.rejectWithValue(
      {
        kind,
        message: `${describeCommand(command, typeof named === 'string' ? named : undefined)} failed: ${detail}`,
        ...(status === undefined ? {} : { status }),
      },
      { receivedAt: Date.now() },
    )

  if (typeof settings === 'string') return fail('invalid', settings)
  const problem = argsProblem(command, args)
  if (problem !== undefined) return fail('invalid', problem)

  const timeoutMs = deadlineOf(command, fields, settings)
  const controller = new AbortController()
  const abortWithThunk = () => controller.abort(api.signal.reason)
  api.signal.addEventListener('abort', abortWithThunk, { once: true })
  let phase: 'sending' | 'sent' | 'failed' = 'sending'
  let target: ControlResult | undefined

  const deadline = setTimeout(() => {
    if (phase === 'sending') {
      controller.abort(new NoReply(`no reply within ${timeoutMs} ms`))
    } else if (phase === 'sent' && target !== undefined && isStillPending(settings, api.getState(), command, target, api.requestId)) {
      api.dispatch(controlConfirmationTimedOut({ ...target, command, requestId: api.requestId, timeoutMs }))
    }
  }, timeoutMs)
  // In Node, a pending deadline must not keep the process alive; browsers have no `unref`.
  ;(deadline as { unref?: () => void }).unref?.()

  try {
    const sending: Promise<unknown> = Promise.resolve().then(() => {
      // Read just before the request leaves: a snapshot of the reply then never undoes a later event.
      const context = contextOf(settings, api.getState(), fields.conferenceSid as string)
      return send(settings.transport, args as never, controller.signal, context) as Promise<unknown>
    })
    const result = await untilAborted(sending, controller.signal)
    target = targetOf(command, fields, result)
    phase = 'sent'
    const replies = (result as TransportResult | undefined)?.events ?? []
    if (replies.length === 1) api.dispatch(replies[0] as { type: string })
    else if (replies.length > 1) api.dispatch(eventsReceived(replies))
    return api.fulfillWithValue(target, { receivedAt: Date.now() })
  } catch (error) {
    phase = 'failed'
    clearTimeout(deadline)
    if (api.signal.aborted) return fail('aborted', `aborted by the app (${messageOf(api.signal.reason)})`)
    if (controller.signal.reason instanceof NoReply) return fail('no-reply', `${controller.signal.reason.message}; the request was aborted`)
    return fail('transport', messageOf(error), statusOf(error))
  } finally {
    api.signal.removeEventListener('abort', abortWithThunk)
  }
}

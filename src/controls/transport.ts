/**
 * `ConferenceTransport`: the one small interface the control thunks send commands through.
 *
 * A transport carries a command to the platform and reports whether the platform accepted it. It
 * does not wait for the command to take effect: the platform's own event (a Twilio status
 * callback, a snapshot) confirms it in the store. Write one for any backend: four methods, each
 * returning a Promise and honouring an `AbortSignal`.
 *
 * @module
 */
import type { ConferenceEvent } from '../events'

/** A command on one leg. */
export interface ParticipantCommand {
  conferenceSid: string
  callSid: string
}

/** Hold (`hold: true`) or resume (`hold: false`) a leg. */
export interface HoldCommand extends ParticipantCommand {
  hold: boolean
}

/** Mute (`muted: true`) or unmute (`muted: false`) a leg. */
export interface MuteCommand extends ParticipantCommand {
  muted: boolean
}

/** Take a leg out of the conference (hang it up). */
export type RemoveCommand = ParticipantCommand

/** Dial someone into the conference. */
export interface AddCommand {
  conferenceSid: string
  /** Who to dial: a phone number, a SIP address, a client identity. */
  to: string
  /** The caller ID to use; the transport's default when absent. */
  from?: string
  /** Twilio `ParticipantLabel` for the new leg. */
  label?: string
}

/**
 * What the thunk knew when it sent the command: what a transport needs to fold a reply in as a
 * snapshot ordered by `asOf` (docs/architecture.md, "Snapshots").
 */
export interface TransportContext {
  /**
   * The command's conference clock (`selectConferenceClock`), read just before the command was
   * sent; absent when the thunk cannot find the slice. Pass it as `asOf` to a snapshot of that
   * conference built from the reply, never to a snapshot of another conference.
   */
  asOf?: number
}

/** What the platform answered, beyond "accepted". */
export interface TransportResult {
  /**
   * What the reply says about the conference, as events to fold into the store (e.g. the
   * snapshot an Evo Voice `SessionInfo` reply makes). The thunk dispatches them before it settles.
   */
  events?: ConferenceEvent[]
}

/** What the platform answered to an add: the new leg's call SID, at least. */
export interface AddResult extends TransportResult {
  /** The new leg's call SID (`CA…`): it replaces the placeholder. */
  callSid: string
  /** The conference the leg joins, when the platform moved the call into a new one (Evo Voice). */
  conferenceSid?: string
}

/**
 * Carries control commands to a platform. Each method resolves when the platform **accepted** the
 * command and rejects (preferably with a {@link ConferenceTransportError}) when it did not. Each
 * must stop and reject when `signal` aborts: the thunks abort at their deadline. The thunks also
 * pass a {@link TransportContext} (the conference's clock when the command left), which a
 * transport that turns replies into snapshots gives them as `asOf`; others ignore it.
 *
 * @example
 * ```ts
 * const transport: ConferenceTransport = {
 *   hold: ({ conferenceSid, callSid, hold }, signal) => myApi.updateParticipant(conferenceSid, callSid, { hold }, { signal }),
 *   mute: ({ conferenceSid, callSid, muted }, signal) => myApi.updateParticipant(conferenceSid, callSid, { muted }, { signal }),
 *   remove: ({ conferenceSid, callSid }, signal) => myApi.kick(conferenceSid, callSid, { signal }),
 *   add: async ({ conferenceSid, to, from }, signal) => ({ callSid: (await myApi.dial(conferenceSid, to, from, { signal })).sid }),
 * }
 * ```
 */
export interface ConferenceTransport {
  hold(command: HoldCommand, signal: AbortSignal, context?: TransportContext): TransportReply
  mute(command: MuteCommand, signal: AbortSignal, context?: TransportContext): TransportReply
  remove(command: RemoveCommand, signal: AbortSignal, context?: TransportContext): TransportReply
  add(command: AddCommand, signal: AbortSignal, context?: TransportContext): Promise<AddResult>
}

/**
 * What `hold`, `mute` and `remove` return: a Promise of nothing to add, or of what the reply said.
 * One Promise type, so `async () => {}`, `fetch(…).then(() => undefined)` and
 * `Promise.reject(new ConferenceTransportError(…))` all fit.
 */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- an `async` method that returns nothing is Promise<void>
export type TransportReply = Promise<TransportResult | undefined | void>

/** Options of {@link ConferenceTransportError}. */
export interface ConferenceTransportErrorOptions {
  /** The HTTP status the platform answered with. */
  status?: number
  /** The start of the reply body, for the log. */
  body?: string
  cause?: unknown
}

/**
 * A transport failure with what is known about it. The thunks record its `message` and `status`
 * in the control error log (state holds no `Error` objects).
 *
 * @example
 * ```ts
 * if (!response.ok) throw new ConferenceTransportError(`kick answered ${response.status}`, { status: response.status })
 * ```
 */
export class ConferenceTransportError extends Error {
  override name = 'ConferenceTransportError'
  /** The HTTP status, when there was an answer. */
  readonly status?: number
  /** The start of the reply body. */
  readonly body?: string

  constructor(message: string, options: ConferenceTransportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    if (options.status !== undefined) this.status = options.status
    if (options.body !== undefined) this.body = options.body
  }
}

/**
 * `fromEvoVoiceSession`: an Evo Voice `SessionInfo` (the reply of `GetSession` and of every
 * session command: `AddConferenceMember`, `HoldSession`, `PatchSession`, …) → a
 * `conferenceSnapshotReceived` action.
 *
 * Evo Voice has no push channel: poll `GET /sessions/{id}`, or fold the `SessionInfo` each command
 * returns. Its replies may be labelled `Content-Type: text/csv` while carrying JSON, so the body is
 * accepted as parsed JSON or as the raw JSON string. Never throws: anything it cannot read becomes
 * `eventRejected` naming the field.
 *
 * @module
 */
import * as v from 'valibot'
import * as events from '../events'
import type { ParticipantIdentity, ParticipantType } from '../model'
import { MAX_TEXT_LENGTH } from '../registers'
import { MAX_SNAPSHOT_PARTICIPANTS, snapshotProblem } from '../validation/snapshotPayload'
import { explainIssue, runAdapter, textOfThrown } from './rejection'
import { asOfOf, type AsOfOption } from './snapshotOutcome'
import { boundedText, twilioSid } from './wireSchemas'

/**
 * The `source` of snapshots and rejections from this adapter.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === EVO_VOICE_SESSION)
 * ```
 */
export const EVO_VOICE_SESSION = 'evo-voice-session'

/** Largest JSON string body accepted. */
export const MAX_SESSION_BODY = 1_048_576

/** Evo Voice `SessionMemberCallState`. */
export type EvoVoiceMemberCallState = 'None' | 'Ringing' | 'Connected' | 'Hold'
/** Evo Voice `SessionMemberRoles`. */
export type EvoVoiceMemberRole = 'None' | 'Caller' | 'Agent' | 'Transfer'
/** Evo Voice `SessionCallState`. */
export type EvoVoiceSessionCallState = 'Disconnected' | 'Ringing' | 'Connected' | 'Hold' | 'Passive'

/** One `SessionMemberInfo`, as read (only the fields this adapter uses). */
export interface EvoVoiceSessionMember {
  callSid: string
  callState: EvoVoiceMemberCallState
  role?: EvoVoiceMemberRole
  identity?: string
  endpointId?: string
  displayName?: string
  muted?: boolean
}

/** A `SessionInfo` as Evo Voice sends it (every field optional; others are ignored). */
export interface EvoVoiceSessionInfo {
  id?: string
  callState?: EvoVoiceSessionCallState
  ended?: boolean
  callSid?: string | null
  conferenceSid?: string | null
  members?: ReadonlyArray<Partial<EvoVoiceSessionMember> & Readonly<Record<string, unknown>>> | null
  readonly [other: string]: unknown
}

/** The session as parsed JSON, or the raw JSON body (whatever its `Content-Type` said). */
export type EvoVoiceSessionInput = string | EvoVoiceSessionInfo

/** Options of {@link fromEvoVoiceSession}. */
export interface EvoVoiceSessionOptions extends AsOfOption {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** The signed-in user's Evo Voice `identity`: the member with it is "me". */
  myIdentity?: string
  /** The signed-in user's Evo Voice `endpointId`: the member with it is "me". */
  myEndpointId?: string
  /**
   * The worker SID the app dispatches with `currentWorkerIdentified`. `isMyself` is decided by
   * worker SID, so the member matched by `myIdentity` / `myEndpointId` is given this `workerSid`;
   * without it, no member is marked as me.
   */
  currentWorkerSid?: string
  /** A worker SID for any member (e.g. from a directory); "me" matching takes precedence. */
  workerSidFor?: (member: EvoVoiceSessionMember) => string | undefined
}

const ROLE_TYPES = {
  Agent: 'worker',
  Caller: 'customer',
  Transfer: 'transfer',
  None: 'unknown',
} as const satisfies Record<EvoVoiceMemberRole, ParticipantType>
const ROLES = /* @__PURE__ */ (() => Object.keys(ROLE_TYPES) as EvoVoiceMemberRole[])()

const MEMBER_STATUS = {
  Connected: 'joined',
  Ringing: 'connecting',
  Hold: 'joined',
  None: 'left',
} as const satisfies Record<EvoVoiceMemberCallState, events.SnapshotParticipant['status']>
const MEMBER_STATES = /* @__PURE__ */ (() => Object.keys(MEMBER_STATUS) as EvoVoiceMemberCallState[])()
const SESSION_STATES: EvoVoiceSessionCallState[] = ['Disconnected', 'Ringing', 'Connected', 'Hold', 'Passive']

const text = /* @__PURE__ */ (() => v.nullish(boundedText(MAX_TEXT_LENGTH)))()

const memberSchema = /* @__PURE__ */ (() => v.object(
  {
    callSid: v.nullish(twilioSid('CA')),
    callState: v.picklist(MEMBER_STATES, `must be one of ${MEMBER_STATES.join(', ')}`),
    role: v.nullish(v.picklist(ROLES, `must be one of ${ROLES.join(', ')}`)),
    identity: text,
    endpointId: text,
    displayName: text,
    muted: v.nullish(v.boolean('must be a boolean')),
  },
  'must be an object',
))()

const sessionSchema = /* @__PURE__ */ (() => v.object(
  {
    id: text,
    callState: v.nullish(v.picklist(SESSION_STATES, `must be one of ${SESSION_STATES.join(', ')}`)),
    ended: v.nullish(v.boolean('must be a boolean')),
    // An empty string is how some serializers say "not a conference yet".
    callSid: v.nullish(v.union([v.literal(''), twilioSid('CA')], 'must be a Twilio SID (CA followed by 32 hex digits)')),
    conferenceSid: v.nullish(
      v.union([v.literal(''), twilioSid('CF')], 'must be a Twilio SID (CF followed by 32 hex digits)'),
    ),
    members: v.nullish(
      v.pipe(
        v.array(memberSchema, 'must be an array'),
        v.maxLength(MAX_SNAPSHOT_PARTICIPANTS, `must list at most ${MAX_SNAPSHOT_PARTICIPANTS} members`),
      ),
    ),
  },
  'must be an object',
))()
type Session = v.InferOutput<typeof sessionSchema>
type Member = v.InferOutput<typeof memberSchema>

type Built = { action: events.ConferenceEvent } | { reason: string; field: string }

function readMember(member: Member): EvoVoiceSessionMember | undefined {
  if (typeof member.callSid !== 'string') return undefined
  const read: EvoVoiceSessionMember = { callSid: member.callSid, callState: member.callState }
  if (member.role != null) read.role = member.role
  if (member.identity != null) read.identity = member.identity
  if (member.endpointId != null) read.endpointId = member.endpointId
  if (member.displayName != null) read.displayName = member.displayName
  if (member.muted != null) read.muted = member.muted
  return read
}

function isMe(member: EvoVoiceSessionMember, options: EvoVoiceSessionOptions): boolean {
  return (
    (options.myIdentity !== undefined && member.identity === options.myIdentity) ||
    (options.myEndpointId !== undefined && member.endpointId === options.myEndpointId)
  )
}

function build(session: Session, requestedAt: number, asOf: number | undefined, options: EvoVoiceSessionOptions): Built {
  const conferenceSid = session.conferenceSid || session.callSid
  if (!conferenceSid) {
    return { reason: '`conferenceSid` is required (or `callSid`, for a call that is not yet a conference)', field: 'conferenceSid' }
  }
  const participants: events.SnapshotParticipant[] = []
  for (const [index, raw] of (session.members ?? []).entries()) {
    const path = `members[${index}]`
    const member = readMember(raw)
    if (member === undefined) return { reason: `\`${path}.callSid\` is required`, field: `${path}.callSid` }
    const identity: ParticipantIdentity = { participantType: ROLE_TYPES[member.role ?? 'None'] }
    if (member.displayName !== undefined) identity.displayName = member.displayName
    if (member.identity !== undefined) identity.identity = member.identity
    if (member.endpointId !== undefined) identity.endpointId = member.endpointId
    let workerSid = isMe(member, options) ? options.currentWorkerSid : undefined
    if (workerSid === undefined && options.workerSidFor !== undefined) {
      try {
        workerSid = options.workerSidFor({ ...member })
      } catch (error) {
        return { reason: `\`${path}\` workerSidFor threw: ${textOfThrown(error).slice(0, 100)}`, field: path }
      }
    }
    if (workerSid !== undefined) identity.workerSid = workerSid
    const flags = { onHold: member.callState === 'Hold', ...(member.muted === undefined ? {} : { muted: member.muted }) }
    participants.push({ callSid: member.callSid, status: MEMBER_STATUS[member.callState], flags, identity })
  }
  const closed = session.ended === true || session.callState === 'Disconnected'
  const action = events.conferenceSnapshotReceived(
    {
      conferenceSid,
      requestedAt,
      ...(asOf === undefined ? {} : { asOf }),
      source: EVO_VOICE_SESSION,
      status: closed ? 'closed' : 'active',
      participants,
    },
    options.receivedAt,
  )
  return { action }
}

function summarize(session: unknown): string {
  if (typeof session === 'string') return session.slice(0, 120)
  if (typeof session !== 'object' || session === null) return `(${session === null ? 'null' : typeof session})`
  try {
    const fields = session as Record<string, unknown>
    return ['id', 'conferenceSid', 'callSid']
      .map((name) => [name, fields[name]] as const)
      .filter(([, value]) => typeof value === 'string')
      .map(([name, value]) => `${name}=${String(value).slice(0, 40)}`)
      .join(' ')
  } catch {
    return '(unreadable session)'
  }
}

/**
 * Turns an Evo Voice `SessionInfo` into a snapshot of its conference.
 *
 * - Key: `conferenceSid`; a two-party call that is not yet a conference is keyed by the
 *   session's `callSid` instead.
 * - Members: `role` Agent → worker, Caller → customer, Transfer → transfer, None → unknown;
 *   `callState` Connected → joined, Ringing → connecting, Hold → joined and on hold,
 *   None → left. `muted`, `displayName`, `identity` and `endpointId` are kept. A member without
 *   a `callSid` rejects the whole session (naming `members[i].callSid`).
 * - Conference: `closed` when `ended` is true or `callState` is `Disconnected`, else `active`.
 * - Me: `isMyself` is worker-SID based; the member matching `myIdentity` or `myEndpointId` gets
 *   `workerSid: currentWorkerSid`, so dispatch `currentWorkerIdentified` with the same SID.
 *
 * @param session - The `SessionInfo`: parsed JSON, or the raw JSON string body.
 * @param requestedAt - When the session was requested (epoch ms): events that arrive after it are not undone.
 * @param options - `asOf` (the conference's clock read before the request), arrival time, who "me" is, and worker SIDs for members.
 * @returns `conferenceSnapshotReceived` (source `evo-voice-session`), or `eventRejected` naming the field.
 * @example
 * ```ts
 * // Read the clock before sending the request: the session then never undoes a later event.
 * const asOf = selectConferenceClock(store.getState(), conferenceSid)
 * const requestedAt = Date.now()
 * const body = await fetch(`https://evovoice.io/sessions/${sessionId}`, { credentials: 'include' }).then((r) => r.text())
 * store.dispatch(fromEvoVoiceSession(body, requestedAt, { asOf, myIdentity: me.identity, currentWorkerSid: me.workerSid }))
 * ```
 */
export function fromEvoVoiceSession(
  session: EvoVoiceSessionInput,
  requestedAt: number,
  options: EvoVoiceSessionOptions = {},
): events.ConferenceEvent {
  let input: unknown = session
  return runAdapter(EVO_VOICE_SESSION, options, () => summarize(input), (copied) => {
    if (typeof requestedAt !== 'number' || !Number.isFinite(requestedAt)) {
      return { reason: '`requestedAt` must be epoch milliseconds', field: 'requestedAt' }
    }
    const clock = asOfOf(copied)
    if ('reason' in clock) return clock
    if (typeof input === 'string') {
      if (input.length > MAX_SESSION_BODY) return { reason: `body is larger than ${MAX_SESSION_BODY} characters` }
      try {
        input = JSON.parse(input) as unknown
      } catch (error) {
        return { reason: `body is not valid JSON: ${textOfThrown(error)}`.slice(0, 200) }
      }
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { reason: 'session must be a SessionInfo object or its JSON text' }
    }
    const parsed = v.safeParse(sessionSchema, input)
    if (!parsed.success) return explainIssue(parsed.issues[0])
    const built = build(parsed.output, requestedAt, clock.asOf, copied)
    if ('reason' in built) return built
    const problem = snapshotProblem(built.action.payload)
    if (problem === undefined) return built
    const field = problem.field.replace(/^participants\[/, 'members[')
    return { reason: `\`${field}\` ${problem.reason}`, field }
  })
}

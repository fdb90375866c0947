/**
 * `createEvoVoiceTransport`: control commands as Evo Voice session services.
 *
 * | command | request | source |
 * |---|---|---|
 * | add | `POST /sessions/{sessionId}/conference/members` `{sessionId, callSid, destination, fromNumber}` → `SessionInfo` | `AddConferenceMember` (documented) |
 * | hold / unhold, mute / unmute | `PATCH /sessions/{sessionId}/conference/members/{callSid}` `{hold}` / `{muted}` | the vendor's CLI only: **undocumented**, see `memberRoute` |
 * | hold, with `holdWith: 'session'` | `POST /sessions/{sessionId}/hold` `{callSid, reason}` → `SessionInfo` | `HoldSession` (documented) |
 * | unhold, with `holdWith: 'session'` | `PATCH /sessions/{sessionId}` `{callState: "Connected", holdReason: "None"}` → `SessionInfo` | `PatchSession` (documented route; that it resumes the call is our assumption) |
 * | remove | `DELETE /sessions/{sessionId}?callSid={callSid}` | `EndSession` (documented) |
 *
 * Every `SessionInfo` a reply carries (its `Content-Type` may say `text/csv`: the body is read as
 * JSON regardless) is folded into the store as a snapshot through `fromEvoVoiceSession`, requested
 * at the time the request was sent and, when it is of the command's conference, `asOf` the
 * conference's clock the thunk read before sending (docs/architecture.md, "Snapshots").
 *
 * @module
 */
import {
  fromEvoVoiceSession,
  type EvoVoiceSessionInfo,
  type EvoVoiceSessionOptions,
} from '../adapters/evoVoiceSession'
import { isSafeKey } from '../validation/keys'
import { describeRequest, fetchJson, urlOf, type HeadersSource, type ReplyBody } from './fetchJson'
import {
  ConferenceTransportError,
  type AddResult,
  type ConferenceTransport,
  type TransportContext,
  type TransportResult,
} from './transport'

/** The ids a member route is built from. */
export interface EvoVoiceMemberIds {
  sessionId: string
  /** The member's call SID. */
  callSid: string
}

/** A member hold or mute, as the control thunks ask for it. */
export type EvoVoiceMemberChange = { hold: boolean } | { muted: boolean }

/**
 * The route that holds and mutes one conference member. Evo Voice does not document it: the
 * default (`PATCH /sessions/{sessionId}/conference/members/{callSid}` with `{"hold":true}` or
 * `{"muted":true}`) is how the vendor's command-line client appears to call it. Override any part.
 */
export interface EvoVoiceMemberRoute {
  /** Default `PATCH`. */
  method?: string
  /** The path under `baseUrl`. Default `/sessions/{sessionId}/conference/members/{callSid}`, each id encoded. */
  path?: (ids: EvoVoiceMemberIds) => string
  /** The JSON body. Default: the change itself, `{ hold }` or `{ muted }`. */
  body?: (change: EvoVoiceMemberChange, ids: EvoVoiceMemberIds) => unknown
}

/** Options of {@link createEvoVoiceTransport}. */
export interface EvoVoiceTransportOptions {
  /** The API root, e.g. `https://evovoice.io`. */
  baseUrl: string
  /** The `fetch` to use. Default: `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Headers for every request, or a function returning them. */
  headers?: HeadersSource
  /** `fetch`'s `credentials`. Default `include`: Evo Voice authenticates with session cookies. */
  credentials?: RequestCredentials
  /** The session the agent is working (`SessionInfo.id`). */
  sessionId: string
  /** The agent's own call, on their voice device (`AddConferenceMember.callSid`). */
  callSid: string
  /** Caller ID for adds whose command gives no `from`. */
  fromNumber?: string
  /**
   * How hold and unhold are sent. `member` (default): the member route, for any member of a
   * conference. `session`: `HoldSession` / `PatchSession`, which hold the whole session (its other
   * party hears music): for a two-party call, target the caller's leg.
   */
  holdWith?: 'member' | 'session'
  /** `HoldSession.reason` with `holdWith: 'session'`. Default `None`. */
  holdReason?: 'None' | 'Transferring'
  /** Overrides of the undocumented member route. */
  memberRoute?: EvoVoiceMemberRoute
  /**
   * How replies are read into snapshots: who "me" is, worker SIDs for members. (`asOf` comes from
   * the thunk that sends the command.)
   */
  sessionOptions?: Omit<EvoVoiceSessionOptions, 'receivedAt' | 'asOf'>
  /** Called with every `SessionInfo` a reply carries, before it is folded into the store. */
  onSession?: (session: EvoVoiceSessionInfo) => void
}

const CALL_SID = /^CA[0-9a-fA-F]{32}$/

const isSession = (value: unknown): value is EvoVoiceSessionInfo =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The conference a `SessionInfo` is a snapshot of, keyed as `fromEvoVoiceSession` keys it. */
const keyOf = (session: EvoVoiceSessionInfo): unknown => (typeof session.conferenceSid === 'string' && session.conferenceSid) || session.callSid

/**
 * The clock a reply's snapshot is ordered by: the one read before the request, when the reply is
 * of the command's conference. A reply keyed otherwise (a call that just became a conference) gets
 * none, and the reducer orders it by `requestedAt`.
 */
function asOfFor(session: unknown, sent: SentFor): number | undefined {
  return sent.asOf !== undefined && isSession(session) && keyOf(session) === sent.conferenceSid ? sent.asOf : undefined
}

/** The command's conference, and its clock as the thunk read it before sending. */
interface SentFor {
  conferenceSid: string
  asOf: number | undefined
}

const sentFor = (conferenceSid: string, context: TransportContext | undefined): SentFor => ({ conferenceSid, asOf: context?.asOf })

/**
 * Creates a transport that sends control commands to Evo Voice's session services (routes above).
 *
 * @param options - Where the API is, which session and device call, and the assumptions to adjust.
 * @returns A {@link ConferenceTransport}.
 * @remarks The member route is undocumented by the vendor and may change: override it with
 * `memberRoute`. Evo Voice has no push channel, so the `SessionInfo` replies (and your polling of
 * `GET /sessions/{id}`) are what confirm commands.
 * @example
 * ```ts
 * const transport = createEvoVoiceTransport({
 *   baseUrl: 'https://evovoice.io',
 *   sessionId: session.id,
 *   callSid: device.activeCallSid,
 *   fromNumber: '+15550100000',
 *   sessionOptions: { myIdentity: me.identity, currentWorkerSid: me.workerSid },
 * })
 * const { addParticipant } = createConferenceControls(transport)
 * store.dispatch(addParticipant({ conferenceSid: session.conferenceSid ?? session.callSid, to: '+15550100001' }))
 * ```
 */
export function createEvoVoiceTransport(options: EvoVoiceTransportOptions): ConferenceTransport {
  for (const name of ['baseUrl', 'sessionId', 'callSid'] as const) {
    if (typeof options?.[name] !== 'string' || options[name].length === 0) {
      throw new TypeError(`\`${name}\` is a required option for createEvoVoiceTransport`)
    }
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('createEvoVoiceTransport needs `fetch`: pass it as the `fetch` option where there is no global fetch')
  }
  const { baseUrl, sessionId, headers } = options
  const credentials = options.credentials ?? 'include'
  const route = options.memberRoute ?? {}

  /**
   * Sends one request; a `SessionInfo` reply becomes a snapshot requested when the request left,
   * `asOf` the clock read before it (see {@link asOfFor}).
   */
  async function call(method: string, url: string, body: unknown, signal: AbortSignal, reply: ReplyBody, sent: SentFor) {
    const requestedAt = Date.now()
    const session = await fetchJson({
      fetch: fetchImpl,
      method,
      url,
      body,
      signal,
      reply,
      credentials,
      ...(headers === undefined ? {} : { headers }),
    })
    if (session === undefined) return { result: {} as TransportResult, session: undefined }
    if (isSession(session) && options.onSession !== undefined) {
      try {
        options.onSession(session)
      } catch (error) {
        throw new ConferenceTransportError(`\`onSession\` threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
      }
    }
    // Whatever the reply holds goes through the adapter: an unreadable one is recorded as a rejection.
    const asOf = asOfFor(session, sent)
    const snapshot = fromEvoVoiceSession(session as EvoVoiceSessionInfo, requestedAt, {
      ...options.sessionOptions,
      ...(asOf === undefined ? {} : { asOf }),
    })
    return { result: { events: [snapshot] } as TransportResult, session: isSession(session) ? session : undefined }
  }

  const sessionUrl = (...rest: string[]) => urlOf(baseUrl, 'sessions', sessionId, ...rest)

  const member = async (callSid: string, change: EvoVoiceMemberChange, signal: AbortSignal, sent: SentFor) => {
    const ids = { sessionId, callSid }
    const path = route.path?.(ids) ?? `/sessions/${encodeURIComponent(sessionId)}/conference/members/${encodeURIComponent(callSid)}`
    const url = `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`
    const body = route.body === undefined ? change : route.body(change, ids)
    return (await call(route.method ?? 'PATCH', url, body, signal, 'optional-json', sent)).result
  }

  return {
    async hold({ conferenceSid, callSid, hold }, signal, context) {
      const sent = sentFor(conferenceSid, context)
      if (options.holdWith !== 'session') return member(callSid, { hold }, signal, sent)
      const reply = hold
        ? await call('POST', sessionUrl('hold'), { callSid: options.callSid, reason: options.holdReason ?? 'None' }, signal, 'optional-json', sent)
        : await call('PATCH', sessionUrl(), { callState: 'Connected', holdReason: 'None' }, signal, 'optional-json', sent)
      return reply.result
    },

    mute: ({ conferenceSid, callSid, muted }, signal, context) => member(callSid, { muted }, signal, sentFor(conferenceSid, context)),

    async remove({ conferenceSid, callSid }, signal, context) {
      const url = `${sessionUrl()}?callSid=${encodeURIComponent(callSid)}`
      return (await call('DELETE', url, undefined, signal, 'optional-json', sentFor(conferenceSid, context))).result
    },

    async add({ conferenceSid, to, from }, signal, context): Promise<AddResult> {
      const url = sessionUrl('conference', 'members')
      const fromNumber = from ?? options.fromNumber
      const body = { sessionId, callSid: options.callSid, destination: to, ...(fromNumber === undefined ? {} : { fromNumber }) }
      const { result, session } = await call('POST', url, body, signal, 'json', sentFor(conferenceSid, context))
      const described = describeRequest('POST', url)
      if (session === undefined) throw new ConferenceTransportError(`${described} answered with JSON that is not a SessionInfo object`)
      const callSid = session.mostRecentParticipantCallSid
      if (typeof callSid !== 'string' || !CALL_SID.test(callSid)) {
        throw new ConferenceTransportError(
          `${described} answered a SessionInfo without a valid \`mostRecentParticipantCallSid\`: cannot tell which member is new`,
        )
      }
      // The call may have just become a conference: the snapshot is keyed like fromEvoVoiceSession keys it.
      const key = keyOf(session)
      const moved = typeof key === 'string' && isSafeKey(key) && key !== conferenceSid
      return { ...result, callSid, ...(moved ? { conferenceSid: key } : {}) }
    },
  }
}

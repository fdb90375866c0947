/**
 * `createHttpTransport`: control commands as JSON requests to your own backend, on routes that
 * mirror Twilio's Conference Participant API. Your backend holds the Twilio credentials and calls
 * Twilio; the browser never does.
 *
 * | command | request | Twilio call your backend makes |
 * |---|---|---|
 * | hold / unhold | `POST {baseUrl}/conferences/{conferenceSid}/participants/{callSid}` `{"hold":true}` | update participant `Hold` |
 * | mute / unmute | `POST {baseUrl}/conferences/{conferenceSid}/participants/{callSid}` `{"muted":true}` | update participant `Muted` |
 * | remove | `DELETE {baseUrl}/conferences/{conferenceSid}/participants/{callSid}` | delete participant (kick) |
 * | add | `POST {baseUrl}/conferences/{conferenceSid}/participants` `{"to","from","label"}` → `{"callSid":"CA…"}` | create participant |
 *
 * Any 2xx answers "accepted"; the hold, mute and remove replies' bodies are ignored. See
 * `docs/controls.md` for examples of each request and reply.
 *
 * @module
 */
import { describeRequest, fetchJson, urlOf, type HeadersSource } from './fetchJson'
import { ConferenceTransportError, type AddResult, type ConferenceTransport } from './transport'

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** Where the routes live, e.g. `https://desk.example.com/api` or `/api`. */
  baseUrl: string
  /** The `fetch` to use. Default: `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Headers for every request (e.g. `Authorization`), or a function returning them. */
  headers?: HeadersSource
  /** `fetch`'s `credentials`, e.g. `include` for a cookie session on another origin. */
  credentials?: RequestCredentials
}

const CALL_SID = /^CA[0-9a-fA-F]{32}$/

/** Reads `{ "callSid": "CA…" }` (or Twilio's own `call_sid`, for a backend that relays Twilio's reply). */
function readCallSid(reply: unknown, described: string): string {
  const fields = typeof reply === 'object' && reply !== null ? (reply as Record<string, unknown>) : {}
  const callSid = fields.callSid ?? fields.call_sid
  if (typeof callSid !== 'string' || !CALL_SID.test(callSid)) {
    const got = callSid === undefined ? 'no `callSid`' : `\`callSid\` ${JSON.stringify(callSid)?.slice(0, 60)}`
    throw new ConferenceTransportError(`${described} answered with ${got}; expected {"callSid":"CA" + 32 hex digits}`)
  }
  return callSid
}

/**
 * Creates a transport that sends control commands to your backend (routes above).
 *
 * @param options - `baseUrl`, and optionally `fetch`, `headers` and `credentials`.
 * @returns A {@link ConferenceTransport}.
 * @example
 * ```ts
 * const conferenceTransport = createHttpTransport({
 *   baseUrl: '/api',
 *   headers: () => ({ Authorization: `Bearer ${session.token}` }),
 * })
 * const store = configureStore({
 *   reducer: { conferences: conferencesReducer },
 *   middleware: (getDefault) => getDefault({ thunk: { extraArgument: { conferenceTransport } } }),
 * })
 * store.dispatch(holdParticipant({ conferenceSid, callSid }))
 * ```
 */
export function createHttpTransport(options: HttpTransportOptions): ConferenceTransport {
  if (typeof options?.baseUrl !== 'string') {
    throw new TypeError('`baseUrl` is a required option for createHttpTransport, e.g. createHttpTransport({ baseUrl: "/api" })')
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('createHttpTransport needs `fetch`: pass it as the `fetch` option where there is no global fetch')
  }
  const { baseUrl, headers, credentials } = options
  const send = (method: string, url: string, body: unknown, signal: AbortSignal, reply: 'json' | 'ignored') =>
    fetchJson({
      fetch: fetchImpl,
      method,
      url,
      body,
      signal,
      reply,
      ...(headers === undefined ? {} : { headers }),
      ...(credentials === undefined ? {} : { credentials }),
    })
  const participantUrl = (conferenceSid: string, callSid: string) =>
    urlOf(baseUrl, 'conferences', conferenceSid, 'participants', callSid)

  return {
    async hold({ conferenceSid, callSid, hold }, signal) {
      await send('POST', participantUrl(conferenceSid, callSid), { hold }, signal, 'ignored')
    },
    async mute({ conferenceSid, callSid, muted }, signal) {
      await send('POST', participantUrl(conferenceSid, callSid), { muted }, signal, 'ignored')
    },
    async remove({ conferenceSid, callSid }, signal) {
      await send('DELETE', participantUrl(conferenceSid, callSid), undefined, signal, 'ignored')
    },
    async add({ conferenceSid, to, from, label }, signal): Promise<AddResult> {
      const url = urlOf(baseUrl, 'conferences', conferenceSid, 'participants')
      const body = { to, ...(from === undefined ? {} : { from }), ...(label === undefined ? {} : { label }) }
      const reply = await send('POST', url, body, signal, 'json')
      return { callSid: readCallSid(reply, describeRequest('POST', url)) }
    },
  }
}

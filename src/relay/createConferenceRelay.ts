/**
 * `createConferenceRelay`: Twilio's conference callbacks in, every viewer's live stream out.
 *
 * A `node:http` request handler (mount it in a plain server, express or fastify) that runs the
 * library's own reducer server-side over the bus's ordered log: the webhook verifies and appends,
 * the bus delivers each entry once to every instance, each instance applies it and fans it out to
 * the viewers allowed to see it. See `docs/relay.md` for the routes, the security model and
 * deployment.
 *
 * @module
 */
import { hostname } from 'node:os'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { conferencesPruned, type ConferenceEvent } from '../events'
import type { ConferencesState, RejectedEvent } from '../model'
import { conferencesReducer } from '../slice'
import type { BusEntry, ConferenceBus } from './bus'
import { CONTROL_PATH, handleControl } from './controlRoutes'
import { replyHealth } from './health'
import { replyEmpty, replyError } from './httpReplies'
import { createMemoryBus, DEFAULT_LOG_SIZE } from './memoryBus'
import { lazyTwilioClient, type TwilioConferenceClient } from './twilioParticipants'
import { SSE_EVENTS, sseFrame } from './sseFrames'
import { createViewerHub } from './viewerHub'
import { tokenOf, verifyViewerToken, viewerTokenKey, type Viewer } from './viewerToken'
import { handleWebhook, WEBHOOK_PATH } from './webhook'

/** Options of {@link createConferenceRelay}. */
export interface ConferenceRelayOptions {
  /** The Twilio auth token webhooks are signed with (`TWILIO_AUTH_TOKEN`). Required. */
  twilioAuthToken: string
  /** The HS256 secret of viewer tokens (`RELAY_TOKEN_SECRET`). Required. */
  tokenSecret: string
  /**
   * The base URL Twilio signs (`RELAY_PUBLIC_URL`), e.g. `https://relay.example.com`: the scheme
   * and host Twilio calls, in front of any proxy. Default: `http://` + the request's `Host`.
   */
  publicUrl?: string
  /** The shared log. Default: an in-process {@link createMemoryBus} of `logSize` entries. The relay closes it. */
  bus?: ConferenceBus
  /** Entries the in-process log keeps, and how many applied entry IDs each instance remembers for resumes. Default 10,000. */
  logSize?: number
  /** Interval of the SSE heartbeat comment (ms). Default 15,000. */
  heartbeatMs?: number
  /** Most live bytes (written after the viewer's catch-up) waiting in its socket before it is cut off. Default 1 MiB. */
  maxBufferedBytes?: number
  /** Most live entries held for one viewer while its catch-up (snapshot or replay) drains. Default 10,000. */
  maxQueuedEntries?: number
  /**
   * How long live events gather before one write per viewer (ms). Default 16 (a browser frame:
   * the feed dispatches once per frame anyway). 0 writes on the next turn of the event loop.
   */
  batchMs?: number
  /** Account SID for the control routes' REST calls (`TWILIO_ACCOUNT_SID`). */
  twilioAccountSid?: string
  /** Another origin for the control routes' REST calls (`TWILIO_API_URL`), e.g. a local Twilio simulator. */
  twilioApiUrl?: string
  /** A `twilio` client (or anything of its shape) for the control routes; wins over the two above. */
  twilioClient?: TwilioConferenceClient
  /** Caller ID for adds that name no `from`. */
  callerId?: string
  /** Origins allowed to call the relay from a browser (CORS), or `'*'`. Default: none (same origin only). */
  allowedOrigins?: readonly string[] | '*'
  /** This instance's name in `/healthz`. Default: host name and process ID. */
  instance?: string
  /** How often closed conferences are pruned from the server-side state (ms). Default 60,000. */
  pruneEveryMs?: number
  /** The clock (epoch ms). Default `Date.now`. */
  now?: () => number
  /** Called with each refused callback (it is also kept in the relay's rejection log). */
  onRejected?: (rejection: RejectedEvent) => void
}

/** A relay: a `node:http` handler with a lifecycle. */
export interface ConferenceRelay {
  /** Handles one request. Under express, unknown paths go to `next`; otherwise they are 404. */
  (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void): void
  /** Settles once the bus's log is loaded; requests wait for it. */
  readonly ready: Promise<void>
  /** The server-side conference state (what a supervisor's snapshot exports). */
  state(): ConferencesState
  /** Ends every stream, stops the timers and closes the bus. */
  close(): Promise<void>
}

const DEFAULTS = { heartbeatMs: 15_000, maxBufferedBytes: 1024 * 1024, maxQueuedEntries: 10_000, pruneEveryMs: 60_000, batchMs: 16 }

const initialState = () => conferencesReducer(undefined, { type: '@@conference-state/relay-init' })

function requireText(value: unknown, name: string, env: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`\`${name}\` is a required option for createConferenceRelay (the CLI reads it from ${env})`)
  }
  return value
}

/**
 * Creates the relay: the webhook, the viewers' event streams, health and controls, over one
 * server-side conference state.
 *
 * @param options - `twilioAuthToken` and `tokenSecret` (required), `publicUrl`, `bus`, limits,
 *   and what the control routes need (`twilioAccountSid`, `twilioApiUrl` or `twilioClient`).
 * @returns A request handler with `ready`, `state()` and `close()`.
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createConferenceRelay } from 'conference-state/relay'
 *
 * const relay = createConferenceRelay({
 *   twilioAuthToken: process.env.TWILIO_AUTH_TOKEN!,
 *   tokenSecret: process.env.RELAY_TOKEN_SECRET!,
 *   publicUrl: 'https://relay.example.com',
 *   twilioAccountSid: process.env.TWILIO_ACCOUNT_SID,
 * })
 * createServer(relay).listen(8787)
 * ```
 */
export function createConferenceRelay(options: ConferenceRelayOptions): ConferenceRelay {
  const twilioAuthToken = requireText(options?.twilioAuthToken, 'twilioAuthToken', 'TWILIO_AUTH_TOKEN')
  const tokenKey = viewerTokenKey(requireText(options.tokenSecret, 'tokenSecret', 'RELAY_TOKEN_SECRET'))
  const now = options.now ?? Date.now
  const remembered = options.logSize ?? DEFAULT_LOG_SIZE
  const bus = options.bus ?? createMemoryBus({ logSize: remembered })
  const instance = options.instance ?? `${hostname()}:${process.pid}`
  const allowedOrigins = options.allowedOrigins ?? []

  let state = initialState()
  let ordinal = 0
  let head: { id: string; ordinal: number } | undefined
  let lastEventAt: number | null = null
  const ordinals = new Map<string, number>()

  const hub = createViewerHub(
    {
      bus,
      state: () => state,
      head: () => head,
      ordinalOf: (id) => ordinals.get(id),
      remembered,
    },
    {
      maxBufferedBytes: options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes,
      maxQueuedEntries: options.maxQueuedEntries ?? DEFAULTS.maxQueuedEntries,
      batchMs: options.batchMs ?? DEFAULTS.batchMs,
      now,
    },
  )

  const apply = (entry: BusEntry) => {
    state = conferencesReducer(state, entry.action as ConferenceEvent)
    ordinal += 1
    head = { id: entry.id, ordinal }
    ordinals.set(entry.id, ordinal)
    if (ordinals.size > remembered) ordinals.delete(ordinals.keys().next().value as string)
    lastEventAt = now()
    hub.deliver(entry, ordinal)
  }

  // Streams stay open while the bus is down; each viewer is told (`status` event, docs/relay.md).
  const ready = bus.start(apply, (status) => hub.broadcast(sseFrame(SSE_EVENTS.status, { bus: status })))
  ready.catch(() => {})
  const heartbeat = setInterval(() => hub.heartbeat(), options.heartbeatMs ?? DEFAULTS.heartbeatMs)
  const pruning = setInterval(() => {
    state = conferencesReducer(state, conferencesPruned({ now: now() }))
  }, options.pruneEveryMs ?? DEFAULTS.pruneEveryMs)
  heartbeat.unref()
  pruning.unref()

  const twilio = lazyTwilioClient({
    authToken: twilioAuthToken,
    ...(options.twilioClient === undefined ? {} : { client: options.twilioClient }),
    ...(options.twilioAccountSid === undefined ? {} : { accountSid: options.twilioAccountSid }),
    ...(options.twilioApiUrl === undefined ? {} : { apiUrl: options.twilioApiUrl }),
  })

  const viewerOf = async (request: IncomingMessage, response: ServerResponse, query: URLSearchParams): Promise<Viewer | undefined> => {
    const viewer = await verifyViewerToken(tokenOf(request, query), tokenKey, now())
    if ('reason' in viewer) {
      replyError(response, 401, viewer.reason, undefined, { 'WWW-Authenticate': 'Bearer' })
      return undefined
    }
    return viewer
  }

  const allowCors = (request: IncomingMessage, response: ServerResponse) => {
    const origin = request.headers.origin
    if (origin === undefined || (allowedOrigins !== '*' && !allowedOrigins.includes(origin))) return
    response.setHeader('Access-Control-Allow-Origin', allowedOrigins === '*' ? '*' : origin)
    response.setHeader('Vary', 'Origin')
  }

  const handle = async (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void) => {
    const url = new URL(request.url ?? '/', 'http://relay.invalid')
    const path = url.pathname
    const method = request.method ?? 'GET'
    allowCors(request, response)
    if (method === 'OPTIONS' && response.hasHeader('Access-Control-Allow-Origin')) {
      response.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Last-Event-ID',
        'Access-Control-Max-Age': '600',
      })
      response.end()
      return
    }
    try {
      await ready
    } catch {
      replyError(response, 503, 'the relay could not load its event log')
      return
    }
    if (path === '/healthz' && method === 'GET') {
      replyHealth(response, { instance, connections: hub.size, lastEventAt, bus: { kind: bus.kind, status: bus.status() } })
      return
    }
    if (path === WEBHOOK_PATH) {
      if (method !== 'POST') return replyError(response, 405, 'use POST')
      await handleWebhook(request, response, {
        authToken: twilioAuthToken,
        publicUrl: options.publicUrl,
        bus,
        now,
        changes: (action) => conferencesReducer(state, action) !== state,
        reject: (rejection) => {
          state = conferencesReducer(state, rejection)
          options.onRejected?.({ ...rejection.payload, receivedAt: rejection.meta.receivedAt })
        },
      })
      return
    }
    if (path === '/events') {
      if (method !== 'GET') return replyError(response, 405, 'use GET')
      const viewer = await viewerOf(request, response, url.searchParams)
      if (viewer === undefined) return
      // The viewer may have hung up while its token was checked: its 'close' has come and gone.
      if (response.destroyed || request.socket.destroyed) return
      const header = request.headers['last-event-id']
      const lastEventId = (typeof header === 'string' && header.length > 0 ? header : undefined) ?? url.searchParams.get('lastEventId') ?? undefined
      // A viewer arriving while the bus is down is told right after its catch-up (the hub does).
      hub.connect(response, viewer, lastEventId)
      return
    }
    const control = CONTROL_PATH.exec(path)
    if (control !== null) {
      const viewer = await viewerOf(request, response, url.searchParams)
      if (viewer === undefined) return
      await handleControl(request, response, viewer, control, { state: () => state, twilio, callerId: options.callerId })
      return
    }
    if (next !== undefined) next()
    else replyError(response, 404, `no route ${method} ${path}`)
  }

  const relay = (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void) => {
    handle(request, response, next).catch(() => {
      if (!response.headersSent) replyEmpty(response, 500)
      else response.destroy()
    })
  }
  return Object.assign(relay, {
    ready,
    state: () => state,
    async close() {
      clearInterval(heartbeat)
      clearInterval(pruning)
      hub.closeAll()
      await bus.close()
    },
  })
}

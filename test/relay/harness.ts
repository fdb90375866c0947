/**
 * Real HTTP around a real relay for the relay tests: the relay on 127.0.0.1 (port 0), Twilio's
 * signatures made by the `twilio` package itself, viewer tokens signed with `jose`, and a small
 * SSE reader over `http.get` whose events a test awaits (never a wall-clock sleep).
 */
import { createServer, get, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { SignJWT } from 'jose'
import twilio from 'twilio'
import { createConferenceRelay, createMemoryBus, type ConferenceRelay, type ConferenceRelayOptions } from '../../src/relay'

export const AUTH_TOKEN = 'test-auth-token'
export const TOKEN_SECRET = 'a-long-enough-test-secret-for-hs256-tokens'
export const WEBHOOK = '/twilio/conference-events'

export interface RunningRelay {
  relay: ConferenceRelay
  baseUrl: string
  /** The URL Twilio would sign (the relay's public URL + the webhook path). */
  webhookUrl: string
  close(): Promise<void>
}

/** Starts a relay on an ephemeral port; without `publicUrl` it checks signatures over `http://` + Host. */
export async function startRelay(options: Partial<ConferenceRelayOptions> = {}): Promise<RunningRelay> {
  const sockets = new Set<Socket>()
  // IDs from 1, so tests can name them (the default counts from the start time).
  const bus = options.bus ?? createMemoryBus({ startAt: 0, ...(options.logSize === undefined ? {} : { logSize: options.logSize }) })
  const relay = createConferenceRelay({ twilioAuthToken: AUTH_TOKEN, tokenSecret: TOKEN_SECRET, ...options, bus })
  const server: Server = createServer(relay)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await relay.ready
  return {
    relay,
    baseUrl,
    webhookUrl: `${options.publicUrl ?? baseUrl}${WEBHOOK}`,
    async close() {
      await relay.close()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A viewer token as the app's login service would sign it. */
export async function viewerToken(sub: string, role: string, options: { expiresAt?: number; secret?: string; alg?: string } = {}): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject(sub)
    .setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 3600)
    .sign(new TextEncoder().encode(options.secret ?? TOKEN_SECRET))
}

export interface Reply {
  status: number
  body: string
  headers: IncomingMessage['headers']
}

/** One request; resolves with status, body and headers. */
export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }))
      response.on('error', reject)
    })
    // A relay may answer (413) and close before the whole body is sent.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)))
    request.end(init.body)
  })
}

/** POSTs a callback as Twilio does: form body, signed over `signedUrl` (default: the relay's webhook URL). */
export function postCallback(
  running: RunningRelay,
  params: Record<string, string>,
  options: { signature?: string | null; signedUrl?: string; body?: string; path?: string } = {},
): Promise<Reply> {
  const body = options.body ?? new URLSearchParams(params).toString()
  const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, options.signedUrl ?? running.webhookUrl, params) : options.signature
  return send(`${running.baseUrl}${options.path ?? WEBHOOK}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    body,
  })
}

export interface SseEvent {
  event: string
  id: string | undefined
  data: string
  json: unknown
}

/** A viewer's open stream: received events, awaitable. */
export interface SseStream {
  status: number
  events: SseEvent[]
  comments: string[]
  /** The last `id` received (what a browser sends as Last-Event-ID). */
  lastEventId: string | undefined
  /** Resolves when `count` events have arrived in all (rejects if the stream ends first). */
  received(count: number): Promise<SseEvent[]>
  /** Resolves when an event matching `predicate` has arrived. */
  waitFor(predicate: (event: SseEvent) => boolean): Promise<SseEvent>
  /** Resolves when `count` comments have arrived. */
  commented(count: number): Promise<void>
  /** Resolves when the relay has closed the stream. */
  ended: Promise<void>
  /** Stops reading from the socket (a slow client) without closing it. */
  pause(): void
  close(): void
}

/** Opens `GET /events` and parses the Server-Sent Events it sends. */
export function openStream(
  baseUrl: string,
  options: { token?: string; query?: string; lastEventId?: string; headers?: Record<string, string> } = {},
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers }
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId
    const request = get(`${baseUrl}/events${options.query ?? ''}`, { headers }, (response) => {
      const waiters: Array<() => boolean> = []
      let ended = false
      let endResolve: () => void = () => {}
      const stream: SseStream = {
        status: response.statusCode ?? 0,
        events: [],
        comments: [],
        lastEventId: undefined,
        received: (count) => waitUntil(() => stream.events.length >= count, () => stream.events),
        waitFor: (predicate) => waitUntil(() => stream.events.some(predicate), () => stream.events.find(predicate)!),
        commented: (count) => waitUntil(() => stream.comments.length >= count, () => undefined),
        ended: new Promise<void>((done) => (endResolve = done)),
        pause: () => {
          response.pause()
          response.socket.pause()
        },
        close: () => request.destroy(),
      }
      const waitUntil = <T>(done: () => boolean, value: () => T) =>
        new Promise<T>((settle, fail) => {
          const check = () => {
            if (done()) {
              settle(value())
              return true
            }
            if (ended) {
              fail(new Error(`the stream ended after ${stream.events.length} events`))
              return true
            }
            return false
          }
          if (!check()) waiters.push(check)
        })
      const notify = () => {
        for (let index = waiters.length - 1; index >= 0; index -= 1) if (waiters[index]!()) waiters.splice(index, 1)
      }
      let buffer = ''
      let current: { event?: string; id?: string; data: string[] } = { data: [] }
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let newline: number
        while ((newline = buffer.indexOf('\n')) !== -1) {
          const line = buffer.slice(0, newline)
          buffer = buffer.slice(newline + 1)
          if (line === '') {
            if (current.data.length > 0) {
              const data = current.data.join('\n')
              let json: unknown
              try {
                json = JSON.parse(data)
              } catch {
                json = undefined
              }
              stream.events.push({ event: current.event ?? 'message', id: current.id, data, json })
              if (current.id !== undefined) stream.lastEventId = current.id
            }
            current = { data: [] }
          } else if (line.startsWith(':')) stream.comments.push(line.slice(1).trim())
          else {
            const colon = line.indexOf(':')
            const field = colon === -1 ? line : line.slice(0, colon)
            const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
            if (field === 'event') current.event = value
            else if (field === 'id') current.id = value
            else if (field === 'data') current.data.push(value)
          }
        }
        notify()
      })
      const finish = () => {
        if (ended) return
        ended = true
        endResolve()
        notify()
      }
      response.on('end', finish)
      response.on('close', finish)
      response.on('error', finish)
      // A paused response emits nothing more; its socket still reports the relay hanging up.
      response.socket.on('close', finish)
      resolve(stream)
    })
    request.on('error', reject)
  })
}

/** The conference SIDs a `snapshot` event's data carries. */
export function exportedSids(data: unknown): string[] {
  const conferences = (data as { conferences?: Array<{ conferenceSid: string }> }).conferences ?? []
  return conferences.map((conference) => conference.conferenceSid).sort()
}

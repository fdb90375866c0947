/**
 * `createTwilioSimulator`: a local stand-in for Twilio, for the live demo and the tests. It places
 * calls into conferences, POSTs signed status callbacks to a relay (out of order, some twice),
 * answers the REST participant routes the relay's controls call, and keeps the truth, which
 * `GET /truth` serves so a test can compare a screen with it.
 *
 * Its own routes (not Twilio's): `GET /truth`; `POST /calls` `{"friendlyName"?, "legs":[LegSpec…]}`
 * places a call (answers `{"conferenceSid","callSids"}`); `POST /calls/{CF}/legs/{CA}/hangup`;
 * `GET /idle` answers once nothing is scheduled and every callback sent has been delivered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createDelivery, type DeliveryOptions } from './delivery'
import { createRestApi } from './restApi'
import { createWorld, type CallbackBody, type LegFlags, type LegSpec } from './world'

export interface TwilioSimulatorOptions extends Omit<DeliveryOptions, 'callbackUrl'> {
  /** The relay's webhook URL (what Twilio signs), e.g. `http://127.0.0.1:8787/twilio/conference-events`. */
  callbackUrl: string
  /** The account whose REST routes it answers (Basic auth: this SID and `authToken`). Default `AC` + 1. */
  accountSid?: string
  /** How long after a REST change its callbacks are sent (ms). Default 50. */
  confirmDelayMs?: number
  /** How long a dialled number rings (ms). Default 1000. */
  ringMs?: number
}

export interface PlacedCall {
  conferenceSid: string
  callSids: string[]
}

const DEFAULT_ACCOUNT = `AC${'0'.repeat(31)}1`

export function createTwilioSimulator(options: TwilioSimulatorOptions) {
  const accountSid = options.accountSid ?? DEFAULT_ACCOUNT
  const world = createWorld({ accountSid, seed: options.seed ?? 1 })
  const delivery = createDelivery(options)
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const sockets = new Set<Socket>()
  let server: Server | undefined

  const emit = (bodies: CallbackBody[] | undefined) => {
    if (bodies !== undefined && bodies.length > 0) delivery.send(bodies)
  }
  const drained: Array<() => void> = []
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
      if (timers.size === 0) for (const resolve of drained.splice(0)) resolve()
    }, ms)
    timers.add(timer)
  }
  /** Resolves once no change is waiting to happen (a ring, a confirmation) and every callback is delivered. */
  async function idle(): Promise<void> {
    while (timers.size > 0) await new Promise<void>((resolve) => drained.push(resolve))
    await delivery.idle()
  }
  const rest = createRestApi({
    accountSid,
    authToken: options.authToken,
    world,
    emit,
    later,
    ...(options.confirmDelayMs === undefined ? {} : { confirmDelayMs: options.confirmDelayMs }),
    ...(options.ringMs === undefined ? {} : { ringMs: options.ringMs }),
  })

  /** Places a call: a conference, each leg dialled and answered in order. */
  function placeCall(legs: readonly LegSpec[], friendlyName?: string): PlacedCall {
    const conference = world.createConference(friendlyName)
    const callSids: string[] = []
    const bodies: CallbackBody[] = []
    for (const spec of legs) {
      const leg = world.dial(conference, spec)
      callSids.push(leg.callSid)
      bodies.push(...world.answer(conference, leg.callSid))
    }
    emit(bodies)
    return { conferenceSid: conference.conferenceSid, callSids }
  }

  /** A leg joins a running call (dialled and answered at once). */
  function joinLeg(conferenceSid: string, spec: LegSpec): string | undefined {
    const conference = world.conferences.get(conferenceSid)
    if (conference === undefined || conference.status === 'completed') return undefined
    const leg = world.dial(conference, spec)
    emit(world.answer(conference, leg.callSid))
    return leg.callSid
  }

  /** A leg's flags change on Twilio's side (another desk, Twilio's console): its callbacks follow. */
  function updateLeg(conferenceSid: string, callSid: string, flags: LegFlags): boolean {
    const conference = world.conferences.get(conferenceSid)
    const bodies = conference === undefined ? undefined : world.update(conference, callSid, flags)
    emit(bodies)
    return bodies !== undefined
  }

  /** A leg hangs up (Twilio ends the conference if it must). */
  function hangUp(conferenceSid: string, callSid: string): boolean {
    const conference = world.conferences.get(conferenceSid)
    const bodies = conference === undefined ? undefined : world.leave(conference, callSid, 'hung-up')
    emit(bodies)
    return bodies !== undefined
  }

  const readJson = (request: IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      let text = ''
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => (text += chunk))
      request.on('end', () => {
        try {
          resolve(JSON.parse(text) as unknown)
        } catch {
          resolve(undefined)
        }
      })
    })
  const reply = (response: ServerResponse, status: number, body?: unknown): void => {
    if (body === undefined) response.writeHead(status).end()
    else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (await rest(request, response, pathname)) return
    const hangup = /^\/calls\/([^/]+)\/legs\/([^/]+)\/hangup$/.exec(pathname)
    if (request.method === 'GET' && pathname === '/truth') return reply(response, 200, world.truth())
    if (request.method === 'GET' && pathname === '/idle') return void idle().then(() => reply(response, 204))
    if (request.method === 'POST' && pathname === '/calls') {
      const body = (await readJson(request)) as { legs?: unknown; friendlyName?: unknown } | undefined
      if (!Array.isArray(body?.legs)) return reply(response, 400, { error: '`legs` must be an array of legs' })
      const friendlyName = typeof body.friendlyName === 'string' ? body.friendlyName : undefined
      return reply(response, 201, placeCall(body.legs as LegSpec[], friendlyName))
    }
    if (request.method === 'POST' && hangup !== null) return reply(response, hangUp(hangup[1] ?? '', hangup[2] ?? '') ? 204 : 404)
    reply(response, 404, { error: `no route ${request.method} ${pathname}` })
  }

  return {
    accountSid,
    world,
    delivery,
    placeCall,
    joinLeg,
    updateLeg,
    hangUp,
    truth: () => world.truth(),
    idle,
    /** Serves the REST and simulator routes; resolves with the base URL. */
    async listen(port = 0, host = '127.0.0.1'): Promise<string> {
      server = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          if (!response.headersSent) reply(response, 500, { error: String(error) })
        })
      })
      server.on('connection', (socket) => {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
      })
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject)
        server?.listen(port, host, resolve)
      })
      return `http://${host}:${(server.address() as AddressInfo).port}`
    },
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      for (const resolve of drained.splice(0)) resolve()
      delivery.stop()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
    },
  }
}

export type TwilioSimulator = ReturnType<typeof createTwilioSimulator>

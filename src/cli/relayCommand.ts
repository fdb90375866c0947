/**
 * `conference-state relay`: runs the relay (see `docs/relay.md`) on a plain `node:http` server.
 *
 *   conference-state relay [--port 8787] [--host 127.0.0.1]
 *
 * Environment: `TWILIO_AUTH_TOKEN` and `RELAY_TOKEN_SECRET` (required), `RELAY_PUBLIC_URL`
 * (default `http://HOST:PORT`), `REDIS_URL` (optional: share a Redis stream with other
 * instances), `TWILIO_ACCOUNT_SID` and `TWILIO_API_URL` (the control routes' REST calls),
 * `RELAY_CALLER_ID` (caller ID of adds), `RELAY_ALLOWED_ORIGINS` (comma-separated CORS origins).
 *
 * @module
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import type { ConferenceBus } from '../relay/bus'
import { createConferenceRelay, type ConferenceRelayOptions } from '../relay/createConferenceRelay'

export const RELAY_USAGE = `Usage: conference-state relay [--port 8787] [--host 127.0.0.1]

Receives Twilio's conference status callbacks and streams them to agents' browsers.

Environment:
  TWILIO_AUTH_TOKEN      the auth token Twilio signs webhooks with (required)
  RELAY_TOKEN_SECRET     the HS256 secret of viewer tokens (required)
  RELAY_PUBLIC_URL       the base URL Twilio calls and signs (default http://HOST:PORT)
  REDIS_URL              share one Redis stream between relay instances (optional)
  TWILIO_ACCOUNT_SID     account of the control routes' REST calls (optional)
  TWILIO_API_URL         another origin for those REST calls, e.g. a local simulator (optional)
  RELAY_CALLER_ID        caller ID for added participants (optional)
  RELAY_ALLOWED_ORIGINS  comma-separated browser origins allowed to call the relay (optional)

Options:
  --port <n>   port to listen on (default 8787; 0 picks a free one)
  --host <h>   address to listen on (default 127.0.0.1)
  -h, --help   this text`

/** Where the command writes, and what it reads. */
export interface RelayCommandIo {
  env: Readonly<Record<string, string | undefined>>
  out(text: string): void
  err(text: string): void
  /** Registers what to do on SIGTERM / SIGINT. */
  onStop(stop: () => void): void
}

async function busFor(redisUrl: string | undefined, err: (text: string) => void): Promise<ConferenceBus | undefined> {
  if (redisUrl === undefined || redisUrl.length === 0) return undefined
  // Loaded only when asked for: the Redis bus needs the optional `ioredis`.
  const { createRedisBus } = await import('../relay/redisBus')
  return createRedisBus({ url: redisUrl, onError: (error) => err(`redis: ${error.message}`) })
}

/**
 * Starts the relay; resolves with an exit code when it stops (or could not start).
 *
 * @param argv - The arguments after `relay`.
 * @param io - Environment, output and signal hooks.
 * @returns The exit code: 0 after a clean stop, 2 for bad usage or configuration, 1 if it failed.
 * @example
 * ```ts
 * process.exitCode = await runRelayCommand(['--port', '8787'], {
 *   env: process.env, out: console.log, err: console.error,
 *   onStop: (stop) => { process.once('SIGTERM', stop); process.once('SIGINT', stop) },
 * })
 * ```
 */
export async function runRelayCommand(argv: readonly string[], io: RelayCommandIo): Promise<number> {
  let values: { port?: string; host?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    }))
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${RELAY_USAGE}`)
    return 2
  }
  if (values.help) {
    io.out(RELAY_USAGE)
    return 0
  }
  const port = Number(values.port ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`--port takes a port number from 0 to 65535, got "${values.port}"`)
    return 2
  }
  const host = values.host ?? '127.0.0.1'
  const { env } = io
  const missing = ['TWILIO_AUTH_TOKEN', 'RELAY_TOKEN_SECRET'].filter((name) => !env[name])
  if (missing.length > 0) {
    io.err(`conference-state relay: set ${missing.join(' and ')} in the environment (see conference-state relay --help)`)
    return 2
  }

  let bus: ConferenceBus | undefined
  try {
    bus = await busFor(env.REDIS_URL, io.err)
  } catch (error) {
    io.err(`conference-state relay: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  const origins = env.RELAY_ALLOWED_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean)
  const server = createServer()
  const listening = new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port))
  })
  let boundPort: number
  try {
    boundPort = await listening
  } catch (error) {
    io.err(`conference-state relay: cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`)
    await bus?.close()
    return 1
  }
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`
  const options: ConferenceRelayOptions = {
    twilioAuthToken: env.TWILIO_AUTH_TOKEN as string,
    tokenSecret: env.RELAY_TOKEN_SECRET as string,
    publicUrl: env.RELAY_PUBLIC_URL || origin,
    onRejected: (rejection) => io.err(`rejected callback: ${rejection.reason}`),
    ...(bus === undefined ? {} : { bus }),
    ...(env.TWILIO_ACCOUNT_SID ? { twilioAccountSid: env.TWILIO_ACCOUNT_SID } : {}),
    ...(env.TWILIO_API_URL ? { twilioApiUrl: env.TWILIO_API_URL } : {}),
    ...(env.RELAY_CALLER_ID ? { callerId: env.RELAY_CALLER_ID } : {}),
    ...(origins === undefined || origins.length === 0 ? {} : { allowedOrigins: origins.includes('*') ? '*' : origins }),
  }
  const relay = createConferenceRelay(options)
  // Requests that arrive while the log loads wait for it inside the relay.
  server.on('request', relay)
  try {
    await relay.ready
  } catch (error) {
    io.err(`conference-state relay: the event log could not be loaded: ${error instanceof Error ? error.message : String(error)}`)
    await relay.close()
    server.close()
    return 1
  }
  io.out(`conference-state relay listening on ${origin} (webhook ${options.publicUrl?.replace(/\/+$/, '')}/twilio/conference-events, bus ${bus?.kind ?? 'memory'})`)

  return new Promise<number>((resolve) => {
    io.onStop(() => {
      void relay.close().finally(() => {
        server.close(() => resolve(0))
        server.closeAllConnections()
      })
    })
  })
}

/**
 * Twilio's side of the multi-instance tests: conference callbacks as Twilio sends them, signed as
 * Twilio signs them (HMAC-SHA1 of the URL and the sorted parameters; written here from Twilio's
 * documentation, independent of the relay's own check), POSTed to any instance.
 */
import { createHmac } from 'node:crypto'
import { SignJWT } from 'jose'
import { expect, vi } from 'vitest'
import { RELAY_ENV } from './relayProcess'

/** A well-formed SID: the prefix and `n` in hex, 34 characters in all. */
export const sid = (prefix: 'CF' | 'CA' | 'WK' | 'AC', n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`

const ACCOUNT = sid('AC', 1)
const WEBHOOK = '/twilio/conference-events'
const START = Date.UTC(2026, 11, 3, 9, 0, 0)

/** The worker who takes the call of conference `k`. */
export const workerOf = (k: number) => sid('WK', k + 1)

/** Callback `n` (1-based) of conference `k`: the customer joins, the worker joins, then the customer is held and unheld in turn. */
export function callback(k: number, n: number): Record<string, string> {
  const conferenceSid = sid('CF', k + 1)
  const customer = { CallSid: sid('CA', 2 * k + 1), ParticipantLabel: 'customer', EndConferenceOnExit: 'false' }
  const worker = { CallSid: sid('CA', 2 * k + 2), ParticipantLabel: `worker:${workerOf(k)}`, EndConferenceOnExit: 'true' }
  const held = n > 2 && n % 2 === 1
  const event = n === 1 || n === 2 ? 'participant-join' : held ? 'participant-hold' : 'participant-unhold'
  return {
    AccountSid: ACCOUNT,
    ConferenceSid: conferenceSid,
    FriendlyName: `room-${k}`,
    SequenceNumber: String(n),
    Timestamp: new Date(START + k * 3_600_000 + n * 1_000).toUTCString().replace('GMT', '+0000'),
    StatusCallbackEvent: event,
    ...(n === 2 ? worker : customer),
    Muted: 'false',
    Hold: held ? 'true' : 'false',
    Coaching: 'false',
    StartConferenceOnEnter: 'true',
  }
}

/** `perConference` callbacks for each of `conferences` calls, interleaved as concurrent calls are. */
export function callScript(conferences: number, perConference: number, firstConference = 0): Record<string, string>[] {
  const script: Record<string, string>[] = []
  for (let n = 1; n <= perConference; n += 1) {
    for (let k = firstConference; k < firstConference + conferences; k += 1) script.push(callback(k, n))
  }
  return script
}

/** Twilio's `X-Twilio-Signature` for a form POST. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url)
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64')
}

/**
 * POSTs one signed callback to an instance, as Twilio does through the load balancer.
 *
 * @returns The HTTP status (204 accepted, 503 retry later, ...).
 */
export async function postCallback(origin: string, params: Record<string, string>, authToken: string = RELAY_ENV.TWILIO_AUTH_TOKEN): Promise<number> {
  const response = await fetch(origin + WEBHOOK, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': twilioSignature(authToken, RELAY_ENV.RELAY_PUBLIC_URL + WEBHOOK, params),
    },
    body: new URLSearchParams(params).toString(),
  })
  await response.arrayBuffer()
  return response.status
}

/** Whether the instance at `origin` answers and reports its bus up. */
async function busIsUp(origin: string): Promise<boolean> {
  const reply = await fetch(`${origin}/healthz`).catch(() => undefined)
  if (reply === undefined) return false
  const health = (await reply.json()) as { bus?: { status?: string } }
  return health.bus?.status === 'up'
}

/**
 * Posts until the relay answers 204, as Twilio retries a 5xx. Between tries it waits for a
 * condition, not for time: the instance (as `origin()` names it now) answering with its bus up.
 */
export async function postUntilAccepted(origin: () => string, params: Record<string, string>): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const status = await postCallback(origin(), params).catch(() => 0)
    if (status === 204) return attempt
    if (status !== 503 && status !== 0) throw new Error(`the relay answered ${status} to a valid callback`)
    if (attempt > 20) throw new Error('the relay never accepted the callback')
    await vi.waitFor(async () => expect(await busIsUp(origin())).toBe(true), { timeout: 20_000, interval: 20 })
  }
}

/** A viewer token as the app's login service would sign it. */
export function viewerToken(workerSid: string, role: 'agent' | 'supervisor', expiresInSeconds = 3_600, secret: string = RELAY_ENV.RELAY_TOKEN_SECRET): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(workerSid)
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign(new TextEncoder().encode(secret))
}

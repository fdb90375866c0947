/**
 * Twilio's side of the relay benchmark: signed conference callbacks POSTed open-loop at a fixed
 * rate, spread round-robin over the instances as a load balancer would, each one's send time kept
 * so a viewer's arrival gives the webhook-to-client latency.
 */
import { request, type Agent } from 'node:http'
import { twilioSignature } from '../../test/relay-redis/callbacks'
import { RELAY_ENV } from '../../test/relay-redis/relayProcess'

const WEBHOOK = '/twilio/conference-events'

/** The outcome of a run of POSTs. */
export interface LoadResult {
  accepted: number
  unavailable: number
  other: number
  /** From the first POST to the last answer (ms). */
  elapsedMs: number
  /** How far behind its schedule the sender fell at worst (ms): the load generator's own limit. */
  maxLagMs: number
}

/** The key viewers record arrivals under: conference number * 1e6 + sequence number. */
export const callbackKey = (params: Record<string, string>) =>
  parseInt((params.ConferenceSid ?? '').slice(2), 16) * 1_000_000 + Number(params.SequenceNumber)

function post(origin: string, agent: Agent, params: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(params).toString()
  const signature = twilioSignature(RELAY_ENV.TWILIO_AUTH_TOKEN, RELAY_ENV.RELAY_PUBLIC_URL + WEBHOOK, params)
  return new Promise((resolve) => {
    const outgoing = request(
      `${origin}${WEBHOOK}`,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), 'X-Twilio-Signature': signature },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      },
    )
    outgoing.on('error', () => resolve(0))
    outgoing.end(body)
  })
}

/**
 * POSTs `script` at `ratePerSecond`, callback `i` to `origins[i % origins.length]`.
 *
 * @param sentAt - Filled with each callback's send time (epoch ms, comparable across threads),
 *   keyed conference number * 1e6 + sequence, as the viewers key arrivals.
 */
export async function runWebhookLoad(
  origins: readonly string[],
  agent: Agent,
  script: readonly Record<string, string>[],
  ratePerSecond: number,
  sentAt: Map<number, number>,
): Promise<LoadResult> {
  const result: LoadResult = { accepted: 0, unavailable: 0, other: 0, elapsedMs: 0, maxLagMs: 0 }
  const start = performance.now()
  const inFlight: Promise<void>[] = []
  let next = 0
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      const due = Math.min(script.length, Math.floor(((now - start) / 1000) * ratePerSecond) + 1)
      if (due > next) result.maxLagMs = Math.max(result.maxLagMs, now - start - (next / ratePerSecond) * 1000)
      for (; next < due; next += 1) {
        const params = script[next] as Record<string, string>
        sentAt.set(callbackKey(params), performance.timeOrigin + performance.now())
        inFlight.push(
          post(origins[next % origins.length] as string, agent, params).then((status) => {
            if (status === 204) result.accepted += 1
            else if (status === 503) result.unavailable += 1
            else result.other += 1
          }),
        )
      }
      if (next >= script.length) resolve()
      else setTimeout(tick, 5)
    }
    tick()
  })
  await Promise.all(inFlight)
  result.elapsedMs = performance.now() - start
  return result
}

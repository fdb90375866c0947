/**
 * Delivering status callbacks the way Twilio does: each one its own signed POST
 * (`X-Twilio-Signature`, HMAC-SHA1 over the URL and the sorted parameters, computed by the
 * `twilio` package itself), sent after its own random delay, so they arrive out of order, and
 * now and then twice, as a retry after a timeout would. Randomness is seeded: the same seed gives
 * the same delays and duplicates. A refused or unreachable relay is retried a few times.
 */
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js'
import { createRandom } from '../agent-desktop/src/sim/random'
import type { CallbackBody } from './world'

export interface DeliveryOptions {
  /** The relay's webhook URL, exactly as it is configured in Twilio (the signed URL). */
  callbackUrl: string
  authToken: string
  /** Seed of the delays and duplicates. Default 1. */
  seed?: number
  /** Each callback waits a random 0…`maxDelayMs` before it is sent. Default 40. */
  maxDelayMs?: number
  /** Probability that a callback is delivered a second time. Default 0.1. */
  duplicateRate?: number
  /** Attempts per delivery when the relay answers 5xx or is unreachable. Default 8. */
  attempts?: number
}

/** What happened to one POST. */
export interface DeliveryRecord {
  body: CallbackBody
  /** The HTTP status, or 0 when the relay could not be reached. */
  status: number
  duplicate: boolean
}

export function createDelivery(options: DeliveryOptions) {
  const random = createRandom(options.seed ?? 1)
  const maxDelayMs = options.maxDelayMs ?? 40
  const duplicateRate = options.duplicateRate ?? 0.1
  const attempts = options.attempts ?? 8
  const records: DeliveryRecord[] = []
  const pending = new Set<Promise<void>>()
  const idleWaiters: Array<() => void> = []
  const timers = new Set<ReturnType<typeof setTimeout>>()
  let stopped = false

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timers.add(timer)
    })

  async function post(body: CallbackBody, duplicate: boolean, delayMs: number): Promise<void> {
    await wait(delayMs)
    const signature = getExpectedTwilioSignature(options.authToken, options.callbackUrl, body)
    for (let attempt = 1; attempt <= attempts && !stopped; attempt += 1) {
      let status: number
      try {
        const reply = await fetch(options.callbackUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          body: new URLSearchParams(body).toString(),
        })
        status = reply.status
        await reply.arrayBuffer()
      } catch {
        status = 0
      }
      if ((status !== 0 && status < 500) || attempt === attempts || stopped) {
        records.push({ body, status, duplicate })
        return
      }
      await wait(100 * attempt)
    }
  }

  const track = (promise: Promise<void>) => {
    pending.add(promise)
    void promise.finally(() => {
      pending.delete(promise)
      if (pending.size === 0) for (const resolve of idleWaiters.splice(0)) resolve()
    })
  }

  return {
    records,
    /** Sends each callback after its own random delay; some twice. */
    send(bodies: readonly CallbackBody[]): void {
      for (const body of bodies) {
        track(post(body, false, random.int(maxDelayMs + 1)))
        if (random.chance(duplicateRate)) track(post(body, true, random.int(maxDelayMs * 2 + 1)))
      }
    },
    /** Resolves once every callback sent so far has been delivered (or given up). */
    idle(): Promise<void> {
      return pending.size === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))
    },
    stop(): void {
      stopped = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      for (const resolve of idleWaiters.splice(0)) resolve()
    },
  }
}

export type Delivery = ReturnType<typeof createDelivery>

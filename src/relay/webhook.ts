/**
 * `POST /twilio/conference-events`: Twilio's conference status callbacks in.
 *
 * In order: a body over the limit is 413 (never read past it); anything but a form body is 415;
 * a missing or wrong `X-Twilio-Signature` is 403 and goes no further; a signed body the adapter
 * refuses (or one with a parameter named `__proto__`, `constructor` or `prototype`) is 400 with the
 * reason, recorded in the relay's rejection log; a callback that changes nothing (Twilio's retry
 * of one already applied) is 204 without touching the bus; an accepted one is 204 once the bus
 * holds it, 503 when the bus is down (Twilio retries). See `docs/relay.md`.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { fromTwilioStatusCallback } from '../adapters/twilioStatusCallback'
import { verifyTwilioSignature } from '../adapters/twilio/signature'
import { eventRejected, type ConferenceEvent } from '../events'
import { RESERVED_KEYS } from '../validation/keys'
import { isBusUnavailable, type ConferenceBus } from './bus'
import { callbackIdentity } from './callbackIdentity'
import { replyEmpty, replyError } from './httpReplies'
import { readBody } from './readBody'

/**
 * The webhook's route, relative to the relay: Twilio's conference `statusCallback` URL.
 * @example
 * ```ts
 * await twilio.calls(callSid).update({
 *   twiml: `<Response><Dial><Conference statusCallback="https://relay.example.com${WEBHOOK_PATH}">support</Conference></Dial></Response>`,
 * })
 * ```
 */
export const WEBHOOK_PATH = '/twilio/conference-events'

/**
 * Largest webhook body accepted (Twilio's are about 1 KB); a larger one is answered 413.
 * @example
 * ```ts
 * // A proxy in front of the relay can refuse the same bodies before they reach it.
 * if (Number(request.headers['content-length']) > MAX_WEBHOOK_BYTES) return reply(413)
 * ```
 */
export const MAX_WEBHOOK_BYTES = 64 * 1024

/** What the webhook needs from the relay. */
export interface WebhookContext {
  readonly authToken: string
  /** The base URL Twilio signs: the relay's public URL as configured in Twilio, without the path. */
  readonly publicUrl: string | undefined
  readonly bus: ConferenceBus
  now(): number
  /** Whether the action would change the relay's state (a duplicate would not). */
  changes(action: ConferenceEvent): boolean
  /** Records a refused callback (the relay's rejection log, and the `onRejected` option). */
  reject(rejection: ReturnType<typeof eventRejected>): void
}

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i

/** The URL Twilio requested, as it signed it: the public base + the path and query this request has. */
function signedUrl(request: IncomingMessage, publicUrl: string | undefined): string {
  const path = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '/'
  const base = publicUrl ?? `http://${request.headers.host ?? 'localhost'}`
  return base.replace(/\/+$/, '') + path
}

/** Handles one webhook request. */
export async function handleWebhook(request: IncomingMessage, response: ServerResponse, context: WebhookContext): Promise<void> {
  const read = await readBody(request, MAX_WEBHOOK_BYTES)
  if (!read.ok) {
    replyError(response, 413, `the body is over ${MAX_WEBHOOK_BYTES} bytes`)
    return
  }
  const contentType = request.headers['content-type']
  if (contentType !== undefined && !FORM.test(contentType)) {
    replyError(response, 415, 'the body must be application/x-www-form-urlencoded, as Twilio sends it')
    return
  }
  const params = new URLSearchParams(read.text)
  const signature = request.headers['x-twilio-signature']
  const signed = verifyTwilioSignature({
    authToken: context.authToken,
    url: signedUrl(request, context.publicUrl),
    params,
    signature: typeof signature === 'string' ? signature : undefined,
  })
  if (!signed) {
    replyEmpty(response, 403)
    return
  }
  const receivedAt = context.now()
  for (const name of params.keys()) {
    if (RESERVED_KEYS.has(name)) {
      const rejection = eventRejected({ source: 'relay-webhook', reason: `parameter \`${name}\` is not allowed`, field: name, summary: '' }, receivedAt)
      context.reject(rejection)
      replyError(response, 400, rejection.payload.reason, name)
      return
    }
  }
  const action = fromTwilioStatusCallback(params, { receivedAt })
  if (eventRejected.match(action)) {
    context.reject(action)
    replyError(response, 400, action.payload.reason, action.payload.field)
    return
  }
  if (!context.changes(action)) {
    replyEmpty(response, 204)
    return
  }
  try {
    // Two copies in flight both pass the check above: the bus stores one (docs/relay-redis.md).
    await context.bus.append(action, { identity: callbackIdentity(action) })
  } catch (error) {
    if (isBusUnavailable(error)) replyError(response, 503, 'the relay cannot store events right now; retry', undefined, { 'Retry-After': '1' })
    else replyError(response, 500, 'the event could not be stored')
    return
  }
  replyEmpty(response, 204)
}

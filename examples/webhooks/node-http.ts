/**
 * The README's webhook with Node's `http` module and no framework: the raw body is read, its
 * `X-Twilio-Signature` checked, and only then dispatched. A forged request gets 403.
 */
import { createServer } from 'node:http'
import type { Dispatch, UnknownAction } from '@reduxjs/toolkit'
import { fromTwilioStatusCallback, verifyTwilioSignature } from 'conference-state/twilio'
import type { WebhookOptions } from './express'

/** Twilio's callbacks are well under 2 KB; refuse anything much larger before reading it all. */
const MAX_BODY = 16_384

export function createWebhookServer(store: { dispatch: Dispatch<UnknownAction> }, { authToken, publicOrigin }: WebhookOptions) {
  return createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/twilio/conference-events') {
      res.writeHead(404).end()
      return
    }
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > MAX_BODY) req.destroy()
    })
    req.on('end', () => {
      const signature = req.headers['x-twilio-signature']
      const genuine = verifyTwilioSignature({
        authToken,
        url: `${publicOrigin}${req.url ?? ''}`,
        params: new URLSearchParams(body),
        signature: typeof signature === 'string' ? signature : undefined,
      })
      if (!genuine) {
        res.writeHead(403).end()
        return
      }
      store.dispatch(fromTwilioStatusCallback(body))
      res.writeHead(204).end()
    })
  })
}

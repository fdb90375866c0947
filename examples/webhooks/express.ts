/**
 * The README's express webhook: Twilio's conference status callbacks into the store, each one
 * checked against its `X-Twilio-Signature` first. A forged or altered request gets 403 and
 * changes nothing.
 */
import express from 'express'
import type { Dispatch, UnknownAction } from '@reduxjs/toolkit'
import { fromTwilioStatusCallback, verifyTwilioSignature } from 'conference-state/twilio'

export interface WebhookOptions {
  /** The auth token Twilio signs with. */
  authToken: string
  /** The public origin Twilio calls, e.g. `https://relay.example.com` (behind a proxy, not the local one). */
  publicOrigin: string
}

export function createWebhookApp(store: { dispatch: Dispatch<UnknownAction> }, { authToken, publicOrigin }: WebhookOptions) {
  const app = express()
  app.post('/twilio/conference-events', express.urlencoded({ extended: false }), (req, res) => {
    const genuine = verifyTwilioSignature({
      authToken,
      url: `${publicOrigin}${req.originalUrl}`,
      params: req.body as Record<string, string>,
      signature: req.header('X-Twilio-Signature'),
    })
    if (!genuine) {
      res.sendStatus(403)
      return
    }
    store.dispatch(fromTwilioStatusCallback(req.body as Record<string, string>))
    res.sendStatus(204)
  })
  return app
}

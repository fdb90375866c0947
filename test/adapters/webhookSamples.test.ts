/**
 * The README's webhook samples (examples/webhooks/), run: a request signed as Twilio signs it
 * (by the `twilio` package's own `getExpectedTwilioSignature`) reaches the store; a forged,
 * altered or unsigned one gets 403 and changes nothing.
 */
import type { AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import twilio from 'twilio'
import { selectConferenceSids } from 'conference-state'
import { createTestStore } from 'conference-state/testing'
import { createWebhookApp } from '../../examples/webhooks/express'
import { createWebhookServer } from '../../examples/webhooks/node-http'

const authToken = 'test-auth-token'
const publicOrigin = 'https://relay.example.com'
const path = '/twilio/conference-events'
const params = {
  AccountSid: 'ACe268443e43d93dab7ebef303bbe9642f',
  ConferenceSid: 'CF46e593bb35f08f00ed459794a7b4ebce',
  FriendlyName: 'WTc146b6ad38277b931d94d82f20703136',
  SequenceNumber: '3',
  StatusCallbackEvent: 'conference-start',
  Timestamp: 'Wed, 10 Dec 2025 15:04:03 +0000',
}
const genuineSignature = twilio.getExpectedTwilioSignature(authToken, `${publicOrigin}${path}`, params)

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))))

async function post(target: Server, body: Record<string, string>, signature: string | undefined) {
  server = target
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  const { port } = target.address() as AddressInfo
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === undefined ? {} : { 'x-twilio-signature': signature }) },
    body: new URLSearchParams(body).toString(),
  })
  return response.status
}

const samples = {
  express: (store: ReturnType<typeof createTestStore>) => createServer(createWebhookApp(store, { authToken, publicOrigin })),
  'node:http': (store: ReturnType<typeof createTestStore>) => createWebhookServer(store, { authToken, publicOrigin }),
}

describe.each(Object.entries(samples))('the %s webhook sample', (_name, serve) => {
  const fresh = () => {
    const store = createTestStore()
    return { store, target: serve(store) }
  }

  it('dispatches a request Twilio signed', async () => {
    const { store, target } = fresh()
    expect(await post(target, params, genuineSignature)).toBe(204)
    expect(selectConferenceSids(store.getState())).toStrictEqual([params.ConferenceSid])
  })

  it.each([
    ['a forged signature', params, 'bm90IGEgc2lnbmF0dXJl'],
    ['no signature', params, undefined],
    ['an altered body', { ...params, StatusCallbackEvent: 'conference-end' }, genuineSignature],
  ])('refuses %s with 403 and changes nothing', async (_case, body, signature) => {
    const { store, target } = fresh()
    const before = store.getState()
    expect(await post(target, body, signature)).toBe(403)
    expect(store.getState()).toBe(before)
  })
})

import twilio from 'twilio'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { selectConferenceSids, selectParticipant, selectRejectedEvents } from '../../src'
import { createMemoryBus } from '../../src/relay'
import { callback, conferenceSidOf, customerCallOf } from './callbacks'
import { AUTH_TOKEN, openStream, postCallback, send, startRelay, viewerToken, WEBHOOK, type RunningRelay, type SseStream } from './harness'

let running: RunningRelay
let supervisor: SseStream

beforeEach(async () => {
  running = await startRelay()
  supervisor = await openStream(running.baseUrl, { token: await viewerToken('WKsupervisor', 'supervisor') })
  await supervisor.received(1) // the snapshot
})
afterEach(async () => {
  supervisor.close()
  await running.close()
})

const root = () => ({ conferences: running.relay.state() })

/** Proves nothing reached the viewer: a signed callback sent after arrives next, right after the snapshot. */
async function expectNothingDelivered() {
  expect((await postCallback(running, callback(99, 1))).status).toBe(204)
  const [, next] = await supervisor.received(2)
  expect((next!.json as { payload: { conferenceSid: string } }).payload.conferenceSid).toBe(conferenceSidOf(99))
  expect(selectConferenceSids(root())).toEqual([conferenceSidOf(99)])
}

describe('POST /twilio/conference-events', () => {
  it('accepts a signed callback (204), applies it and sends it to viewers with its bus ID', async () => {
    const reply = await postCallback(running, callback(1, 1))
    expect(reply.status).toBe(204)
    const [, event] = await supervisor.received(2)
    expect(event).toMatchObject({ event: 'conference', id: '1' })
    expect(event!.json).toMatchObject({ type: 'conferences/participantJoined', payload: { conferenceSid: conferenceSidOf(1), callSid: customerCallOf(1) } })
    expect(selectParticipant(root(), conferenceSidOf(1), customerCallOf(1))?.status).toBe('joined')
  })

  it('answers 403 to a missing, forged or wrong-key signature, and stores and sends nothing', async () => {
    expect((await postCallback(running, callback(1, 1), { signature: null })).status).toBe(403)
    expect((await postCallback(running, callback(1, 1), { signature: '' })).status).toBe(403)
    expect((await postCallback(running, callback(1, 1), { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403)
    const otherKey = twilio.getExpectedTwilioSignature('another-token', running.webhookUrl, callback(1, 1))
    expect((await postCallback(running, callback(1, 1), { signature: otherKey })).status).toBe(403)
    await expectNothingDelivered()
  })

  it('answers 403 to a signature replayed over an altered body or another URL', async () => {
    const original = callback(1, 4)
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, running.webhookUrl, original)
    const altered = { ...original, Hold: 'false', StatusCallbackEvent: 'participant-unhold' }
    expect((await postCallback(running, altered, { signature })).status).toBe(403)
    expect((await postCallback(running, { ...original, Extra: 'x' }, { signature })).status).toBe(403)
    expect((await postCallback(running, original, { signature, path: `${WEBHOOK}?tenant=other` })).status).toBe(403)
    const signedForHttps = twilio.getExpectedTwilioSignature(AUTH_TOKEN, running.webhookUrl.replace('http:', 'https:'), original)
    expect((await postCallback(running, original, { signature: signedForHttps })).status).toBe(403)
    await expectNothingDelivered()
  })

  it('checks the signature over the public URL and the query string, as Twilio signs them', async () => {
    await running.close()
    running = await startRelay({ publicUrl: 'https://relay.example.com/' })
    const params = callback(1, 1)
    const signedUrl = `https://relay.example.com${WEBHOOK}?tenant=acme`
    expect((await postCallback(running, params, { signedUrl, path: `${WEBHOOK}?tenant=acme` })).status).toBe(204)
    expect((await postCallback(running, callback(1, 2), { signedUrl: `http://127.0.0.1${WEBHOOK}` })).status).toBe(403)
  })

  it('answers 413 to a body over 64 KB (1 MB here) and stores nothing', async () => {
    const huge = Buffer.alloc(1024 * 1024, 'a')
    expect((await postCallback(running, callback(1, 1), { body: `Reason=${huge.toString()}` })).status).toBe(413)
    const justOver = `${new URLSearchParams(callback(1, 1)).toString()}&Reason=${'b'.repeat(64 * 1024)}`
    expect((await postCallback(running, callback(1, 1), { body: justOver })).status).toBe(413)
    await expectNothingDelivered()
  })

  it('answers 400 with the reason to a signed body the adapter refuses, records it, and sends nothing', async () => {
    const unknownEvent = { ...callback(1, 3), StatusCallbackEvent: 'conference-exploded' }
    const unknown = await postCallback(running, unknownEvent)
    expect(unknown.status).toBe(400)
    expect(JSON.parse(unknown.body)).toMatchObject({ field: 'StatusCallbackEvent', error: expect.stringContaining('must be one of') })

    const badSid = await postCallback(running, { ...callback(1, 1), ConferenceSid: '__proto__' })
    expect(badSid.status).toBe(400)
    expect(JSON.parse(badSid.body)).toMatchObject({ field: 'ConferenceSid' })

    const garbage = '%%%&&&=&%zz=%'
    const malformed = await postCallback(running, Object.fromEntries(new URLSearchParams(garbage)), { body: garbage })
    expect(malformed.status).toBe(400)

    expect(selectRejectedEvents(root()).map((rejection) => rejection.field)).toEqual(['StatusCallbackEvent', 'ConferenceSid', 'StatusCallbackEvent'])
    await expectNothingDelivered()
  })

  it('refuses parameters named __proto__, constructor or prototype, and no prototype is polluted', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const params = { ...callback(1, 1), [name]: 'polluted' }
      const body = `${new URLSearchParams(callback(1, 1)).toString()}&${name}=polluted`
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, running.webhookUrl, Object.fromEntries(new URLSearchParams(body)))
      const reply = await postCallback(running, params, { body, signature })
      expect(reply.status).toBe(400)
      expect(JSON.parse(reply.body)).toMatchObject({ field: name })
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    await expectNothingDelivered()
  })

  it('answers 415 to a body that is not form-encoded', async () => {
    const reply = await send(`${running.baseUrl}${WEBHOOK}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(reply.status).toBe(415)
  })

  it('answers 204 to a duplicate without appending it again', async () => {
    expect((await postCallback(running, callback(1, 1))).status).toBe(204)
    expect((await postCallback(running, callback(1, 1))).status).toBe(204)
    expect((await postCallback(running, callback(1, 2))).status).toBe(204)
    const [, first, second] = await supervisor.received(3)
    expect([first!.id, second!.id]).toEqual(['1', '2'])
    expect((second!.json as { payload: { sequence: number } }).payload.sequence).toBe(2)
  })

  it('answers 503 while the bus is down, and nothing is sent', async () => {
    await running.close()
    const bus = createMemoryBus()
    running = await startRelay({ bus })
    await bus.close()
    const reply = await postCallback(running, callback(1, 1))
    expect(reply.status).toBe(503)
    expect(reply.headers['retry-after']).toBe('1')
  })
})

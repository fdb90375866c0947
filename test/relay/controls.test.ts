import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConferenceTransportError, createHttpTransport } from '../../src/controls'
import { ACCOUNT_SID, callback, conferenceSidOf, customerCallOf, workerCallOf, workerSidOf } from './callbacks'
import { postCallback, send, startRelay, viewerToken, type RunningRelay } from './harness'
import type { TwilioConferenceClient } from '../../src/relay'

/** What the fake Twilio REST API received: the `twilio` package's own requests. */
interface TwilioRequest {
  method: string
  path: string
  form: Record<string, string>
  authorization: string | undefined
}

/** A stand-in for api.twilio.com: answers the Conference Participant resource like Twilio. */
async function startFakeTwilio() {
  const received: TwilioRequest[] = []
  let failWith: number | undefined
  const server: Server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      const path = request.url ?? ''
      received.push({ method: request.method ?? '', path, form: Object.fromEntries(new URLSearchParams(body)), authorization: request.headers.authorization })
      if (failWith !== undefined) {
        response.writeHead(failWith, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: failWith }))
        return
      }
      const match = /\/Conferences\/(CF\w+)\/Participants(?:\/(CA\w+))?\.json$/.exec(path)
      if (request.method === 'DELETE') {
        response.writeHead(204).end()
        return
      }
      const callSid = match?.[2] ?? `CA${'f'.repeat(32)}`
      response.writeHead(match?.[2] === undefined ? 201 : 200, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ account_sid: ACCOUNT_SID, call_sid: callSid, conference_sid: match?.[1], label: null, hold: false, muted: false, coaching: false, status: 'connected' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    failNextWith: (status: number | undefined) => (failWith = status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let twilio: Awaited<ReturnType<typeof startFakeTwilio>>
let running: RunningRelay
const signal = () => new AbortController().signal
const transportFor = async (sub: string, role: string) => {
  const token = await viewerToken(sub, role)
  return createHttpTransport({ baseUrl: running.baseUrl, headers: { Authorization: `Bearer ${token}` } })
}
const participantPath = (n: number, callSid: string) => `/2010-04-01/Accounts/${ACCOUNT_SID}/Conferences/${conferenceSidOf(n)}/Participants/${callSid}.json`

beforeEach(async () => {
  twilio = await startFakeTwilio()
  running = await startRelay({ twilioAccountSid: ACCOUNT_SID, twilioApiUrl: twilio.url, callerId: '+15550000000' })
  for (const n of [1, 2]) for (let sequence = 1; sequence <= 3; sequence += 1) await postCallback(running, callback(n, sequence))
})
afterEach(async () => {
  await running.close()
  await twilio.close()
})

describe('control routes through createHttpTransport and the twilio package', () => {
  it("lets an agent hold, mute and remove legs of their own conference", async () => {
    const agent = await transportFor(workerSidOf(1), 'agent')
    await agent.hold({ conferenceSid: conferenceSidOf(1), callSid: customerCallOf(1), hold: true }, signal())
    await agent.mute({ conferenceSid: conferenceSidOf(1), callSid: workerCallOf(1), muted: false }, signal())
    await agent.remove({ conferenceSid: conferenceSidOf(1), callSid: customerCallOf(1) }, signal())
    expect(twilio.received.map(({ method, path, form }) => ({ method, path, form }))).toEqual([
      { method: 'POST', path: participantPath(1, customerCallOf(1)), form: { Hold: 'true' } },
      { method: 'POST', path: participantPath(1, workerCallOf(1)), form: { Muted: 'false' } },
      { method: 'DELETE', path: participantPath(1, customerCallOf(1)), form: {} },
    ])
    expect(twilio.received[0]!.authorization).toMatch(/^Basic /)
  })

  it('adds a leg and answers its call SID', async () => {
    const agent = await transportFor(workerSidOf(1), 'agent')
    const added = await agent.add({ conferenceSid: conferenceSidOf(1), to: '+15551234567', label: 'transfer' }, signal())
    expect(added.callSid).toBe(`CA${'f'.repeat(32)}`)
    expect(twilio.received[0]).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Conferences/${conferenceSidOf(1)}/Participants.json`,
      form: { To: '+15551234567', From: '+15550000000', Label: 'transfer' },
    })
  })

  it("refuses an agent on another agent's conference (403) and forwards nothing", async () => {
    const agent = await transportFor(workerSidOf(1), 'agent')
    const error = await agent.hold({ conferenceSid: conferenceSidOf(2), callSid: customerCallOf(2), hold: true }, signal()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConferenceTransportError)
    expect((error as ConferenceTransportError).status).toBe(403)
    const add = await agent.add({ conferenceSid: conferenceSidOf(2), to: '+15551234567' }, signal()).catch((caught: unknown) => caught)
    expect((add as ConferenceTransportError).status).toBe(403)
    expect(twilio.received).toEqual([])
  })

  it('forwards coaching only for supervisors, and nothing but hold, muted and coaching', async () => {
    const agentToken = await viewerToken(workerSidOf(1), 'agent')
    const supervisorToken = await viewerToken('WKsuper', 'supervisor')
    const post = (token: string, body: unknown) =>
      send(`${running.baseUrl}/conferences/${conferenceSidOf(1)}/participants/${workerCallOf(1)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await post(agentToken, { coaching: true, callSidToCoach: workerCallOf(1) })).status).toBe(403)
    const extra = await post(agentToken, { hold: true, endConferenceOnExit: true })
    expect(extra.status).toBe(400)
    expect(JSON.parse(extra.body)).toMatchObject({ field: 'endConferenceOnExit' })
    expect((await post(agentToken, { hold: 'yes' })).status).toBe(400)
    expect((await post(agentToken, {})).status).toBe(400)
    expect((await post(agentToken, ['hold'])).status).toBe(400)
    expect(twilio.received).toEqual([])
    expect((await post(supervisorToken, { coaching: true, callSidToCoach: customerCallOf(1) })).status).toBe(204)
    expect((await post(supervisorToken, { hold: true })).status).toBe(204)
    expect(twilio.received.map((request) => request.form)).toEqual([{ Coaching: 'true', CallSidToCoach: customerCallOf(1) }, { Hold: 'true' }])
  })

  it('lets a supervisor act on any conference', async () => {
    const supervisor = await transportFor('WKsuper', 'supervisor')
    await supervisor.hold({ conferenceSid: conferenceSidOf(2), callSid: customerCallOf(2), hold: false }, signal())
    expect(twilio.received[0]).toMatchObject({ path: participantPath(2, customerCallOf(2)), form: { Hold: 'false' } })
  })

  it('answers 401 without a valid token', async () => {
    const reply = await send(`${running.baseUrl}/conferences/${conferenceSidOf(1)}/participants/${customerCallOf(1)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hold":true}',
    })
    expect(reply.status).toBe(401)
    expect(twilio.received).toEqual([])
  })

  it("passes Twilio's own 4xx on, and answers 502 when Twilio fails", async () => {
    const agent = await transportFor(workerSidOf(1), 'agent')
    twilio.failNextWith(404)
    const missing = await agent.hold({ conferenceSid: conferenceSidOf(1), callSid: customerCallOf(1), hold: true }, signal()).catch((caught: unknown) => caught)
    expect((missing as ConferenceTransportError).status).toBe(404)
    twilio.failNextWith(500)
    const broken = await agent.remove({ conferenceSid: conferenceSidOf(1), callSid: customerCallOf(1) }, signal()).catch((caught: unknown) => caught)
    expect((broken as ConferenceTransportError).status).toBe(502)
  })
})

describe('control routes with an injected twilioClient', () => {
  it("answers 502, not 501, when the client's call fails with a TypeError (fetch's 'fetch failed')", async () => {
    const failing = () => Promise.reject(new TypeError('fetch failed'))
    const client: TwilioConferenceClient = {
      conferences: () => ({ participants: Object.assign(() => ({ update: failing, remove: failing }), { create: failing }) }),
    }
    const injected = await startRelay({ twilioClient: client })
    try {
      for (let sequence = 1; sequence <= 3; sequence += 1) await postCallback(injected, callback(1, sequence))
      const token = await viewerToken(workerSidOf(1), 'agent')
      const reply = await send(`${injected.baseUrl}/conferences/${conferenceSidOf(1)}/participants/${customerCallOf(1)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hold: true }),
      })
      expect(reply.status).toBe(502)
      expect(JSON.parse(reply.body).error).toContain('fetch failed')
    } finally {
      await injected.close()
    }
  })

  it('answers 501 when the relay has no way to reach Twilio (no account SID, no client)', async () => {
    const bare = await startRelay()
    try {
      for (let sequence = 1; sequence <= 3; sequence += 1) await postCallback(bare, callback(1, sequence))
      const token = await viewerToken(workerSidOf(1), 'agent')
      const reply = await send(`${bare.baseUrl}/conferences/${conferenceSidOf(1)}/participants/${customerCallOf(1)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hold: true }),
      })
      expect(reply.status).toBe(501)
    } finally {
      await bare.close()
    }
  })
})

describe('CORS for browser apps on another origin', () => {
  it('answers the preflight of an allowed origin, and nothing to others', async () => {
    await running.close()
    running = await startRelay({ allowedOrigins: ['https://desk.example.com'], twilioAccountSid: ACCOUNT_SID, twilioApiUrl: twilio.url })
    const preflight = (origin: string) =>
      send(`${running.baseUrl}/conferences/${conferenceSidOf(1)}/participants/${customerCallOf(1)}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      })
    const allowed = await preflight('https://desk.example.com')
    expect(allowed.status).toBe(204)
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example.com')
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/)
    const other = await preflight('https://evil.example.com')
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const health = await send(`${running.baseUrl}/healthz`, { headers: { origin: 'https://desk.example.com' } })
    expect(health.headers['access-control-allow-origin']).toBe('https://desk.example.com')
  })
})

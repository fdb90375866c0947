import { afterEach, describe, expect, it, vi } from 'vitest'
import { UnsecuredJWT } from 'jose'
import { fromTwilioStatusCallback } from '../../src/twilio'
import { createMemoryBus, type ConferenceBus } from '../../src/relay'
import { callback, conferenceSidOf, workerSidOf } from './callbacks'
import { exportedSids, openStream, postCallback, send, startRelay, viewerToken, type RunningRelay, type SseEvent, type SseStream } from './harness'

let running: RunningRelay | undefined
const streams: SseStream[] = []
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close()
  await running?.close()
  running = undefined
  vi.useRealTimers()
})

const open = async (...args: Parameters<typeof openStream>) => {
  const stream = await openStream(...args)
  streams.push(stream)
  return stream
}
const agentToken = (n: number) => viewerToken(workerSidOf(n), 'agent')
const conferenceOfEvent = (event: SseEvent) => (event.json as { payload?: { conferenceSid?: string } }).payload?.conferenceSid

/** Posts callbacks `from..to` of conference `n`, each expecting 204. */
async function post(target: RunningRelay, n: number, from: number, to: number) {
  for (let sequence = from; sequence <= to; sequence += 1) expect((await postCallback(target, callback(n, sequence))).status).toBe(204)
}

describe('GET /events: who sees what', () => {
  it('sends an agent only conferences with one of their legs; a supervisor everything', async () => {
    running = await startRelay()
    const agent1 = await open(running.baseUrl, { token: await agentToken(1) })
    const agent2 = await open(running.baseUrl, { query: `?token=${await agentToken(2)}` })
    const supervisor = await open(running.baseUrl, { token: await viewerToken('WKsuper', 'supervisor') })
    await post(running, 1, 1, 5)
    await post(running, 2, 1, 5)
    await post(running, 3, 1, 3)
    await supervisor.received(1 + 13)
    // Agent 1: the empty first snapshot, then conference 1 from its own leg's join: a snapshot of
    // it (the customer's earlier join included), then each event.
    const mine = await agent1.received(1 + 1 + 3)
    expect(mine.map((event) => event.event)).toEqual(['snapshot', 'snapshot', 'conference', 'conference', 'conference'])
    expect(exportedSids(mine[0]!.json)).toEqual([])
    expect(exportedSids(mine[1]!.json)).toEqual([conferenceSidOf(1)])
    expect(mine[1]!.id).toBe('2')
    expect(mine.slice(2).map(conferenceOfEvent)).toEqual([conferenceSidOf(1), conferenceSidOf(1), conferenceSidOf(1)])
    await agent2.received(5)
    expect(agent2.events.slice(1).every((event) => event.event === 'conference' ? conferenceOfEvent(event) === conferenceSidOf(2) : exportedSids(event.json).join() === conferenceSidOf(2))).toBe(true)
    // Nothing else arrives: the next event each agent gets is about its own conference again.
    await post(running, 1, 6, 6)
    await post(running, 2, 6, 6)
    expect(conferenceOfEvent((await agent1.received(6))[5]!)).toBe(conferenceSidOf(1))
    expect(agent1.events.some((event) => JSON.stringify(event.json).includes(conferenceSidOf(2)))).toBe(false)
    expect(agent1.events.some((event) => JSON.stringify(event.json).includes(conferenceSidOf(3)))).toBe(false)
    await supervisor.received(1 + 15)
    expect(supervisor.events.slice(1).map((event) => [event.event, event.id])).toEqual(Array.from({ length: 15 }, (_, index) => ['conference', String(index + 1)]))
  })

  it("gives each viewer a first snapshot scoped to what they may see", async () => {
    running = await startRelay()
    await post(running, 1, 1, 4)
    await post(running, 2, 1, 4)
    const [agentSnapshot] = await (await open(running.baseUrl, { token: await agentToken(2) })).received(1)
    expect(agentSnapshot).toMatchObject({ event: 'snapshot', id: '8' })
    expect(exportedSids(agentSnapshot!.json)).toEqual([conferenceSidOf(2)])
    const [all] = await (await open(running.baseUrl, { token: await viewerToken('WKsuper', 'supervisor') })).received(1)
    expect(exportedSids(all!.json)).toEqual([conferenceSidOf(1), conferenceSidOf(2)])
    const [stranger] = await (await open(running.baseUrl, { token: await agentToken(9) })).received(1)
    expect(exportedSids(stranger!.json)).toEqual([])
  })

  it('ties the stream to the token: nothing in the request can widen it', async () => {
    running = await startRelay()
    await post(running, 2, 1, 4)
    const token = await agentToken(1)
    const sneaky = await open(running.baseUrl, { token, query: `?token=${await agentToken(2)}&sub=${workerSidOf(2)}&role=supervisor` })
    const [snapshot] = await sneaky.received(1)
    expect(exportedSids(snapshot!.json)).toEqual([])
    await post(running, 2, 5, 5)
    await post(running, 1, 1, 2)
    const [, next] = await sneaky.received(2)
    expect(exportedSids(next!.json)).toEqual([conferenceSidOf(1)])
  })

  it('answers 401 without a valid, unexpired HS256 token with sub and role', async () => {
    running = await startRelay()
    const now = Math.floor(Date.now() / 1000)
    const refused = [
      undefined,
      'not-a-jwt',
      await viewerToken(workerSidOf(1), 'agent', { expiresAt: now - 10 }),
      await viewerToken(workerSidOf(1), 'agent', { secret: 'another-secret-of-enough-length-here' }),
      await viewerToken(workerSidOf(1), 'admin'),
      await viewerToken('__proto__', 'supervisor'),
      new UnsecuredJWT({ role: 'supervisor' }).setSubject(workerSidOf(1)).setExpirationTime(now + 60).encode(),
    ]
    for (const token of refused) {
      const reply = await send(`${running.baseUrl}/events`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })
      expect(reply.status, String(token)).toBe(401)
      expect(JSON.parse(reply.body)).toHaveProperty('error')
    }
    const expired = await send(`${running.baseUrl}/events?token=${refused[2]}`)
    expect(JSON.parse(expired.body).error).toMatch(/expired/)
  })

  it('reports health without any conference detail', async () => {
    running = await startRelay({ instance: 'relay-a' })
    await post(running, 1, 1, 3)
    await open(running.baseUrl, { token: await agentToken(1) })
    const reply = await send(`${running.baseUrl}/healthz`)
    expect(reply.status).toBe(200)
    const health = JSON.parse(reply.body)
    expect(health).toMatchObject({ status: 'ok', instance: 'relay-a', connections: 1, bus: { kind: 'memory', status: 'up' } })
    expect(typeof health.lastEventAt).toBe('number')
    expect(reply.body).not.toMatch(/CF[0-9a-f]{32}|CA[0-9a-f]{32}|WK[0-9a-f]{32}/)
  })
})

describe('GET /events: keeping the stream alive and bounded', () => {
  it('writes a heartbeat comment every heartbeatMs', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    running = await startRelay({ heartbeatMs: 15_000 })
    const stream = await open(running.baseUrl, { token: await agentToken(1) })
    await stream.received(1)
    vi.advanceTimersByTime(14_999)
    vi.advanceTimersByTime(1)
    await stream.commented(1)
    vi.advanceTimersByTime(15_000)
    await stream.commented(2)
    expect(stream.comments).toEqual(['heartbeat', 'heartbeat'])
  })

  it("ends a stream when its token expires, so a revoked viewer does not keep listening", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    // Live events written on the next turn (setImmediate), not after a (faked) timeout.
    running = await startRelay({ batchMs: 0 })
    const expiresAt = Math.floor(Date.now() / 1000) + 60
    const stream = await open(running.baseUrl, { token: await viewerToken('WKsuper', 'supervisor', { expiresAt }) })
    await stream.received(1)
    vi.advanceTimersByTime(expiresAt * 1000 - Date.now() - 1000)
    await post(running, 1, 1, 1)
    await stream.received(2)
    vi.advanceTimersByTime(2000)
    await stream.ended
    expect(JSON.parse((await send(`${running.baseUrl}/healthz`)).body).connections).toBe(0)
  })

  it('keeps a stream whose token expires beyond what one timer can wait (24.8 days) open until it expires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    running = await startRelay({ batchMs: 0 })
    const day = 24 * 3600 * 1000
    const expiresAt = Math.floor(Date.now() / 1000) + 30 * 24 * 3600
    const stream = await open(running.baseUrl, { token: await viewerToken('WKsuper', 'supervisor', { expiresAt }) })
    await stream.received(1)
    // A delay past 2^31 - 1 ms would fire at once.
    vi.advanceTimersByTime(10)
    await post(running, 1, 1, 1)
    await stream.received(2)
    // Past the first step of the wait (24.8 days), a minute before the token expires: still open.
    vi.advanceTimersByTime(30 * day - 60_000)
    await post(running, 1, 2, 2)
    await stream.received(3)
    vi.advanceTimersByTime(61_000)
    await stream.ended
    expect(JSON.parse((await send(`${running.baseUrl}/healthz`)).body).connections).toBe(0)
  })

  it('cuts off a viewer that stops reading instead of buffering for it, and keeps serving', async () => {
    const bus = createMemoryBus({ startAt: 0 })
    running = await startRelay({ bus, maxBufferedBytes: 4 * 1024 * 1024 })
    const token = await viewerToken('WKsuper', 'supervisor')
    const slow = await open(running.baseUrl, { token })
    await slow.received(1)
    slow.pause()
    // More than the kernel's socket buffers hold on loopback (up to 36 MB here), in large entries
    // written straight to the bus (the webhook's own path is covered above) so the test is quick.
    const padding = 'x'.repeat(512 * 1024)
    // A paused client no longer notices its socket closing: ask the relay how many streams it holds.
    const connections = async () => JSON.parse((await send(`${running!.baseUrl}/healthz`)).body).connections as number
    let appended = 0
    let cutOff = false
    while (!cutOff && appended < 200) {
      const action = fromTwilioStatusCallback(callback(1, 4 + appended), { receivedAt: 1 })
      await bus.append({ ...action, meta: { ...action.meta, padding } })
      appended += 1
      // Let the socket drain between entries, as webhooks arriving over the network do.
      await new Promise((resolve) => setImmediate(resolve))
      cutOff = (await connections()) === 0
    }
    expect(cutOff).toBe(true)
    // Not before the socket (and the kernel's buffers behind it) had taken the first entries.
    expect(appended).toBeGreaterThan(8)
    // The relay goes on: a viewer connecting now is served at once.
    const [snapshot] = await (await open(running.baseUrl, { token })).received(1)
    expect(snapshot).toMatchObject({ event: 'snapshot', id: String(appended) })
  })
})

describe('GET /events: resuming with Last-Event-ID', () => {
  it('replays exactly the missed events to a supervisor (header or ?lastEventId=)', async () => {
    running = await startRelay()
    const token = await viewerToken('WKsuper', 'supervisor')
    const first = await open(running.baseUrl, { token })
    await post(running, 1, 1, 3)
    await first.received(4)
    first.close()
    await post(running, 1, 4, 6)
    await post(running, 2, 1, 2)
    for (const how of ['header', 'query'] as const) {
      const resumed = await open(running.baseUrl, how === 'header' ? { token, lastEventId: first.lastEventId! } : { token, query: `?lastEventId=${first.lastEventId}` })
      const replayed = await resumed.received(5)
      expect(replayed.map((event) => [event.event, event.id])).toEqual(['4', '5', '6', '7', '8'].map((id) => ['conference', id]))
      resumed.close()
    }
  })

  it('replays a resume far larger than maxBufferedBytes to a reading supervisor, then goes live', async () => {
    const bus = createMemoryBus({ startAt: 0 })
    running = await startRelay({ bus, maxBufferedBytes: 16 * 1024 })
    const token = await viewerToken('WKsuper', 'supervisor')
    const first = await open(running.baseUrl, { token })
    await post(running, 1, 1, 3)
    await first.received(4)
    first.close()
    // 300 missed entries of about 2 KB: 600 KB of replay, 37 times the bound.
    const padding = 'x'.repeat(2_000)
    for (let sequence = 4; sequence <= 303; sequence += 1) {
      const action = fromTwilioStatusCallback(callback(1, sequence), { receivedAt: 1 })
      await bus.append({ ...action, meta: { ...action.meta, padding } })
    }
    const resumed = await open(running.baseUrl, { token, lastEventId: first.lastEventId! })
    const replayed = await resumed.received(300)
    expect(replayed.map((event) => `${event.event}#${event.id}`)).toEqual(Array.from({ length: 300 }, (_, index) => `conference#${index + 4}`))
    await post(running, 1, 304, 304)
    const [live] = (await resumed.received(301)).slice(300)
    expect(live).toMatchObject({ event: 'conference', id: '304' })
  })

  it('tells a viewer arriving while the bus is down right after its catch-up: snapshot or replay, then status', async () => {
    const memory = createMemoryBus({ startAt: 0 })
    let down = false
    const bus: ConferenceBus = { ...memory, status: () => (down ? 'down' : 'up') }
    running = await startRelay({ bus })
    await post(running, 1, 1, 3)
    down = true
    const token = await viewerToken('WKsuper', 'supervisor')
    const fresh = await open(running.baseUrl, { token })
    const resumed = await open(running.baseUrl, { token, lastEventId: '1' })
    const shape = (event: SseEvent) => `${event.event}${event.event === 'status' ? event.data : `#${event.id}`}`
    expect((await fresh.received(2)).map(shape)).toEqual(['snapshot#3', 'status{"bus":"down"}'])
    expect((await resumed.received(3)).map(shape)).toEqual(['conference#2', 'conference#3', 'status{"bus":"down"}'])
  })

  it('sends a fresh snapshot when the position is no longer in the log', async () => {
    running = await startRelay({ logSize: 3 })
    const token = await viewerToken('WKsuper', 'supervisor')
    await post(running, 1, 1, 2)
    await post(running, 1, 3, 8)
    for (const lastEventId of ['1', 'garbage', '999']) {
      const resumed = await open(running.baseUrl, { token, lastEventId })
      const [snapshot] = await resumed.received(1)
      expect(snapshot).toMatchObject({ event: 'snapshot', id: '8' })
      expect(exportedSids(snapshot!.json)).toEqual([conferenceSidOf(1)])
      resumed.close()
    }
  })

  it("sends a resuming agent one snapshot of their conferences that changed, nothing of others'", async () => {
    running = await startRelay()
    const token = await agentToken(1)
    const first = await open(running.baseUrl, { token })
    await post(running, 1, 1, 4)
    await first.received(3)
    first.close()
    await post(running, 1, 5, 6)
    await post(running, 2, 1, 6)
    const resumed = await open(running.baseUrl, { token, lastEventId: first.lastEventId! })
    const [snapshot] = await resumed.received(1)
    expect(snapshot).toMatchObject({ event: 'snapshot', id: '12' })
    expect(exportedSids(snapshot!.json)).toEqual([conferenceSidOf(1)])
    await post(running, 1, 7, 7)
    const [, live] = await resumed.received(2)
    expect(live).toMatchObject({ event: 'conference', id: '13' })
  })
})

/**
 * The webhook over a Redis bus with copies of one callback in flight at once (Twilio retrying
 * while the first request is still being stored): each callback is appended once, whether the
 * copies reach one instance or two, and every viewer gets each event once.
 */
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createRedisBus } from '../../src/relay'
import { callback } from '../relay/callbacks'
import { openStream, postCallback, startRelay, viewerToken, type RunningRelay, type SseStream } from '../relay/harness'
import { startRedisServer, type RedisServer } from './redisServer'

let redis: RedisServer
let admin: Redis
const running: RunningRelay[] = []
const streams: SseStream[] = []
let streamCount = 0

beforeAll(async () => {
  redis = await startRedisServer()
  admin = new Redis(redis.url, { protocol: 2 })
})
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close()
  await Promise.all(running.splice(0).map((relay) => relay.close()))
})
afterAll(async () => {
  admin.disconnect()
  await redis?.dispose()
})

/** A relay instance on the shared stream, with one public URL so a signature holds on either. */
async function relayOn(stream: string) {
  const relay = await startRelay({ bus: createRedisBus({ url: redis.url, stream }), publicUrl: 'https://relay.example.com' })
  running.push(relay)
  return relay
}

describe('POST /twilio/conference-events over Redis: copies in flight', { timeout: 30_000 }, () => {
  it.each([
    ['both copies to one instance', [0, 0]],
    ['one copy to each of two instances', [0, 1]],
  ] as const)('appends each callback once with %s', async (_, targets) => {
    const stream = `test:duplicates:${++streamCount}`
    const instances = [await relayOn(stream), await relayOn(stream)]
    const supervisor = await openStream(instances[1]!.baseUrl, { token: await viewerToken('WKsuper', 'supervisor') })
    streams.push(supervisor)
    await supervisor.received(1)
    for (let n = 1; n <= 5; n += 1) {
      for (let sequence = 1; sequence <= 4; sequence += 1) {
        const params = callback(n, sequence)
        const replies = await Promise.all(targets.map((index) => postCallback(instances[index]!, params)))
        expect(replies.map((reply) => reply.status)).toEqual([204, 204])
      }
    }
    expect(await admin.xlen(stream)).toBe(20)
    const events = (await supervisor.received(1 + 20)).slice(1)
    expect(new Set(events.map((event) => event.id)).size).toBe(20)
    // Nothing more: the next event the supervisor gets is the next callback's.
    await postCallback(instances[0]!, callback(1, 5))
    const [next] = (await supervisor.received(22)).slice(21)
    expect((next!.json as { payload: { sequence: number } }).payload.sequence).toBe(5)
  })
})

import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { isBusUnavailable, type BusEntry, type BusStatus, type ConferenceBus } from '../../src/relay/bus'
import { compareStreamIds } from '../../src/relay/redis/streamId'
import { createRedisBus, type RedisBusOptions } from '../../src/relay/redisBus'
import { startReaderGate } from './readerGate'
import { startRedisServer, type RedisServer } from './redisServer'

const action = (n: number) => ({ type: 'conferences/participantHeld', payload: { n } })
const numbers = (entries: readonly BusEntry[]) => entries.map((entry) => (entry.action.payload as { n: number }).n)
/** Real processes answer in real time: poll for a condition, never sleep a fixed time. */
const eventually = { timeout: 10_000, interval: 10 }

let redis: RedisServer
let admin: Redis
let streamCount = 0
const opened: ConferenceBus[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  admin = new Redis(redis.url, { protocol: 2 })
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((bus) => bus.close()))
})
afterAll(async () => {
  admin.disconnect()
  await redis?.dispose()
})

/** A bus on a fresh stream of the shared server, as one relay instance holds it. */
function instance(stream: string, options: Partial<RedisBusOptions> = {}) {
  const bus = createRedisBus({ url: redis.url, stream, ...options })
  opened.push(bus)
  const seen: BusEntry[] = []
  const statuses: BusStatus[] = []
  return {
    bus,
    seen,
    statuses,
    start: () => bus.start((entry) => seen.push(entry), (status) => statuses.push(status)),
  }
}
const freshStream = () => `test:events:${++streamCount}`

describe('createRedisBus', { timeout: 30_000 }, () => {
  it('delivers appends from either instance to both, once each, in stream order', async () => {
    const stream = freshStream()
    const a = instance(stream)
    const b = instance(stream)
    await Promise.all([a.start(), b.start()])
    expect(a.bus.kind).toBe('redis')
    expect(a.bus.status()).toBe('up')
    const ids = await Promise.all(Array.from({ length: 200 }, (_, n) => (n % 2 === 0 ? a : b).bus.append(action(n))))
    await vi.waitFor(() => expect(b.seen).toHaveLength(200), eventually)
    await vi.waitFor(() => expect(a.seen).toHaveLength(200), eventually)
    const inStreamOrder = [...ids].sort(compareStreamIds)
    expect(a.seen.map((entry) => entry.id)).toEqual(inStreamOrder)
    expect(b.seen).toEqual(a.seen)
    expect(new Set(numbers(a.seen)).size).toBe(200)
    const stored = (await admin.xrange(stream, '-', '+')).map(([id]) => id)
    expect(stored).toEqual(inStreamOrder)
  })

  it('appends copies of one callback in flight at once, on one or two instances, once (its identity), answering each with the one ID', async () => {
    const stream = freshStream()
    const a = instance(stream)
    const b = instance(stream)
    await Promise.all([a.start(), b.start()])
    // Each of 20 callbacks: two copies at once on A, and one on B, all before any is read back.
    const appends = Array.from({ length: 20 }, (_, n) => {
      const identity = `callback-${n}`
      return Promise.all([a.bus.append(action(n), { identity }), a.bus.append(action(n), { identity }), b.bus.append(action(n), { identity })])
    })
    const ids = await Promise.all(appends)
    for (const copies of ids) expect(new Set(copies).size).toBe(1)
    expect(await admin.xlen(stream)).toBe(20)
    await vi.waitFor(() => expect(b.seen).toHaveLength(20), eventually)
    expect(numbers(b.seen).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, n) => n))
    // The identity is remembered for duplicateWindowMs (in the stream's hash slot), then forgotten.
    const ttl = await admin.pttl(`{${stream}}:seen:callback-0`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(120_000)
    // Without an identity every append is stored (the bus knows nothing of what an action means).
    await Promise.all([a.bus.append(action(99)), a.bus.append(action(99))])
    expect(await admin.xlen(stream)).toBe(22)
  })

  it('delivers the whole retained stream, in pages, before start() resolves', async () => {
    const stream = freshStream()
    const writer = instance(stream)
    await writer.start()
    for (let n = 0; n < 53; n += 1) await writer.bus.append(action(n))
    const late = instance(stream, { pageSize: 7 })
    await late.start()
    expect(numbers(late.seen)).toEqual(Array.from({ length: 53 }, (_, n) => n))
    await writer.bus.append(action(53))
    await vi.waitFor(() => expect(late.seen).toHaveLength(54), eventually)
    expect(late.seen.map((entry) => entry.id)).toEqual(writer.seen.map((entry) => entry.id))
  })

  it('keeps the stream near maxLen (XADD MAXLEN ~)', async () => {
    const stream = freshStream()
    const a = instance(stream, { maxLen: 100 })
    await a.start()
    for (let n = 0; n < 1_000; n += 1) await a.bus.append(action(n))
    const length = await admin.xlen(stream)
    // `~` trims whole radix-tree nodes (100 entries each by default): never below maxLen, never far above.
    expect(length).toBeGreaterThanOrEqual(100)
    expect(length).toBeLessThan(300)
  })

  it('reads after a held position up to what this instance delivered; undefined once trimmed, unknown or malformed', async () => {
    const stream = freshStream()
    const a = instance(stream, { maxLen: 100, pageSize: 16 })
    await a.start()
    const ids: string[] = []
    for (let n = 0; n < 50; n += 1) ids.push(await a.bus.append(action(n)))
    await vi.waitFor(() => expect(a.seen).toHaveLength(50), eventually)
    expect(numbers((await a.bus.readAfter(ids[9]!))!)).toEqual(Array.from({ length: 40 }, (_, n) => n + 10))
    expect((await a.bus.readAfter(ids[49]!))!).toEqual([])
    expect((await a.bus.readAfter(ids[48]!))!).toEqual([a.seen[49]])
    const [ms] = ids[0]!.split('-')
    for (const unknown of [`${ms}-999999`, '1-0', '0-0', '99999999999999-0']) expect(await a.bus.readAfter(unknown)).toBeUndefined()
    for (const bad of ['', 'abc', '-', '+', '$', `(${ids[0]}`, `${ids[0]} `, '__proto__', '99999999999999999999999-0']) {
      expect(await a.bus.readAfter(bad)).toBeUndefined()
    }
    for (let n = 50; n < 1_000; n += 1) ids.push(await a.bus.append(action(n)))
    await vi.waitFor(() => expect(a.seen).toHaveLength(1_000), eventually)
    expect(await a.bus.readAfter(ids[0]!)).toBeUndefined()
    expect(numbers((await a.bus.readAfter(ids[989]!))!)).toEqual([990, 991, 992, 993, 994, 995, 996, 997, 998, 999])
  })

  it('ends a resume exactly where live delivery goes on, even for a viewer coming from an instance ahead', async () => {
    const stream = freshStream()
    const a = instance(stream)
    const viewers: { from: string; got: string[] }[] = []
    const listening: { from: string; got: string[] }[] = []
    const b = createRedisBus({ url: redis.url, stream })
    opened.push(b)
    const seenByB: string[] = []
    await Promise.all([
      a.start(),
      b.start(
        (entry) => {
          seenByB.push(entry.id)
          for (const viewer of listening) viewer.got.push(entry.id)
        },
        () => {},
      ),
    ])
    let lastAcknowledged = await a.bus.append(action(-1))
    const produce = async (worker: number) => {
      for (let n = 0; n < 40; n += 1) lastAcknowledged = await a.bus.append(action(worker * 100 + n))
    }
    // Viewers move to B with the newest position A acknowledged, often ahead of what B has read.
    const resume = async () => {
      for (let round = 0; round < 30; round += 1) {
        const from = lastAcknowledged
        const replay = await b.readAfter(from)
        expect(replay).toBeDefined()
        // Registering right after the await, as the relay does: no delivery may fall in between.
        const viewer = { from, got: replay!.map((entry) => entry.id) }
        viewers.push(viewer)
        listening.push(viewer)
      }
    }
    await Promise.all([...Array.from({ length: 8 }, (_, worker) => produce(worker)), resume(), resume()])
    await vi.waitFor(() => expect(seenByB).toHaveLength(321), eventually)
    for (const viewer of viewers) {
      expect(viewer.got).toEqual(seenByB.slice(seenByB.indexOf(viewer.from) + 1))
    }
  })

  it('makes a viewer from an instance further ahead wait until this instance read as far', async () => {
    const stream = freshStream()
    const gate = await startReaderGate(redis.port)
    try {
      const a = instance(stream)
      const lagging = createRedisBus({ url: gate.url, stream })
      opened.push(lagging)
      const seenByB: string[] = []
      const viewers: { from: string; got: string[] }[] = []
      await Promise.all([a.start(), lagging.start((entry) => {
        seenByB.push(entry.id)
        for (const viewer of viewers) viewer.got.push(entry.id)
      }, () => {})])
      gate.hold()
      const ids: string[] = []
      for (let n = 0; n < 10; n += 1) ids.push(await a.bus.append(action(n)))
      const resume = async (from: string) => {
        const replay = await lagging.readAfter(from)
        viewers.push({ from, got: replay!.map((entry) => entry.id) })
      }
      const resumed = Promise.all([resume(ids[9]!), resume(ids[4]!)])
      gate.release()
      await resumed
      for (let n = 10; n < 15; n += 1) ids.push(await a.bus.append(action(n)))
      await vi.waitFor(() => expect(seenByB).toEqual(ids), eventually)
      for (const viewer of viewers) expect(viewer.got).toEqual(ids.slice(ids.indexOf(viewer.from) + 1))
    } finally {
      await gate.close()
    }
  })

  it('says so when the stream was trimmed past its position while it was disconnected', async () => {
    const stream = freshStream()
    const gate = await startReaderGate(redis.port)
    try {
      const a = instance(stream, { maxLen: 10 })
      const errors: string[] = []
      const away = createRedisBus({ url: gate.url, stream, onError: (error) => errors.push(error.message) })
      opened.push(away)
      const seen: string[] = []
      await Promise.all([a.start(), away.start((entry) => seen.push(entry.id), () => {})])
      await a.bus.append(action(0))
      await vi.waitFor(() => expect(seen).toHaveLength(1), eventually)
      gate.hold()
      for (let n = 1; n <= 500; n += 1) await a.bus.append(action(n))
      gate.cutReaders()
      await vi.waitFor(() => expect(errors).toContainEqual(expect.stringContaining(`no longer holds ${seen[0]}`)), eventually)
      // It goes on with what the stream still holds, in order.
      await a.bus.append(action(501))
      await vi.waitFor(() => expect(seen.at(-1)).toBe(a.seen.at(-1)!.id), eventually)
      expect([...seen].sort(compareStreamIds)).toEqual(seen)
    } finally {
      await gate.close()
    }
  })

  it('skips entries it cannot read (reporting them) and goes on', async () => {
    const stream = freshStream()
    const errors: Error[] = []
    const a = instance(stream, { onError: (error) => errors.push(error) })
    await admin.xadd(stream, '*', 'action', '{not json')
    await a.start()
    await admin.xadd(stream, '*', 'note', 'written by something else')
    await a.bus.append(action(1))
    await vi.waitFor(() => expect(numbers(a.seen)).toEqual([1]), eventually)
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/skipped stream entry \d+-\d+ of test:events:\d+: the `action` field is not JSON/),
      expect.stringMatching(/skipped stream entry \d+-\d+ of test:events:\d+: the entry has no `action` field/),
    ])
  })

  it('rejects appends with BUS_UNAVAILABLE before start, after close, and refuses bad options', async () => {
    const bus = createRedisBus({ url: redis.url, stream: freshStream() })
    expect(bus.status()).toBe('down')
    expect(isBusUnavailable(await bus.append(action(1)).catch((error: unknown) => error))).toBe(true)
    expect(await bus.readAfter('1-0')).toBeUndefined()
    await bus.close()
    expect(() => createRedisBus({ url: '' })).toThrow(/`url` is a required option/)
    expect(() => createRedisBus({ url: redis.url, maxLen: 0 })).toThrow(/`maxLen` must be a positive integer/)
  })
})

describe('createRedisBus while Redis is away', { timeout: 30_000 }, () => {
  it('fails start() with BUS_UNAVAILABLE when Redis cannot be reached, naming the URL without its password', async () => {
    const gone = await startRedisServer()
    await gone.dispose()
    const bus = createRedisBus({ url: `redis://:secret@127.0.0.1:${gone.port}`, onError: () => {} })
    const error = await bus.start(() => {}, () => {}).catch((caught: unknown) => caught)
    expect(isBusUnavailable(error)).toBe(true)
    expect((error as Error).message).toMatch(/cannot read the stream conference-state:events at redis:\/\/:\*\*\*@127\.0\.0\.1/)
  })
  it('closes at once while Redis is down, without waiting for the reader', async () => {
    const briefly = await startRedisServer()
    const statuses: BusStatus[] = []
    const bus = createRedisBus({ url: briefly.url, onError: () => {} })
    await bus.start(() => {}, (status) => statuses.push(status))
    await briefly.dispose()
    await vi.waitFor(() => expect(bus.status()).toBe('down'), eventually)
    await bus.close()
    expect(statuses).toEqual(['down'])
    expect(isBusUnavailable(await bus.append(action(1)).catch((error: unknown) => error))).toBe(true)
  })
})

describe('createRedisBus across a Redis restart', { timeout: 30_000 }, () => {
  let durable: RedisServer
  beforeAll(async () => {
    durable = await startRedisServer({ appendOnly: true })
  })
  afterAll(async () => {
    await durable?.dispose()
  })

  it('answers 503-style rejections while down, reports down/up, and every acknowledged entry reaches every instance', async () => {
    const stream = freshStream()
    const make = () => {
      const seen: BusEntry[] = []
      const statuses: BusStatus[] = []
      const bus = createRedisBus({ url: durable.url, stream, commandTimeoutMs: 500, onError: () => {} })
      opened.push(bus)
      return { bus, seen, statuses, start: () => bus.start((entry) => seen.push(entry), (status) => statuses.push(status)) }
    }
    const a = make()
    const b = make()
    await Promise.all([a.start(), b.start()])
    const refused: number[] = []
    const everRefused = new Set<number>()
    const post = async (n: number) => {
      try {
        await (n % 2 === 0 ? a : b).bus.append(action(n))
      } catch (error) {
        expect(isBusUnavailable(error)).toBe(true)
        refused.push(n)
        everRefused.add(n)
      }
    }
    // Callbacks keep arriving while Redis stops: some in flight when it goes.
    const before = Array.from({ length: 100 }, (_, n) => post(n))
    await durable.stop()
    await Promise.all(before)
    await vi.waitFor(() => expect([a.bus.status(), b.bus.status()]).toEqual(['down', 'down']), eventually)
    for (let n = 100; n < 110; n += 1) await post(n)
    expect(refused).toEqual(expect.arrayContaining([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]))
    expect(await a.bus.readAfter(a.seen[0]?.id ?? '1-0')).toBeUndefined()

    await durable.restart()
    await vi.waitFor(() => expect([a.bus.status(), b.bus.status()]).toEqual(['up', 'up']), eventually)
    // Twilio retries what got a 503.
    for (const n of refused.splice(0)) await post(n)
    expect(refused).toEqual([])
    const everyNumber = Array.from({ length: 110 }, (_, n) => n)
    for (const instance of [a, b]) {
      await vi.waitFor(() => expect([...new Set(numbers(instance.seen))].sort((x, y) => x - y)).toEqual(everyNumber), eventually)
      expect(instance.statuses).toEqual(['down', 'up'])
    }
    await vi.waitFor(() => expect(b.seen).toEqual(a.seen), eventually)
    // An append cut off in flight may have reached Redis before the 503: Twilio's retry then adds a
    // duplicate, which the slice drops by its sequence number. Only refused callbacks can repeat.
    const repeated = numbers(a.seen).filter((n, index, all) => all.indexOf(n) !== index)
    for (const n of repeated) expect(everRefused.has(n)).toBe(true)
  })
})

/* eslint-disable @typescript-eslint/no-non-null-assertion -- bench indices are in range by construction */
/**
 * What Redis itself limits: appends per second through `createRedisBus` (XADD with MAXLEN ~,
 * 64 in flight, as 64 concurrent webhooks) while two other bus instances read every entry, with
 * no relay and no viewers around it. `tsx bench/relay-instances/busCeiling.ts [--appends N]`.
 */
import { parseArgs } from 'node:util'
import { Redis } from 'ioredis'
import { createRedisBus } from '../../src/relay/redisBus'
import { callback } from '../../test/relay-redis/callbacks'
import { startRedisServer } from '../../test/relay-redis/redisServer'
import { fromTwilioStatusCallback } from '../../src/adapters/twilioStatusCallback'

const { values } = parseArgs({ options: { appends: { type: 'string', default: '50000' } } })
const total = Number(values.appends)
const redis = await startRedisServer()
const readers = [createRedisBus({ url: redis.url }), createRedisBus({ url: redis.url })]
const received = [0, 0]
let lastAt = 0
await Promise.all(
  readers.map((bus, index) =>
    bus.start(() => {
      received[index]! += 1
      lastAt = performance.now()
    }, () => {}),
  ),
)
const writer = createRedisBus({ url: redis.url })
await writer.start(() => {}, () => {})
const actions = Array.from({ length: total }, (_, n) => fromTwilioStatusCallback(callback(n % 1_000, 3 + Math.floor(n / 1_000)), { receivedAt: 1_764_752_400_000 + n }))
const start = performance.now()
let next = 0
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (next < total) await writer.append(actions[next++]!)
  }),
)
const appended = performance.now() - start
while (received.some((count) => count < total)) await new Promise((resolve) => setTimeout(resolve, 20))
const admin = new Redis(redis.url, { protocol: 2 })
const bytes = Number(await admin.call('MEMORY', 'USAGE', 'conference-state:events', 'SAMPLES', '0'))
const length = await admin.xlen('conference-state:events')
admin.disconnect()
console.log(
  `${total} appends in ${(appended / 1000).toFixed(2)} s: ${Math.round(total / (appended / 1000))} appends/s; ` +
    `both readers had every entry ${Math.round(lastAt - start - appended)} ms after the last append; ` +
    `stream ${length} entries, ${Math.round(bytes / length)} bytes per entry in Redis`,
)
await Promise.all([...readers, writer].map((bus) => bus.close()))
await redis.dispose()

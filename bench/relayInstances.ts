/* eslint-disable @typescript-eslint/no-non-null-assertion -- bench indices are in range by construction */
/**
 * The multi-instance relay benchmark (`npm run bench:relay -- --instances 2`): real relay
 * processes sharing one real redis-server on 127.0.0.1, thousands of viewer streams split across
 * them, signed callbacks POSTed open-loop and spread over the instances. Each run measures the
 * same load on one instance first, then on `--instances`, and reports accepted callbacks/s,
 * webhook-to-client latency (p50, p99, max), every viewer checked for lost and duplicated events,
 * and each relay's memory. Writes bench/relay-instances-results.json. See docs/relay-redis.md.
 *
 * Options: --instances N (2), --viewers N (2000, split over the instances), --supervisors N (50 of
 * the viewers; the others are agents, one per conference), --rate N callbacks/s (1000),
 * --duration N seconds (30), --no-baseline (skip the one-instance run), --in-process (the baseline without
 * Redis, the default bus).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:http'
import { Worker } from 'node:worker_threads'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { Redis } from 'ioredis'
import { callScript, sid, viewerToken, workerOf } from '../test/relay-redis/callbacks'
import { startRedisServer } from '../test/relay-redis/redisServer'
import { startRelayProcess, type RelayProcess } from '../test/relay-redis/relayProcess'
import { runWebhookLoad, type LoadResult } from './relay-instances/webhookLoad'

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '2' },
    viewers: { type: 'string', default: '2000' },
    supervisors: { type: 'string', default: '50' },
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '30' },
    'no-baseline': { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
  },
})
const config = {
  instances: Number(values.instances),
  viewers: Number(values.viewers),
  supervisors: Number(values.supervisors),
  rate: Number(values.rate),
  seconds: Number(values.duration),
}
const agents = config.viewers - config.supervisors
if (![config.instances, config.rate, config.seconds].every((n) => Number.isInteger(n) && n > 0) || agents < 1 || config.supervisors < 0) {
  throw new Error('--instances, --rate and --duration take positive integers; --viewers must exceed --supervisors')
}

const t0 = Date.now()
const log = (message: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`)
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
const rssMb = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match === null ? NaN : Math.round(Number(match[1]) / 1024)
}

/** CPU time a process has used (user + system, ms), from /proc: robust where other work shares the cores. */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
}

interface RunResult {
  instances: number
  bus: 'redis' | 'memory'
  load: LoadResult
  acceptedPerSecond: number
  streamEntries: number
  latencyMs: { samples: number; p50: number; p99: number; max: number }
  supervisorLatencyMs: { samples: number; p50: number; p99: number; max: number }
  viewersWithLoss: number
  viewersWithDuplicates: number
  viewerReconnects: number
  relayRssMb: number[]
  redisRssMb: number | undefined
  /** CPU each relay used per accepted callback (ms), sending included: one core takes 1000 / this callbacks/s. */
  relayCpuMsPerCallback: number[]
  /** CPU redis-server used per accepted callback (ms). */
  redisCpuMsPerCallback: number | undefined
  /** The machine's 1-minute load average at the end: other work on the cores skews every figure. */
  loadAverage: number
}

/** What one viewer saw (kept by bench/relay-instances/viewerWorker.mjs). */
interface ViewerTally {
  role: 'agent' | 'supervisor'
  /** `conference` events received. */
  events: number
  /** Events whose ID was not after the previous one (duplicated or out of order). */
  outOfOrder: number
  /** Agents: the sequence numbers of their conference received as events. */
  received: number[]
  /** Agents: the highest sequence number their snapshots covered. */
  covered: number
  snapshots: number
  /** Streams that ended or failed (a slow viewer is cut off) and were reopened. */
  drops: number
}

/** The viewers' thread, and a way to ask it for its tallies. */
function startViewers(viewers: { origin: string; token: string; role: 'agent' | 'supervisor'; timed: boolean }[]) {
  const worker = new Worker(new URL('./relay-instances/viewerWorker.mjs', import.meta.url), { workerData: { viewers } })
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const listen = (message: { type: string } & T) => {
        if (message.type !== type) return
        worker.off('message', listen)
        resolve(message)
      }
      worker.on('message', listen)
      worker.postMessage({ type })
    })
  const connected = new Promise<void>((resolve) => worker.on('message', (message: { type: string }) => message.type === 'connected' && resolve()))
  return { worker, ask, connected }
}

const summarize = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y)
  const round = (n: number) => Math.round(n * 10) / 10
  return { samples: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) }
}

async function run(instances: number, bus: 'redis' | 'memory'): Promise<RunResult> {
  const redis = bus === 'redis' ? await startRedisServer() : undefined
  const relays: RelayProcess[] = []
  for (let n = 0; n < instances; n += 1) relays.push(await startRelayProcess(redis?.url))
  const posts = new Agent({ keepAlive: true, maxSockets: 64 })
  const sentAt = new Map<number, number>()
  const perConference = Math.max(3, Math.floor((config.rate * config.seconds) / agents))
  const script = callScript(agents, perConference)
  log(`${instances} instance(s), ${bus} bus: ${agents} agents + ${config.supervisors} supervisors, ${script.length} callbacks at ${config.rate}/s`)

  const supervisorToken = await viewerToken(sid('WK', 0xfffff), 'supervisor')
  const specs = []
  for (let k = 0; k < config.viewers; k += 1) {
    const role = k < agents ? ('agent' as const) : ('supervisor' as const)
    const token = role === 'agent' ? await viewerToken(workerOf(k), 'agent') : supervisorToken
    // Every agent is timed (each has about one event a second); one supervisor in ten.
    specs.push({ origin: relays[k % instances]!.origin, token, role, timed: role === 'agent' || k % 10 === 0 })
  }
  const viewers = startViewers(specs)
  await viewers.connected
  log(`${specs.length} viewers connected`)

  const cpuBefore = relays.map((relay) => cpuMs(relay.pid))
  const redisCpuBefore = redis === undefined ? 0 : cpuMs(redis.pid()!)
  const load = await runWebhookLoad(relays.map((relay) => relay.origin), posts, script, config.rate, sentAt)
  log(`posted: ${load.accepted} accepted, ${load.unavailable} 503, ${load.other} other, in ${(load.elapsedMs / 1000).toFixed(1)} s`)

  // What the stream holds per conference: a callback that arrives after a later one of its call
  // changes nothing and is answered 204 without an append, so "every callback" means these.
  let streamEntries = load.accepted
  let redisRssMb: number | undefined
  const appended = new Map<number, Set<number>>()
  if (redis !== undefined) {
    const admin = new Redis(redis.url, { protocol: 2 })
    streamEntries = await admin.xlen('conference-state:events')
    for (let start = '-'; ; ) {
      const page = await admin.xrange('conference-state:events', start, '+', 'COUNT', 1_000)
      for (const [, fields] of page) {
        const payload = (JSON.parse(fields[1]!) as { payload: { conferenceSid: string; sequence: number } }).payload
        const conference = parseInt(payload.conferenceSid.slice(2), 16)
        if (!appended.has(conference)) appended.set(conference, new Set())
        appended.get(conference)!.add(payload.sequence)
      }
      if (page.length < 1_000) break
      start = `(${page.at(-1)![0]}`
    }
    admin.disconnect()
    redisRssMb = rssMb(redis.pid()!)
  }
  const expectedOf = (agentIndex: number) =>
    appended.get(agentIndex + 1) ?? new Set(Array.from({ length: perConference }, (_, n) => n + 1))
  /** Agents: every sequence number of their call the stream holds, covered by a snapshot or received; supervisors: every entry. */
  const done = (tally: ViewerTally, index: number) => {
    if (tally.role === 'supervisor') return tally.events >= streamEntries
    const received = new Set(tally.received)
    for (const sequence of expectedOf(index)) if (sequence > tally.covered && !received.has(sequence)) return false
    return true
  }
  const duplicated = (tally: ViewerTally) => tally.outOfOrder > 0 || new Set(tally.received).size !== tally.received.length
  const drainUntil = Date.now() + 20_000
  while (Date.now() < drainUntil) {
    const { tallies } = await viewers.ask<{ tallies: ViewerTally[] }>('tallies')
    if (tallies.every((tally, index) => done(tally, index))) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const relayRssMb = relays.map((relay) => rssMb(relay.pid))
  const perCallback = (ms: number) => Math.round((ms / load.accepted) * 1000) / 1000
  const relayCpuMsPerCallback = relays.map((relay, index) => perCallback(cpuMs(relay.pid) - cpuBefore[index]!))
  const redisCpuMsPerCallback = redis === undefined ? undefined : perCallback(cpuMs(redis.pid()!) - redisCpuBefore)
  const report = await viewers.ask<{ tallies: ViewerTally[]; agentArrivals: Float64Array; supervisorArrivals: Float64Array }>('report')
  await viewers.worker.terminate()
  const latencies = (arrivals: Float64Array) => {
    const values: number[] = []
    for (let index = 0; index < arrivals.length; index += 2) {
      const sent = sentAt.get(arrivals[index]!)
      if (sent !== undefined) values.push(arrivals[index + 1]! - sent)
    }
    return values
  }
  const { tallies } = report
  const lossy = tallies.filter((tally, index) => !done(tally, index))
  if (lossy.length > 0) log(`viewers short of the stream: ${JSON.stringify(lossy.slice(0, 5))} (agents expect sequence ${perConference}, supervisors ${streamEntries} events)`)

  const result: RunResult = {
    instances,
    bus,
    load,
    acceptedPerSecond: Math.round(load.accepted / (load.elapsedMs / 1000)),
    streamEntries,
    latencyMs: summarize(latencies(report.agentArrivals)),
    supervisorLatencyMs: summarize(latencies(report.supervisorArrivals)),
    viewersWithLoss: lossy.length,
    viewersWithDuplicates: tallies.filter(duplicated).length,
    viewerReconnects: tallies.reduce((sum, tally) => sum + tally.drops, 0),
    relayRssMb,
    redisRssMb,
    relayCpuMsPerCallback,
    redisCpuMsPerCallback,
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
  }
  posts.destroy()
  await Promise.all(relays.map((relay) => relay.stop()))
  await redis?.dispose()
  return result
}

const results: RunResult[] = []
if (!values['no-baseline']) results.push(await run(1, values['in-process'] ? 'memory' : 'redis'))
results.push(await run(config.instances, 'redis'))

console.log(`\nrelay over Redis: ${config.viewers} viewers (${config.supervisors} supervisors), ${config.rate} callbacks/s for ${config.seconds} s, ${os.cpus().length} cores`)
console.log('instances | bus    | accepted/s | 503 | latency p50 / p99 / max (ms) | supervisors p50 / p99 / max | lost | dup | reconnects | relay RSS MB | relay CPU ms/callback | redis CPU ms/callback | load')
for (const r of results) {
  console.log(
    [
      String(r.instances).padEnd(9),
      r.bus.padEnd(6),
      String(r.acceptedPerSecond).padEnd(10),
      String(r.load.unavailable).padEnd(3),
      `${r.latencyMs.p50} / ${r.latencyMs.p99} / ${r.latencyMs.max}`.padEnd(28),
      `${r.supervisorLatencyMs.p50} / ${r.supervisorLatencyMs.p99} / ${r.supervisorLatencyMs.max}`.padEnd(27),
      String(r.viewersWithLoss).padEnd(4),
      String(r.viewersWithDuplicates).padEnd(3),
      String(r.viewerReconnects).padEnd(10),
      r.relayRssMb.join(', ').padEnd(12),
      r.relayCpuMsPerCallback.join(', ').padEnd(21),
      String(r.redisCpuMsPerCallback ?? '-').padEnd(21),
      String(r.loadAverage),
    ].join(' | '),
  )
}
writeFileSync(new URL('./relay-instances-results.json', import.meta.url), `${JSON.stringify({ config, results }, null, 2)}\n`)

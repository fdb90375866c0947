/* eslint-disable @typescript-eslint/no-non-null-assertion -- bench counters and regex groups exist by construction */
/**
 * `npm run bench:relay`: one relay process (the built `conference-state relay`), many supervisor
 * viewers, signed status callbacks POSTed at a steady rate. Reports accepted callbacks/s,
 * webhook-to-client latency (p50/p99/max, from the moment a callback is sent to the moment a
 * viewer has read its event), the relay's memory, lost or duplicated events at every viewer
 * (checked), then a ramp of higher rates to find where p99 passes 250 ms.
 *
 *   npm run bench:relay -- --viewers 1000 --rate 500 --duration 30 --ramp 1000,1500,2000,3000 --ramp-duration 10
 *
 * Writes bench/relay-results.json.
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { SignJWT } from 'jose'
import twilio from 'twilio'

// `npm run bench:relay -- --instances 2`: many instances over one Redis (bench/relayInstances.ts).
if (process.argv.includes('--instances')) {
  await import('./relayInstances')
  process.exit(0)
}

const { values } = parseArgs({
  options: {
    viewers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '30' },
    ramp: { type: 'string', default: '1000,1500,2000,3000' },
    'ramp-duration': { type: 'string', default: '10' },
    'sample-every': { type: 'string', default: '20' },
  },
})
const VIEWERS = Number(values.viewers)
const RATE = Number(values.rate)
const DURATION_S = Number(values.duration)
const RAMP = values.ramp.length === 0 ? [] : values.ramp.split(',').map(Number)
const RAMP_DURATION_S = Number(values['ramp-duration'])
const SAMPLE_EVERY = Number(values['sample-every'])

const AUTH_TOKEN = 'bench-auth-token'
const TOKEN_SECRET = 'bench-secret-bench-secret-bench-secret'
const now = () => performance.timeOrigin + performance.now()
const log = (message: string) => console.error(`[relay bench] ${message}`)

// ---------- the relay process ----------
const relayProcess = spawn(process.execPath, [...(process.env.RELAY_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'dist/cli/bin.js', 'relay', '--port', '0'], {
  env: { ...process.env, NODE_ENV: 'production', TWILIO_AUTH_TOKEN: AUTH_TOKEN, RELAY_TOKEN_SECRET: TOKEN_SECRET },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const origin = await new Promise<string>((resolve, reject) => {
  let output = ''
  relayProcess.stdout.setEncoding('utf8')
  relayProcess.stdout.on('data', (chunk: string) => {
    output += chunk
    const match = /listening on (http:\/\/\S+)/.exec(output)
    if (match !== null) resolve(match[1]!)
  })
  relayProcess.once('exit', (code) => reject(new Error(`the relay exited (${code}) before listening`)))
})
const webhookUrl = `${origin}/twilio/conference-events`
const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN)
  return { rssMiB: kb('VmRSS') / 1024, peakRssMiB: kb('VmHWM') / 1024 }
}
/** CPU seconds the relay process has used (user + system), from /proc (clock ticks of 10 ms). */
const cpuSecondsOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}
const loadAverage = () => os.loadavg().map((load) => +load.toFixed(1))
log(`relay at ${origin} (pid ${relayProcess.pid}), ${memoryOf(relayProcess.pid!).rssMiB.toFixed(0)} MiB, load average ${loadAverage().join(' ')}`)

// ---------- viewers ----------
const token = await new SignJWT({ role: 'supervisor' })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject('WKbenchsupervisor')
  .setExpirationTime('2h')
  .sign(new TextEncoder().encode(TOKEN_SECRET))
// Two reader threads: one would spend more CPU reading than the relay spends writing.
const THREADS = Math.min(2, VIEWERS)
const workers = Array.from({ length: THREADS }, (_, thread) => {
  const first = Math.floor((thread * VIEWERS) / THREADS)
  const viewers = Math.floor(((thread + 1) * VIEWERS) / THREADS) - first
  return new Worker(new URL('./relayViewerWorker.mjs', import.meta.url), { workerData: { origin, token, viewers, sampleEvery: SAMPLE_EVERY, firstIndex: first } })
})
await Promise.all(workers.map((worker) => new Promise<void>((resolve) => worker.on('message', (message: { type: string }) => message.type === 'connected' && resolve()))))
log(`${VIEWERS} supervisor viewers connected`)

// ---------- callbacks ----------
const hex = (n: number) => n.toString(16).padStart(32, '0')
const sequences = new Map<number, number>()
/** The next callback of conference `n`: joins and start, then the customer's hold toggling. */
function nextCallback(n: number): { params: Record<string, string>; key: number } {
  const sequence = (sequences.get(n) ?? 0) + 1
  sequences.set(n, sequence)
  const base = { AccountSid: `AC${hex(7)}`, ConferenceSid: `CF${hex(n)}`, FriendlyName: `room-${n}`, SequenceNumber: String(sequence), Timestamp: new Date().toUTCString().replace('GMT', '+0000') }
  const leg = (callSid: string, label: string, hold: boolean) => ({ CallSid: callSid, ParticipantLabel: label, Hold: String(hold), Muted: 'false', Coaching: 'false', EndConferenceOnExit: 'false', StartConferenceOnEnter: 'true' })
  let params: Record<string, string>
  if (sequence === 1) params = { ...base, StatusCallbackEvent: 'participant-join', ...leg(`CA${hex(n * 2)}`, 'customer', false) }
  else if (sequence === 2) params = { ...base, StatusCallbackEvent: 'participant-join', ...leg(`CA${hex(n * 2 + 1)}`, `worker:WK${hex(n)}`, false) }
  else if (sequence === 3) params = { ...base, StatusCallbackEvent: 'conference-start' }
  else {
    const hold = sequence % 2 === 0
    params = { ...base, StatusCallbackEvent: hold ? 'participant-hold' : 'participant-unhold', ...leg(`CA${hex(n * 2)}`, 'customer', hold) }
  }
  return { params, key: n * 1_000_000 + sequence }
}

const agent = new Agent({ keepAlive: true, maxSockets: 128 })
const sentAt = new Map<number, { at: number; phase: string }>()
interface PhaseCount {
  sent: number
  accepted: number
  refused: number
}
const counts = new Map<string, PhaseCount>()

function post(params: Record<string, string>, phase: PhaseCount): Promise<void> {
  const body = new URLSearchParams(params).toString()
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, webhookUrl, params)
  return new Promise((resolve) => {
    const req = request(webhookUrl, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } }, (response) => {
      response.resume()
      response.on('end', () => {
        if (response.statusCode === 204) phase.accepted += 1
        else phase.refused += 1
        resolve()
      })
    })
    req.on('error', () => {
      phase.refused += 1
      resolve()
    })
    req.end(body)
  })
}

/** POSTs `rate` callbacks a second for `seconds`, paced every 10 ms, over `rate` conferences. */
async function drive(phase: string, rate: number, seconds: number): Promise<{ elapsedS: number; relayCpuS: number }> {
  const cpuBefore = cpuSecondsOf(relayProcess.pid!)
  const count: PhaseCount = { sent: 0, accepted: 0, refused: 0 }
  counts.set(phase, count)
  const total = rate * seconds
  const conferences = Math.max(1, rate)
  const firstConference = 1 + [...counts.keys()].length * 100_000
  const started = now()
  const inFlight: Promise<void>[] = []
  while (count.sent < total) {
    const due = Math.min(total, Math.floor(((now() - started) / 1000) * rate) + 1)
    while (count.sent < due) {
      const { params, key } = nextCallback(firstConference + (count.sent % conferences))
      sentAt.set(key, { at: now(), phase })
      count.sent += 1
      inFlight.push(post(params, count))
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await Promise.all(inFlight)
  return { elapsedS: (now() - started) / 1000, relayCpuS: cpuSecondsOf(relayProcess.pid!) - cpuBefore }
}

interface ViewerTally {
  lastId: number
  events: number
  gaps: number
  duplicates: number
  ended: boolean
}

async function report(): Promise<{ tallies: ViewerTally[]; samples: Float64Array }> {
  // Let the last events reach every viewer before asking.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const parts = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<{ tallies: ViewerTally[]; samples: Float64Array }>((resolve) => {
          const listener = (message: { type: string; tallies: ViewerTally[]; samples: Float64Array }) => {
            if (message.type !== 'report') return
            worker.off('message', listener)
            resolve(message)
          }
          worker.on('message', listener)
          worker.postMessage({ type: 'report' })
        }),
    ),
  )
  const samples = new Float64Array(parts.reduce((sum, part) => sum + part.samples.length, 0))
  let offset = 0
  for (const part of parts) {
    samples.set(part.samples, offset)
    offset += part.samples.length
  }
  return { tallies: parts.flatMap((part) => part.tallies), samples }
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!)

const phases: Array<{ phase: string; rate: number; seconds: number; elapsedS: number; relayCpuS: number }> = []
const loadAtStart = loadAverage()
const main = await drive('main', RATE, DURATION_S)
phases.push({ phase: 'main', rate: RATE, seconds: DURATION_S, ...main })
const afterMain = await report()
const memoryAfterMain = memoryOf(relayProcess.pid!)
log(`main phase sent ${counts.get('main')!.sent} callbacks in ${main.elapsedS.toFixed(1)} s`)
for (const rate of RAMP) {
  const phase = `ramp-${rate}`
  const result = await drive(phase, rate, RAMP_DURATION_S)
  phases.push({ phase, rate, seconds: RAMP_DURATION_S, ...result })
  log(`${phase}: ${counts.get(phase)!.accepted} accepted in ${result.elapsedS.toFixed(1)} s`)
}
const final = RAMP.length === 0 ? afterMain : await report()

// ---------- results ----------
const latencies = new Map<string, number[]>()
for (let index = 0; index < final.samples.length; index += 2) {
  const sent = sentAt.get(final.samples[index]!)
  if (sent === undefined) continue
  let list = latencies.get(sent.phase)
  if (list === undefined) latencies.set(sent.phase, (list = []))
  list.push(final.samples[index + 1]! - sent.at)
}
const totalAccepted = [...counts.values()].reduce((sum, count) => sum + count.accepted, 0)
const mainTallies = afterMain.tallies
const summary = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAverage() },
  viewers: VIEWERS,
  sampledViewers: Math.ceil(VIEWERS / SAMPLE_EVERY),
  phases: phases.map(({ phase, rate, seconds, elapsedS, relayCpuS }) => {
    const count = counts.get(phase)!
    const sorted = Float64Array.from(latencies.get(phase) ?? []).sort()
    return {
      phase,
      targetRate: rate,
      seconds,
      acceptedPerSecond: Math.round(count.accepted / elapsedS),
      accepted: count.accepted,
      refused: count.refused,
      elapsedS: +elapsedS.toFixed(1),
      /** The relay process's CPU time per accepted callback (webhook + fan-out to every viewer). */
      relayCpuMsPerCallback: +((relayCpuS * 1000) / Math.max(1, count.accepted)).toFixed(3),
      relayCpuShare: +(relayCpuS / elapsedS).toFixed(2),
      latencyMs: { samples: sorted.length, p50: +percentile(sorted, 50).toFixed(1), p99: +percentile(sorted, 99).toFixed(1), max: +(sorted.at(-1) ?? NaN).toFixed(1) },
    }
  }),
  mainPhaseDelivery: {
    expectedPerViewer: counts.get('main')!.accepted,
    viewersWithEverything: mainTallies.filter((tally) => tally.events === counts.get('main')!.accepted && tally.gaps === 0 && tally.duplicates === 0).length,
    lost: mainTallies.reduce((sum, tally) => sum + tally.gaps, 0),
    duplicated: mainTallies.reduce((sum, tally) => sum + tally.duplicates, 0),
    cutOff: mainTallies.filter((tally) => tally.ended).length,
  },
  finalDelivery: {
    expectedPerViewer: totalAccepted,
    viewersWithEverything: final.tallies.filter((tally) => tally.events === totalAccepted && tally.gaps === 0 && tally.duplicates === 0).length,
    lost: final.tallies.reduce((sum, tally) => sum + tally.gaps, 0),
    duplicated: final.tallies.reduce((sum, tally) => sum + tally.duplicates, 0),
    cutOff: final.tallies.filter((tally) => tally.ended).length,
  },
  relayMemory: { afterMainPhase: memoryAfterMain, atEnd: memoryOf(relayProcess.pid!) },
}
const firstOver250 = summary.phases.find((phase) => phase.latencyMs.p99 > 250)
const result = { ...summary, p99Passes250MsAt: firstOver250 === undefined ? `not reached (up to ${Math.max(RATE, ...RAMP)}/s)` : `${firstOver250.targetRate}/s` }
writeFileSync('bench/relay-results.json', `${JSON.stringify(result, null, 2)}\n`)
console.log(JSON.stringify(result, null, 2))

relayProcess.kill('SIGTERM')
await Promise.all(workers.map((worker) => worker.terminate()))
agent.destroy()

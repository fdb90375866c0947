/**
 * The viewers of the multi-instance relay benchmark, in their own thread so that reading
 * thousands of streams does not delay the callbacks' sender: raw `node:http` SSE readers (an
 * EventSource per viewer would cost more CPU than the relay it measures). Each viewer checks what
 * it receives as it arrives: stream IDs strictly increasing (no duplicate, no reordering). An
 * agent also records which of its conference's sequence numbers it got as events and how far its
 * snapshots cover (a conference's `clock` is (sequence + 1) × 2^20, see docs/architecture.md):
 * callbacks of one call reach different instances and may enter the stream out of order, so
 * "nothing lost" means every sequence number is covered by the end. Timed viewers record when
 * each event arrived, keyed conference number * 1e6 + sequence.
 */
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout } from 'node:timers'
import { parentPort, workerData } from 'node:worker_threads'

/** @type {{ viewers: { origin: string, token: string, role: 'agent' | 'supervisor', timed: boolean }[] }} */
const { viewers } = workerData
const agent = new Agent({ keepAlive: false, maxSockets: Infinity })
const now = () => performance.timeOrigin + performance.now()
const PAYLOAD = /"conferenceSid":"CF0*([0-9a-f]+)".*?"sequence":(\d+)/

/** Orders two stream IDs (`ms-seq`, decimal, no leading zeros) as Redis does; in-process IDs are plain decimals. */
function compareIds(a, b) {
  const [msA, seqA = ''] = a.split('-')
  const [msB, seqB = ''] = b.split('-')
  if (msA.length !== msB.length) return msA.length - msB.length
  if (msA !== msB) return msA < msB ? -1 : 1
  if (seqA.length !== seqB.length) return seqA.length - seqB.length
  return seqA < seqB ? -1 : seqA > seqB ? 1 : 0
}

const tallies = []
/** [key, arrival, key, arrival, ...] of timed agents and of timed supervisors. */
const arrivals = { agent: [], supervisor: [] }
let open = 0
let closing = false

for (const viewer of viewers) {
  const tally = { role: viewer.role, events: 0, outOfOrder: 0, received: [], covered: 0, snapshots: 0, drops: 0, lastId: undefined }
  tallies.push(tally)
  const connect = () => {
    const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${viewer.token}` }
    if (tally.lastId !== undefined) headers['Last-Event-ID'] = tally.lastId
    const outgoing = request(`${viewer.origin}/events`, { agent, headers }, (response) => {
      let pending = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => {
        pending += chunk
        let end = pending.indexOf('\n\n')
        while (end !== -1) {
          frame(pending.slice(0, end))
          pending = pending.slice(end + 2)
          end = pending.indexOf('\n\n')
        }
      })
      response.on('close', reconnect)
    })
    outgoing.on('error', reconnect)
    outgoing.end()
  }
  const reconnect = () => {
    if (closing) return
    tally.drops += 1
    setTimeout(connect, 200)
  }
  const frame = (text) => {
    if (text.startsWith(':') || text.startsWith('retry:')) return
    let id
    let rest = text
    if (text.startsWith('id: ')) {
      const idEnd = text.indexOf('\n')
      id = text.slice(4, idEnd)
      rest = text.slice(idEnd + 1)
    }
    if (!rest.startsWith('event: conference')) {
      if (tally.snapshots === 0) {
        open += 1
        if (open === viewers.length) parentPort.postMessage({ type: 'connected' })
      }
      tally.snapshots += 1
      if (id !== undefined) tally.lastId = id
      if (viewer.role === 'agent') {
        const data = rest.slice(rest.indexOf('data: ') + 6)
        for (const record of JSON.parse(data).conferences ?? []) {
          tally.covered = Math.max(tally.covered, Math.floor(record.clock / 2 ** 20) - 1)
        }
      }
      return
    }
    tally.events += 1
    if (tally.lastId !== undefined && compareIds(id, tally.lastId) <= 0) tally.outOfOrder += 1
    tally.lastId = id
    if (viewer.role === 'supervisor' && !viewer.timed) return
    const match = PAYLOAD.exec(text)
    if (match === null) return
    const sequence = Number(match[2])
    if (viewer.role === 'agent') tally.received.push(sequence)
    if (viewer.timed) arrivals[viewer.role].push(parseInt(match[1], 16) * 1_000_000 + sequence, now())
  }
  connect()
}

parentPort.on('message', (message) => {
  if (message.type === 'tallies') parentPort.postMessage({ type: 'tallies', tallies })
  if (message.type === 'report') {
    closing = true
    agent.destroy()
    parentPort.postMessage({
      type: 'report',
      tallies,
      agentArrivals: Float64Array.from(arrivals.agent),
      supervisorArrivals: Float64Array.from(arrivals.supervisor),
    })
  }
})

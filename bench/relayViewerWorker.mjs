/**
 * The viewers of `npm run bench:relay`, in their own thread: raw `node:http` SSE readers (an
 * EventSource per viewer would cost more CPU than the relay it measures). Every viewer checks
 * that the `conference` event IDs it receives are consecutive (nothing lost, nothing twice);
 * sampled viewers also record when each event arrived, keyed by conference and sequence.
 */
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'

const { origin, token, viewers, sampleEvery } = workerData
const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
const now = () => performance.timeOrigin + performance.now()
const CONFERENCE = /"conferenceSid":"CF0*([0-9a-f]+)".*?"sequence":(\d+)/

const tallies = []
const samples = [] // [key, arrival] pairs, flattened
let open = 0

for (let index = 0; index < viewers; index += 1) {
  const sampled = index % sampleEvery === 0
  const tally = { lastId: 0, events: 0, gaps: 0, duplicates: 0, ended: false }
  tallies.push(tally)
  const req = request(`${origin}/events`, { agent, headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` } }, (response) => {
    open += 1
    if (open === viewers) parentPort.postMessage({ type: 'connected' })
    let pending = ''
    response.setEncoding('utf8')
    response.on('data', (chunk) => {
      pending += chunk
      let end = pending.indexOf('\n\n')
      while (end !== -1) {
        const frame = pending.slice(0, end)
        pending = pending.slice(end + 2)
        end = pending.indexOf('\n\n')
        if (!frame.startsWith('id: ')) continue
        const idEnd = frame.indexOf('\n')
        const id = Number(frame.slice(4, idEnd))
        if (!frame.startsWith('event: conference', idEnd + 1)) {
          tally.lastId = id // a snapshot: the stream goes on from its position
          continue
        }
        tally.events += 1
        if (tally.lastId === 0 || id === tally.lastId + 1) tally.lastId = id
        else if (id <= tally.lastId) tally.duplicates += 1
        else {
          tally.gaps += id - tally.lastId - 1
          tally.lastId = id
        }
        if (sampled) {
          const match = CONFERENCE.exec(frame)
          if (match !== null) samples.push(parseInt(match[1], 16) * 1_000_000 + Number(match[2]), now())
        }
      }
    })
    response.on('close', () => (tally.ended = true))
  })
  req.on('error', () => (tally.ended = true))
  req.end()
}

parentPort.on('message', (message) => {
  if (message.type !== 'report') return
  parentPort.postMessage({ type: 'report', tallies, samples: Float64Array.from(samples) })
})

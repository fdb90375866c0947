/**
 * The viewers of `npm run bench:relay`, in their own thread: raw `node:http` SSE readers (an
 * EventSource per viewer would cost more CPU than the relay it measures). Every viewer checks
 * that the `conference` event IDs it receives are consecutive (nothing lost, nothing twice);
 * sampled viewers also record when each event arrived, keyed by conference and sequence.
 */
import { Buffer } from 'node:buffer'
import { Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'

const { origin, token, viewers, sampleEvery, firstIndex } = workerData
const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
const now = () => performance.timeOrigin + performance.now()
const CONFERENCE = /"conferenceSid":"CF0*([0-9a-f]+)".*?"sequence":(\d+)/
const EMPTY = Buffer.alloc(0)
const FRAME_END = Buffer.from('\n\n')
const ID = Buffer.from('id: ')

const tallies = []
const samples = [] // [key, arrival] pairs, flattened
let open = 0

for (let index = 0; index < viewers; index += 1) {
  const sampled = (firstIndex + index) % sampleEvery === 0
  const tally = { lastId: 0, events: 0, gaps: 0, duplicates: 0, ended: false }
  tallies.push(tally)
  const req = request(`${origin}/events`, { agent, headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` } }, (response) => {
    open += 1
    if (open === viewers) parentPort.postMessage({ type: 'connected' })
    // Bytes, not strings: decoding 1,000 streams would cost the benchmark more than the relay.
    let pending = EMPTY
    response.on('data', (chunk) => {
      const bytes = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      const end = bytes.lastIndexOf(FRAME_END)
      if (end === -1) {
        pending = bytes
        return
      }
      pending = bytes.subarray(end + 2)
      const at = sampled ? now() : 0
      let position = 0
      while (position <= end) {
        const start = bytes.indexOf(ID, position)
        if (start === -1 || start > end) break
        let id = 0
        let cursor = start + ID.length
        for (let byte = bytes[cursor]; byte >= 48 && byte <= 57; byte = bytes[++cursor]) id = id * 10 + (byte - 48)
        // `\nevent: c…` (conference) or `\nevent: s…` (snapshot)
        const kind = bytes[cursor + 8]
        const frameEnd = bytes.indexOf(FRAME_END, cursor)
        position = frameEnd + 2
        if (kind !== 99) {
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
          const sample = CONFERENCE.exec(bytes.toString('latin1', cursor, frameEnd))
          if (sample !== null) samples.push(parseInt(sample[1], 16) * 1_000_000 + Number(sample[2]), at)
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

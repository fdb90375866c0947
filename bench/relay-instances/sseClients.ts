/**
 * Thousands of viewer streams for the relay benchmark: raw `node:http` SSE readers (an
 * EventSource per viewer would cost the benchmark more CPU than the relay it measures), each
 * checking what it receives as it arrives: stream IDs strictly increasing (no duplicate, no
 * reordering), and for agents the conference's sequence numbers contiguous (nothing lost).
 */
import { request, type Agent, type ClientRequest } from 'node:http'
import { compareStreamIds, isStreamId } from '../../src/relay/redis/streamId'

/** What one viewer saw. */
export interface ViewerTally {
  readonly role: 'agent' | 'supervisor'
  /** `conference` events received. */
  events: number
  /** Events whose ID was not after the previous one (duplicated or out of order). */
  outOfOrder: number
  /** Agents: sequence numbers skipped between two consecutive events of their conference. */
  gaps: number
  /** Agents: the last sequence number received. */
  lastSequence: number
  snapshots: number
  /** Streams the relay ended (a slow viewer is cut off) or that failed. */
  drops: number
  lastId: string | undefined
}

/** A viewer to open. */
export interface ViewerSpec {
  readonly origin: string
  readonly token: string
  readonly role: 'agent' | 'supervisor'
  /** Parse each event's data and report its latency (the benchmark samples a few supervisors, and every agent). */
  readonly measure: boolean
}

const compareIds = (a: string, b: string) => (isStreamId(a) && isStreamId(b) ? compareStreamIds(a, b) : Number(a) - Number(b))

/**
 * Opens a viewer stream that keeps its tally.
 *
 * @param spec - Where, who, and whether to time its events.
 * @param agent - The HTTP agent (no pooling limit for long-lived streams).
 * @param onEvent - Called with the event's payload for timed viewers.
 * @returns The tally (filled as events arrive) and a function that closes the stream.
 */
export function openBenchViewer(spec: ViewerSpec, agent: Agent, onEvent: (payload: { conferenceSid: string; sequence: number }) => void) {
  const tally: ViewerTally = { role: spec.role, events: 0, outOfOrder: 0, gaps: 0, lastSequence: 0, snapshots: 0, drops: 0, lastId: undefined }
  let current: ClientRequest | undefined
  let closed = false
  const connect = () => {
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${spec.token}` }
    if (tally.lastId !== undefined) headers['Last-Event-ID'] = tally.lastId
    current = request(`${spec.origin}/events`, { agent, headers }, (response) => {
      let pending = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        pending += chunk
        let end = pending.indexOf('\n\n')
        while (end !== -1) {
          frame(pending.slice(0, end))
          pending = pending.slice(end + 2)
          end = pending.indexOf('\n\n')
        }
      })
      response.on('end', () => reconnect())
      response.on('error', () => reconnect())
    })
    current.on('error', () => reconnect())
    current.end()
  }
  const reconnect = () => {
    if (closed) return
    tally.drops += 1
    setTimeout(connect, 200)
  }
  const frame = (text: string) => {
    if (text.startsWith(':')) return
    let id: string | undefined
    let event = 'message'
    let data = ''
    for (const line of text.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4)
      else if (line.startsWith('event: ')) event = line.slice(7)
      else if (line.startsWith('data: ')) data = line.slice(6)
    }
    if (id !== undefined) {
      if (tally.lastId !== undefined && compareIds(id, tally.lastId) <= 0 && event === 'conference') tally.outOfOrder += 1
      tally.lastId = id
    }
    if (event === 'snapshot') {
      tally.snapshots += 1
      return
    }
    if (event !== 'conference') return
    tally.events += 1
    if (!spec.measure && spec.role === 'supervisor') return
    const payload = (JSON.parse(data) as { payload: { conferenceSid: string; sequence: number } }).payload
    if (spec.role === 'agent') {
      if (tally.lastSequence !== 0 && payload.sequence !== tally.lastSequence + 1) tally.gaps += 1
      tally.lastSequence = payload.sequence
    }
    if (spec.measure) onEvent(payload)
  }
  connect()
  return {
    tally,
    close: () => {
      closed = true
      current?.destroy()
    },
  }
}

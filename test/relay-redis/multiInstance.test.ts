/**
 * Two (then three) real relay processes sharing one real redis-server on 127.0.0.1: any instance
 * takes any callback, every viewer on any instance sees each once in stream order, and a viewer
 * resumes anywhere. See `docs/relay-redis.md`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConferenceEvent } from '../../src/events'
import type { ConferencesState } from '../../src/model'
import { selectConferenceExport } from '../../src/selectors'
import { compareStreamIds } from '../../src/relay/redis/streamId'
import { conferencesReducer } from '../../src/slice'
import { viewsOf } from './clientViews'
import { callback, callScript, postCallback, postUntilAccepted, sid, viewerToken, workerOf } from './callbacks'
import { startRedisServer, type RedisServer } from './redisServer'
import { startRelayProcess, type RelayProcess } from './relayProcess'
import { openViewer, type SseViewer } from './sseViewer'

/** Real processes answer in real time: poll for a condition, never sleep a fixed time. */
const eventually = { timeout: 20_000, interval: 20 }
/** Real processes on 2 shared cores: a test's time is bounded by its waits, not by the default 5 s. */
const slow = { timeout: 90_000 }

let redis: RedisServer
let a: RelayProcess
let b: RelayProcess
const viewers: SseViewer[] = []
const processes: RelayProcess[] = []
let nextConference = 0
/** A supervisor on B from the first callback to the last: every action, in stream order. */
let witness: SseViewer

beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: true })
  ;[a, b] = await Promise.all([startRelayProcess(redis.url), startRelayProcess(redis.url)])
  processes.push(a, b)
  witness = await viewerOn(() => b.origin)
}, 30_000)
afterAll(async () => {
  for (const viewer of viewers) viewer.close()
  await Promise.all(processes.map((relay) => relay.stop()))
  await redis?.dispose()
}, 30_000)

const supervisor = () => viewerToken(sid('WK', 0xfff), 'supervisor')
async function viewerOn(origin: () => string, token?: string) {
  const viewer = openViewer(origin, token ?? (await supervisor()))
  viewers.push(viewer)
  await vi.waitFor(() => expect(viewer.events[0]?.event).toBe('snapshot'), eventually)
  return viewer
}
/** Conferences no earlier test touched, so each test reads its own. */
function freshCalls(conferences: number, perConference: number) {
  const script = callScript(conferences, perConference, nextConference)
  nextConference += conferences
  return script
}
const conferenceEvents = (viewer: SseViewer) => viewer.events.filter((entry) => entry.event === 'conference')
const keyOf = (action: unknown) => {
  const payload = (action as { payload: { conferenceSid: string; sequence?: number; sequenceNumber?: number } }).payload
  return `${payload.conferenceSid}#${payload.sequence ?? payload.sequenceNumber}`
}
const postedKey = (params: Record<string, string>) => `${params.ConferenceSid}#${params.SequenceNumber}`
const health = async (origin: string) => (await (await fetch(`${origin}/healthz`)).json()) as { bus: { kind: string; status: string } }
const eventsStatus = async (origin: string, token: string) => {
  const response = await fetch(`${origin}/events`, { headers: { Authorization: `Bearer ${token}` } })
  await response.body?.cancel()
  return response.status
}
const snapshotOf = async (origin: string) => {
  const viewer = await viewerOn(() => origin)
  viewer.close()
  return viewer.events[0]!.data
}

describe('two relay instances over one Redis', slow, () => {
  it('delivers callbacks POSTed to A to a viewer on B once each, in stream order', async () => {
    const onB = await viewerOn(() => b.origin)
    const onA = await viewerOn(() => a.origin)
    const script = freshCalls(3, 20)
    for (const params of script) expect(await postCallback(a.origin, params)).toBe(204)
    await vi.waitFor(() => expect(conferenceEvents(onB)).toHaveLength(script.length), eventually)
    const ids = onB.conferenceIds()
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort(compareStreamIds)).toEqual(ids)
    expect(conferenceEvents(onB).map((entry) => keyOf(entry.data))).toEqual(script.map(postedKey))
    await vi.waitFor(() => expect(conferenceEvents(onA)).toEqual(conferenceEvents(onB)), eventually)
  })

  it('converges every viewer when callbacks alternate between A and B, four at a time', async () => {
    const watching = [await viewerOn(() => a.origin), await viewerOn(() => b.origin), await viewerOn(() => a.origin)]
    const script = freshCalls(8, 15)
    const queue = [...script.entries()]
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          expect(await postCallback(next[0] % 2 === 0 ? a.origin : b.origin, next[1])).toBe(204)
        }
      }),
    )
    for (const viewer of watching) await vi.waitFor(() => expect(conferenceEvents(viewer)).toHaveLength(script.length), eventually)
    const [first, ...others] = watching.map(conferenceEvents)
    for (const other of others) expect(other).toEqual(first)
    expect(new Set(first!.map((entry) => keyOf(entry.data)))).toEqual(new Set(script.map(postedKey)))
    expect(await snapshotOf(a.origin)).toEqual(await snapshotOf(b.origin))
  })

  it('lets viewers cut off by a crash of A resume on B with Last-Event-ID and end equal to ones never cut', async () => {
    let balancer = a.origin
    const agentCall = nextConference
    const cut = await viewerOn(() => balancer)
    const neverCut = await viewerOn(() => b.origin)
    const agentCut = await viewerOn(() => balancer, await viewerToken(workerOf(agentCall), 'agent'))
    const agentNeverCut = await viewerOn(() => b.origin, await viewerToken(workerOf(agentCall), 'agent'))
    const script = freshCalls(4, 20)
    const half = script.length / 2
    for (const [index, params] of script.entries()) {
      if (index === half) {
        await vi.waitFor(() => expect(conferenceEvents(cut).length).toBeGreaterThan(10), eventually)
        await a.stop('SIGKILL')
        balancer = b.origin
      }
      await postUntilAccepted(() => (index < half ? a.origin : b.origin), params)
    }
    await vi.waitFor(() => expect(conferenceEvents(neverCut)).toHaveLength(script.length), eventually)
    await vi.waitFor(() => expect(cut.conferenceIds()).toEqual(neverCut.conferenceIds()), eventually)
    expect(cut.opens()).toBe(2)
    expect(conferenceEvents(cut)).toEqual(conferenceEvents(neverCut))
    // The agent resumes with a snapshot of its call: compare what each screen shows.
    await vi.waitFor(() => expect(agentCut.opens()).toBe(2), eventually)
    const agentView = () => viewsOf(agentNeverCut.events)[sid('CF', agentCall + 1)]
    await vi.waitFor(() => expect(agentView()?.participants).toHaveLength(2), eventually)
    await vi.waitFor(() => expect(viewsOf(agentCut.events)).toEqual(viewsOf(agentNeverCut.events)), eventually)
    expect(Object.keys(viewsOf(agentCut.events))).toEqual([sid('CF', agentCall + 1)])
    expect(viewsOf(cut.events)).toEqual(viewsOf(neverCut.events))
    a = await startRelayProcess(redis.url)
    processes.push(a)
  })
})

describe('two relay instances while Redis goes away and comes back', slow, () => {
  it('answers 503 while Redis is down, keeps every stream open, and converges once the retried callbacks flow', async () => {
    const watching = [await viewerOn(() => a.origin), await viewerOn(() => b.origin)]
    const script = freshCalls(4, 20)
    const acknowledged: string[] = []
    const refused: Record<string, string>[] = []
    for (const [index, params] of script.entries()) {
      if (index === 30) {
        await redis.stop()
        await vi.waitFor(async () => expect((await health(a.origin)).bus).toEqual({ kind: 'redis', status: 'down' }), eventually)
      }
      const status = await postCallback(index % 2 === 0 ? a.origin : b.origin, params)
      if (status === 204) acknowledged.push(postedKey(params))
      else {
        expect(status).toBe(503)
        refused.push(params)
      }
    }
    expect(acknowledged).toEqual(script.slice(0, 30).map(postedKey))
    expect(refused).toHaveLength(50)
    const statuses = (viewer: SseViewer) => viewer.events.filter((entry) => entry.event === 'status').map((entry) => entry.data)
    // The streams stay open and say so; a viewer arriving meanwhile is told too.
    const arriving = await viewerOn(() => b.origin)
    for (const viewer of [...watching, witness, arriving]) {
      expect(viewer.opens()).toBe(1)
      await vi.waitFor(() => expect(statuses(viewer)).toEqual([{ bus: 'down' }]), eventually)
    }

    await redis.restart()
    for (const params of refused) await postUntilAccepted(() => b.origin, params)
    for (const viewer of watching) {
      await vi.waitFor(() => expect(new Set(conferenceEvents(viewer).map((entry) => keyOf(entry.data)))).toEqual(new Set(script.map(postedKey))), eventually)
    }
    expect(conferenceEvents(watching[0]!)).toEqual(conferenceEvents(watching[1]!))
    expect((await health(b.origin)).bus).toEqual({ kind: 'redis', status: 'up' })
    for (const viewer of [...watching, witness, arriving]) {
      expect(viewer.opens()).toBe(1)
      await vi.waitFor(() => expect(statuses(viewer)).toEqual([{ bus: 'down' }, { bus: 'up' }]), eventually)
    }
  })
})

describe('a third instance and the security model across instances', slow, () => {
  it('starts a third instance after 1,000 callbacks that serves a correct snapshot', async () => {
    const script = freshCalls(20, 50)
    const queue = [...script.entries()]
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          expect(await postCallback(next[0] % 2 === 0 ? a.origin : b.origin, next[1])).toBe(204)
        }
      }),
    )
    await vi.waitFor(() => expect(conferenceEvents(witness).length).toBeGreaterThanOrEqual(1_000), eventually)
    const c = await startRelayProcess(redis.url)
    processes.push(c)
    const fromC = await snapshotOf(c.origin)
    // What every action the witness saw, in stream order, makes of an empty state.
    let state: ConferencesState = conferencesReducer(undefined, { type: '@@test/init' })
    for (const entry of conferenceEvents(witness)) state = conferencesReducer(state, entry.data as ConferenceEvent)
    expect(fromC).toEqual(JSON.parse(JSON.stringify(selectConferenceExport({ conferences: state }))))
    expect((fromC as { conferences: unknown[] }).conferences).toHaveLength(nextConference)
    expect(fromC).toEqual(await snapshotOf(a.origin))
  })

  it('checks on B a viewer token for callbacks that arrived on A, and refuses forgeries on either', async () => {
    const mine = nextConference
    const script = freshCalls(2, 6)
    const agent = await viewerOn(() => b.origin, await viewerToken(workerOf(mine), 'agent'))
    for (const params of script) expect(await postCallback(a.origin, params)).toBe(204)
    const forged = callback(mine, 7)
    expect(await postCallback(b.origin, forged, 'not-the-auth-token')).toBe(403)
    expect(await postCallback(a.origin, forged, 'not-the-auth-token')).toBe(403)
    await vi.waitFor(() => expect(conferenceEvents(witness).map((entry) => keyOf(entry.data))).toContain(postedKey(script.at(-1)!)), eventually)
    await vi.waitFor(() => expect(agent.events.length).toBeGreaterThan(1), eventually)
    const sids = agent.events.flatMap((entry) =>
      entry.event === 'snapshot'
        ? (entry.data as { conferences: { conferenceSid: string }[] }).conferences.map((record) => record.conferenceSid)
        : [(entry.data as { payload: { conferenceSid: string } }).payload.conferenceSid],
    )
    expect(new Set(sids)).toEqual(new Set([sid('CF', mine + 1)]))
    expect(conferenceEvents(witness).map((entry) => keyOf(entry.data))).not.toContain(postedKey(forged))

    expect(await eventsStatus(b.origin, await viewerToken(workerOf(mine), 'agent', -10))).toBe(401)
    expect(await eventsStatus(b.origin, await viewerToken(workerOf(mine), 'supervisor', 3_600, 'another-secret-of-another-app'))).toBe(401)
    expect(await eventsStatus(a.origin, '')).toBe(401)
  })
})

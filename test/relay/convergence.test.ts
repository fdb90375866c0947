import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { callback, conferenceEnd, conferenceSidOf, workerSidOf } from './callbacks'
import { createClientStore, viewsOf } from './clientStore'
import { AUTH_TOKEN, openStream, postCallback, startRelay, TOKEN_SECRET, viewerToken, WEBHOOK, type RunningRelay, type SseEvent, type SseStream } from './harness'

let running: RunningRelay | undefined
const streams: SseStream[] = []
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close()
  await running?.close()
  running = undefined
})
const open = async (...args: Parameters<typeof openStream>) => {
  const stream = await openStream(...args)
  streams.push(stream)
  return stream
}

/** Callbacks of three conferences, interleaved, `from..to` each (conference 3 ends at 12). */
async function postRound(target: Pick<RunningRelay, 'baseUrl' | 'webhookUrl'>, from: number, to: number) {
  for (let sequence = from; sequence <= to; sequence += 1) {
    for (const n of [1, 2, 3]) {
      const params = n === 3 && sequence === 12 ? conferenceEnd(3, 12) : callback(n, sequence)
      if (n === 3 && sequence > 12) continue
      expect((await postCallback(target as RunningRelay, params)).status).toBe(204)
    }
  }
}

const conferenceEvents = (stream: SseStream) => stream.events.filter((event) => event.event === 'conference').length

describe('a client that disconnects ends where one that never did', () => {
  for (const path of ['the log', 'a snapshot'] as const) {
    it(`after resuming from ${path}`, async () => {
      running = await startRelay(path === 'the log' ? {} : { logSize: 5 })
      const supervisorToken = await viewerToken('WKsuper', 'supervisor')
      const agentToken = await viewerToken(workerSidOf(1), 'agent')
      const steady = await open(running.baseUrl, { token: supervisorToken })
      const steadyAgent = await open(running.baseUrl, { token: agentToken })
      const leaving = await open(running.baseUrl, { token: supervisorToken })
      const leavingAgent = await open(running.baseUrl, { token: agentToken })

      await postRound(running, 1, 6)
      await leaving.received(1 + 18)
      await leavingAgent.waitFor((event) => event.id === '16')
      leaving.close()
      leavingAgent.close()
      await postRound(running, 7, 14)
      const back = await open(running.baseUrl, { token: supervisorToken, lastEventId: leaving.lastEventId! })
      const backAgent = await open(running.baseUrl, { token: agentToken, lastEventId: leavingAgent.lastEventId! })
      await postRound(running, 15, 16)
      // 18 events, then 22 (conference 3 ends at 12), then 4: conference 1's last is 43, conference 2's 44.
      const lastId = String(18 + 22 + 4)
      for (const stream of [steady, back]) await stream.waitFor((event) => event.id === lastId)
      for (const stream of [steadyAgent, backAgent]) await stream.waitFor((event) => event.id === String(Number(lastId) - 1))
      if (path === 'the log') expect(back.events[0]).toMatchObject({ event: 'conference', id: '19' })
      else expect(back.events[0]).toMatchObject({ event: 'snapshot' })

      const reference = createClientStore()
      reference.apply(steady.events)
      const resumed = createClientStore()
      resumed.apply([...leaving.events, ...back.events])
      expect(viewsOf(resumed.store)).toEqual(viewsOf(reference.store))
      expect(Object.keys(viewsOf(reference.store))).toHaveLength(3)

      const agentReference = createClientStore()
      agentReference.apply(steadyAgent.events)
      const agentResumed = createClientStore()
      agentResumed.apply([...leavingAgent.events, ...backAgent.events])
      expect(viewsOf(agentResumed.store)).toEqual(viewsOf(agentReference.store))
      expect(Object.keys(viewsOf(agentReference.store))).toEqual([conferenceSidOf(1)])
      expect(viewsOf(agentReference.store)[conferenceSidOf(1)]).toEqual(viewsOf(reference.store)[conferenceSidOf(1)])
      expect(conferenceEvents(steady)).toBe(Number(lastId))
    })
  }
})

describe('restarting the relay process mid-call', () => {
  const CLI = 'dist/cli/bin.js'
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  })

  /** Spawns the built `conference-state relay`; resolves with its origin once it prints it. */
  function spawnRelay(port: number): Promise<{ child: ChildProcess; origin: string }> {
    const child = spawn(process.execPath, [CLI, 'relay', '--port', String(port)], {
      env: { ...process.env, TWILIO_AUTH_TOKEN: AUTH_TOKEN, RELAY_TOKEN_SECRET: TOKEN_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    return new Promise((resolve, reject) => {
      let output = ''
      child.stdout!.setEncoding('utf8')
      child.stdout!.on('data', (chunk: string) => {
        output += chunk
        const match = /listening on (http:\/\/[^\s]+)/.exec(output)
        if (match !== null) resolve({ child, origin: match[1]! })
      })
      child.once('exit', (code) => reject(new Error(`the relay exited with ${code} before listening`)))
    })
  }

  it('stops cleanly on SIGTERM, and its viewers resume on the new process and converge', async () => {
    expect(existsSync(CLI), `${CLI} is missing: run npm run build (npm test does)`).toBe(true)
    const first = await spawnRelay(0)
    const port = Number(new URL(first.origin).port)
    const target = { baseUrl: first.origin, webhookUrl: `${first.origin}${WEBHOOK}` }
    const supervisorToken = await viewerToken('WKsuper', 'supervisor')
    const viewer = await open(first.origin, { token: supervisorToken })
    await postRound(target, 1, 5)
    await viewer.received(1 + 15)

    const exited = new Promise<number | null>((resolve) => first.child.once('exit', resolve))
    first.child.kill('SIGTERM')
    await viewer.ended
    expect(await exited).toBe(0)

    const second = await spawnRelay(port)
    expect(second.origin).toBe(first.origin)
    // A viewer that first connects after the restart, to tell what happened since.
    const newcomer = await open(second.origin, { token: supervisorToken })
    await newcomer.received(1)
    const back = await open(second.origin, { token: supervisorToken, lastEventId: viewer.lastEventId! })
    const [snapshot] = await back.received(1)
    // The old position means nothing to the new process: a snapshot, never its log's tail.
    expect(snapshot!.event).toBe('snapshot')
    await postRound(target, 6, 9)
    const lastPosted = (stream: SseStream) => stream.waitFor((event: SseEvent) => (event.json as { payload?: { sequence?: number; conferenceSid?: string } }).payload?.sequence === 9 && (event.json as { payload: { conferenceSid: string } }).payload.conferenceSid === conferenceSidOf(3))
    await lastPosted(back)
    await lastPosted(newcomer)

    const reference = createClientStore()
    reference.apply(viewer.events.filter((event) => event.event === 'conference'))
    reference.apply(newcomer.events.filter((event) => event.event === 'conference'))
    const resumed = createClientStore()
    resumed.apply([...viewer.events, ...back.events])
    expect(viewsOf(resumed.store)).toEqual(viewsOf(reference.store))
    expect(Object.keys(viewsOf(resumed.store))).toHaveLength(3)
    second.child.kill('SIGTERM')
  })
})

/**
 * A viewer that hangs up while its token is being checked: the relay must not register a stream
 * for a connection that is already gone (it would never be forgotten). The token check is held
 * open by the test so the hang-up lands exactly inside it.
 */
import { createServer, get, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createConferenceRelay, createMemoryBus, type ConferenceRelay } from '../../src/relay'
import * as viewerTokens from '../../src/relay/viewerToken'
import { AUTH_TOKEN, send, TOKEN_SECRET, viewerToken } from './harness'

vi.mock('../../src/relay/viewerToken', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/relay/viewerToken')>()
  return { ...original, verifyViewerToken: vi.fn(original.verifyViewerToken) }
})

let cleanup: (() => Promise<void>) | undefined
afterEach(async () => {
  await cleanup?.()
  cleanup = undefined
  vi.mocked(viewerTokens.verifyViewerToken).mockClear()
})

describe('GET /events: a viewer hanging up during the token check', () => {
  it('is never registered: no stream is opened and /healthz reports none', async () => {
    const relay: ConferenceRelay = createConferenceRelay({ twilioAuthToken: AUTH_TOKEN, tokenSecret: TOKEN_SECRET, bus: createMemoryBus({ startAt: 0 }) })
    const responses: ServerResponse[] = []
    const server = createServer((request, response) => {
      responses.push(response)
      relay(request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanup = async () => {
      await relay.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    await relay.ready

    // The check is held until the viewer has gone.
    const verify = vi.mocked(viewerTokens.verifyViewerToken)
    const original = verify.getMockImplementation()!
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let checking: () => void = () => {}
    const started = new Promise<void>((resolve) => (checking = resolve))
    let checked: Promise<unknown> = Promise.resolve()
    verify.mockImplementationOnce((...args) => {
      checking()
      checked = held.then(() => original(...args))
      return checked as ReturnType<typeof original>
    })

    const token = await viewerToken('WKsuper', 'supervisor')
    const request = get(`${baseUrl}/events`, { headers: { authorization: `Bearer ${token}` } })
    request.on('error', () => {})
    await started
    const response = responses[0]!
    const closed = new Promise<void>((resolve) => response.once('close', () => resolve()))
    request.destroy()
    await closed
    release()
    await checked
    // The relay's continuation after the check runs before the next turn.
    await new Promise((resolve) => setImmediate(resolve))
    expect(response.headersSent).toBe(false)
    expect(JSON.parse((await send(`${baseUrl}/healthz`)).body).connections).toBe(0)
  })
})

import { afterAll, afterEach, beforeAll, beforeEach, expect, vi, type MockInstance } from 'vitest'
/**
 * A real HTTP server on 127.0.0.1 (port 0) for the transport tests: it records every request and
 * answers through the test's `respond` handler. Hung requests are left open until `close()`,
 * which destroys every socket.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface ReceivedRequest {
  method: string
  /** Path and query, e.g. `/api/conferences/CF…/participants/CA…`. */
  url: string
  headers: IncomingHttpHeaders
  body: string
  /** The body parsed as JSON, when it is JSON. */
  json: unknown
}

export type Respond = (request: ReceivedRequest, response: ServerResponse) => void

export interface TestServer {
  baseUrl: string
  received: ReceivedRequest[]
  /** How the next requests are answered (a test sets it; the default answers 404). */
  respond: Respond
  /** Resolves when request number `count` (1-based) has arrived. */
  requestArrived(count?: number): Promise<ReceivedRequest>
  close(): Promise<void>
}

const parse = (body: string): unknown => {
  try {
    return body.length === 0 ? undefined : (JSON.parse(body) as unknown)
  } catch {
    return undefined
  }
}

export async function startTestServer(): Promise<TestServer> {
  const received: ReceivedRequest[] = []
  const waiting: Array<{ count: number; resolve: (request: ReceivedRequest) => void }> = []
  const sockets = new Set<Socket>()
  const state: { respond: Respond } = {
    respond: (_request, response) => response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no route'),
  }

  const server = createServer((incoming, response) => {
    let body = ''
    incoming.setEncoding('utf8')
    incoming.on('data', (chunk: string) => (body += chunk))
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body,
        json: parse(body),
      }
      received.push(request)
      for (const waiter of waiting.filter((item) => item.count <= received.length)) {
        waiting.splice(waiting.indexOf(waiter), 1)
        waiter.resolve(received[waiter.count - 1] as ReceivedRequest)
      }
      state.respond(request, response)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    get respond() {
      return state.respond
    },
    set respond(respond: Respond) {
      state.respond = respond
    },
    requestArrived(count = received.length + 1) {
      const arrived = received[count - 1]
      if (arrived !== undefined) return Promise.resolve(arrived)
      return new Promise((resolve) => waiting.push({ count, resolve }))
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
    },
  }
}

/** Answers JSON (or any text) with a status and a content type. */
export function reply(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) }).end(text)
}

/**
 * Registers the hooks every transport test file needs: one server for the file, fake timers for
 * the deadlines (network I/O stays real), a fresh request log per test, and a silent console.
 * Read the server as `env.server` once the file's tests run.
 */
export function useTestServer(): { readonly server: TestServer } {
  let server: TestServer | undefined
  let warn: MockInstance
  let error: MockInstance
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => {
    await server?.close()
  })
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    warn = vi.spyOn(console, 'warn')
    error = vi.spyOn(console, 'error')
    server?.received.splice(0)
  })
  afterEach(() => {
    vi.useRealTimers()
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
  })
  return {
    get server() {
      if (server === undefined) throw new Error('useTestServer: the server starts in beforeAll')
      return server
    },
  }
}

/**
 * A small Server-Sent Events server on 127.0.0.1 (port 0) that speaks the relay's stream: the
 * test decides what each connection is answered (a status, a snapshot), pushes `conference`
 * frames with ids, and cuts streams. It records every connection's query.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface StreamConnection {
  token: string | null
  lastEventId: string | null
  response: ServerResponse
  closed: boolean
}

export interface SseServer {
  url: string
  connections: StreamConnection[]
  /** The status code of the next connections (200 by default). */
  status: number
  /** What a new connection is sent first (default: an empty snapshot). */
  greet: (connection: StreamConnection) => string
  /** Sends a raw frame to every open connection. */
  send(frame: string): void
  /** Sends one `conference` event with `id` to every open connection. */
  sendEvent(id: number, data: unknown): void
  /** Ends every open stream from the server side. */
  cutAll(): void
  /** Resolves once `count` connections have been made. */
  connected(count: number): Promise<StreamConnection>
  close(): Promise<void>
}

export const frame = (event: string, data: unknown, id?: number | string): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`

export async function startSseServer(): Promise<SseServer> {
  const sockets = new Set<Socket>()
  const waiting: Array<{ count: number; resolve: (connection: StreamConnection) => void }> = []
  const open = () => api.connections.filter((connection) => !connection.closed)

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== '/events') {
      response.writeHead(404).end()
      return
    }
    const connection: StreamConnection = {
      token: url.searchParams.get('token'),
      lastEventId: url.searchParams.get('lastEventId'),
      response,
      closed: false,
    }
    api.connections.push(connection)
    response.on('close', () => (connection.closed = true))
    if (api.status !== 200) {
      connection.closed = true
      response.writeHead(api.status, { 'content-type': 'text/plain' }).end('refused')
    } else {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      response.write(api.greet(connection))
    }
    for (const waiter of waiting.filter((entry) => entry.count <= api.connections.length)) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve(connection)
    }
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const api: SseServer = {
    url: `http://127.0.0.1:${port}`,
    connections: [],
    status: 200,
    greet: () => frame('snapshot', { format: 1, conferences: [] }),
    send: (text) => {
      for (const connection of open()) connection.response.write(text)
    },
    sendEvent: (id, data) => api.send(frame('conference', data, id)),
    cutAll: () => {
      for (const connection of open()) {
        connection.closed = true
        connection.response.end()
      }
    },
    connected: (count) =>
      count <= api.connections.length
        ? Promise.resolve(api.connections[count - 1] as StreamConnection)
        : new Promise((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
  return api
}

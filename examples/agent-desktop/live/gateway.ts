/**
 * The live demo's "app server", in front of the page: the relay under `/relay` on the page's own
 * origin (as a load balancer would put it, so neither `EventSource` nor the controls need CORS),
 * the token endpoint of the app's login (`GET /api/relay-token`), a "new call" button's endpoint,
 * and, for the browser tests, the built page. A connect-style middleware, so Vite's dev server
 * can mount it too.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { mintViewerToken, type ViewerTokenClaims } from './viewerTokens'

export interface GatewayOptions {
  /** The relay's own URL, e.g. `http://127.0.0.1:8787`. */
  relayUrl: string
  tokenSecret: string
  /** Who the page's tokens are for. */
  viewer: ViewerTokenClaims
  /** Token lifetime (s). Default 120. */
  tokenTtlSeconds?: number
  /** `POST /api/demo/new-call`: hangs up my call and places a new one; answers `{ conferenceSid }`. */
  newCall?: () => { conferenceSid: string }
  /** Serves these files for every other path (the built demo). */
  staticRoot?: string
}

export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/** Forwards a request to the relay, streaming both ways (SSE included). */
function proxy(relayUrl: string, path: string, request: IncomingMessage, response: ServerResponse): void {
  const target = new URL(path, relayUrl)
  const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (reply) => {
    response.writeHead(reply.statusCode ?? 502, reply.headers)
    reply.pipe(response)
  })
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' }).end('the relay is unreachable')
    else response.destroy()
  })
  // A browser that goes away ends the relay stream too.
  response.on('close', () => upstream.destroy())
  request.pipe(upstream)
}

async function serveFile(root: string, pathname: string, response: ServerResponse): Promise<boolean> {
  const base = normalize(root + sep)
  const file = normalize(join(base, pathname.endsWith('/') ? `${pathname}index.html` : pathname))
  if (!file.startsWith(base)) return false
  try {
    if (!(await stat(file)).isFile()) return false
  } catch {
    return false
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
  createReadStream(file).pipe(response)
  return true
}

export function createGateway(options: GatewayOptions) {
  const ttl = options.tokenTtlSeconds ?? 120

  const middleware: Middleware = (request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/relay' || url.pathname.startsWith('/relay/')) {
      proxy(options.relayUrl, `${url.pathname.slice('/relay'.length) || '/'}${url.search}`, request, response)
      return
    }
    if (url.pathname === '/api/relay-token' && request.method === 'GET') {
      void mintViewerToken(options.tokenSecret, options.viewer, ttl).then((token) =>
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ token })),
      )
      return
    }
    if (url.pathname === '/api/demo/new-call' && request.method === 'POST' && options.newCall !== undefined) {
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(options.newCall()))
      return
    }
    if (options.staticRoot === undefined) {
      next()
      return
    }
    void serveFile(options.staticRoot, decodeURIComponent(url.pathname), response).then((served) => {
      if (!served) next()
    })
  }

  const sockets = new Set<Socket>()
  let server: Server | undefined
  return {
    middleware,
    /** Serves the gateway alone (the browser tests); resolves with its URL. */
    async listen(port = 0, host = '127.0.0.1'): Promise<string> {
      server = createServer((request, response) => middleware(request, response, () => response.writeHead(404).end()))
      server.on('connection', (socket) => {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
      })
      await new Promise<void>((resolve) => server?.listen(port, host, resolve))
      return `http://${host}:${(server.address() as AddressInfo).port}`
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        if (server === undefined) resolve()
        else server.close(() => resolve())
      }),
  }
}

export type Gateway = ReturnType<typeof createGateway>

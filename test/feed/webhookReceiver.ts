/**
 * A stand-in for a relay's webhook route, on 127.0.0.1: it checks each POST's
 * `X-Twilio-Signature` with the `twilio` package's own `validateRequest` and keeps what arrived,
 * in arrival order. `refuseNext` answers the next POSTs 503 (a relay that is down).
 */
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js'

export interface ReceivedCallback {
  body: Record<string, string>
  signatureValid: boolean
}

export async function startWebhookReceiver(authToken: string) {
  const received: ReceivedCallback[] = []
  const sockets = new Set<Socket>()
  const state = { refuseNext: 0, url: '' }
  const server = createServer((request, response) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (text += chunk))
    request.on('end', () => {
      if (state.refuseNext > 0) {
        state.refuseNext -= 1
        response.writeHead(503).end()
        return
      }
      const body = Object.fromEntries(new URLSearchParams(text))
      const signature = String(request.headers['x-twilio-signature'] ?? '')
      received.push({ body, signatureValid: validateRequest(authToken, signature, state.url, body) })
      response.writeHead(204).end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/twilio/conference-events`
  return {
    url: state.url,
    received,
    refuse(count: number) {
      state.refuseNext = count
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

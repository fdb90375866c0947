/**
 * Stand-in for `conference-state relay` until the command is merged: one relay process, with the
 * Redis bus when `REDIS_URL` is set, printing `listening on http://HOST:PORT` and stopping on
 * SIGTERM exactly as the command's contract says. Run with `node --import tsx`.
 */
import { createServer } from 'node:http'
import { createConferenceRelay } from '../../src/relay/createConferenceRelay'
import { createRedisBus } from '../../src/relay/redisBus'

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 8787)
const redisUrl = process.env.REDIS_URL
const relay = createConferenceRelay({
  twilioAuthToken: process.env.TWILIO_AUTH_TOKEN ?? '',
  tokenSecret: process.env.RELAY_TOKEN_SECRET ?? '',
  publicUrl: process.env.RELAY_PUBLIC_URL ?? `http://${host}:${port}`,
  ...(redisUrl === undefined ? {} : { bus: createRedisBus({ url: redisUrl }) }),
})
const server = createServer(relay)
await relay.ready
server.listen(port, host, () => process.stdout.write(`listening on http://${host}:${port}\n`))
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close()
  void relay.close().then(() => process.exit(0))
})

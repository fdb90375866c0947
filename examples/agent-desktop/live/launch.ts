/**
 * `npm run demo:live`: the Twilio simulator, the relay (`node dist/cli/bin.js relay`) and the
 * agent desktop on Vite's dev server in live mode, connected through `connectConferenceFeed`.
 * Open the printed address; hold, mute, remove and add go browser → relay → simulator →
 * callbacks → relay → browser. Ctrl-C stops everything.
 */
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { startLiveStack } from './liveStack'

const stack = await startLiveStack()
const vite = await createServer({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  plugins: [
    {
      name: 'conference-state-live-gateway',
      configureServer(server) {
        server.middlewares.use(stack.gateway.middleware)
      },
    },
  ],
})
await vite.listen()
const local = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/'
console.log(`relay       ${stack.relay.url} (under /relay on the page's origin)`)
console.log(`simulator   ${stack.simulatorUrl} (GET /truth)`)
console.log(`agent view  ${local}?live`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await vite.close()
  await stack.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

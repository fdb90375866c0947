/**
 * The relay as the live demo and its browser test run it: the package's own command,
 * `node dist/cli/bin.js relay --host 127.0.0.1 --port <free>`, configured through its environment
 * variables only (docs/relay.md), and ready once it prints `listening on http://HOST:PORT`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const RELAY_BIN = fileURLToPath(new URL('../../../dist/cli/bin.js', import.meta.url))

export interface RelayProcess {
  url: string
  child: ChildProcess
  /** Everything it printed, for a failing test's message. */
  output(): string
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<void>
}

/** A port that was free a moment ago (the relay needs it before it starts: Twilio signs the URL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export async function startRelayProcess(port: number, env: Record<string, string>, timeoutMs = 20_000): Promise<RelayProcess> {
  if (!existsSync(RELAY_BIN)) throw new Error(`No ${RELAY_BIN}: run \`npm run build\` first`)
  const child = spawn(process.execPath, [RELAY_BIN, 'relay', '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the relay did not say "listening on" within ${timeoutMs} ms:\n${output}`)), timeoutMs)
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve(match[1].replace(/\/$/, ''))
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the relay exited (${code}) before listening:\n${output}`))
    })
  })
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

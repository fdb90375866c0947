/**
 * Relay instances as real processes on 127.0.0.1, sharing one Redis: started, killed (a crash)
 * or stopped (SIGTERM) by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { freePort } from './redisServer'

/** The secrets every instance of a test shares, and the public URL Twilio signs. */
export const RELAY_ENV = {
  TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
  RELAY_TOKEN_SECRET: 'test-viewer-token-secret-0123456789abcdef',
  RELAY_PUBLIC_URL: 'https://relay.example.test',
} as const

/** A running relay process. */
export interface RelayProcess {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string
  readonly pid: number
  /** Kills it (SIGKILL: a crash, nothing flushed) or stops it (SIGTERM) and waits for the exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>
}

const root = fileURLToPath(new URL('../../', import.meta.url))
const builtCli = `${root}dist/cli/bin.js`
const standIn = fileURLToPath(new URL('./relayInstanceMain.ts', import.meta.url))

/**
 * The built command (`npm test` builds first), else a stand-in with the same contract run by tsx,
 * so `npx vitest run test/relay-redis` works before a build (`RELAY_TEST_STAND_IN=1` forces it).
 */
function command(port: number): { args: string[]; env: Record<string, string> } {
  if (process.env.RELAY_TEST_STAND_IN !== '1' && existsSync(builtCli)) {
    return { args: [builtCli, 'relay', '--port', String(port), '--host', '127.0.0.1'], env: {} }
  }
  return { args: ['--import', 'tsx', standIn], env: { PORT: String(port), HOST: '127.0.0.1' } }
}

function withoutRedis(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env }
  delete copy.REDIS_URL
  return copy
}

/**
 * Starts one relay instance and waits for its `listening on` line.
 *
 * @param redisUrl - The shared Redis (`REDIS_URL`); without it the instance runs the in-process bus.
 * @returns The running instance; stop it in `afterAll`.
 * @example
 * ```ts
 * const a = await startRelayProcess(redis.url)
 * await a.stop()
 * ```
 */
export async function startRelayProcess(redisUrl: string | undefined): Promise<RelayProcess> {
  const port = await freePort()
  const { args, env } = command(port)
  // e.g. RELAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the instances of a benchmark.
  const nodeArgs = (process.env.RELAY_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '')
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env: { ...withoutRedis(process.env), ...RELAY_ENV, ...env, ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (/listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) resolve()
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`the relay exited with ${code} before listening:\n${output}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid as number, signal)
      await exited
    },
  }
}

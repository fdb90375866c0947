/**
 * A real `redis-server` (Debian package) for tests and benchmarks: listens on 127.0.0.1 on a free
 * port, keeps nothing on disk (`--save '' --appendonly no`) and is stopped by its PID. With
 * `appendOnly`, it keeps an append-only file in a temporary directory (fsync on every write), as a
 * production Redis should, so a restart keeps the stream.
 * `.ci/run` installs the package when it is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A running redis-server that a test can stop, kill (a crash) and start again on the same port. */
export interface RedisServer {
  readonly port: number
  /** `redis://127.0.0.1:PORT`, what `REDIS_URL` takes. */
  readonly url: string
  /** The PID of the running process, or `undefined` while stopped. */
  pid(): number | undefined
  /** Stops the process (SIGTERM, or SIGKILL for a crash) and waits for it to exit. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>
  /** Starts it again on the same port (empty, unless started with `appendOnly`). */
  restart(): Promise<void>
  /** Stops it for good and removes its data directory. */
  dispose(): Promise<void>
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no TCP address for a free port')
  return address.port
}

function launch(port: number, dataDir: string | undefined): Promise<ChildProcess> {
  const persistence =
    dataDir === undefined ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dataDir]
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        resolve(child)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', (error) =>
      reject(new Error(`cannot start redis-server (apt-get install -y redis-server): ${error.message}`)),
    )
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)))
  })
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Keep an append-only file (fsync always) in a temporary directory, removed by `dispose()`. */
  appendOnly?: boolean
}

/**
 * Starts a redis-server on a free port of 127.0.0.1, with no persistence unless asked.
 *
 * @param options - `appendOnly`: survive restarts, as a production Redis does.
 * @returns the running server; call `dispose()` in `afterAll`.
 * @example
 * ```ts
 * const redis = await startRedisServer()
 * const bus = createRedisBus({ url: redis.url })
 * await redis.dispose()
 * ```
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort()
  const dataDir = options.appendOnly === true ? mkdtempSync(join(tmpdir(), 'relay-redis-')) : undefined
  let child: ChildProcess | undefined = await launch(port, dataDir)
  async function stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
    if (child === undefined) return
    const running = child
    child = undefined
    if (running.pid !== undefined) process.kill(running.pid, signal)
    await exited(running)
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: () => child?.pid,
    stop,
    async restart() {
      if (child !== undefined) throw new Error('redis-server is still running: stop() it first')
      child = await launch(port, dataDir)
    },
    async dispose() {
      await stop()
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

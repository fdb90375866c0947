/**
 * A TCP proxy in front of redis-server that can hold back what Redis sends to reading
 * connections (those that issued XREAD): an instance whose reader lags behind the stream, made
 * deterministic. Writes (XADD, XRANGE) pass untouched.
 */
import { connect, createServer, type Socket } from 'node:net'

/** A proxy whose readers can be held back and released. */
export interface ReaderGate {
  /** `redis://127.0.0.1:PORT` of the proxy. */
  readonly url: string
  /** Holds everything Redis sends to reading connections from now on. */
  hold(): void
  /** Sends what was held, in order, and lets further replies through. */
  release(): void
  /** Drops the reading connections (and what was held for them): their clients reconnect. */
  cutReaders(): void
  close(): Promise<void>
}

/**
 * Starts a proxy to a Redis port.
 *
 * @param redisPort - The port of the real redis-server on 127.0.0.1.
 * @returns The gate; `close()` it in `afterAll`.
 * @example
 * ```ts
 * const gate = await startReaderGate(redis.port)
 * gate.hold()
 * ```
 */
export async function startReaderGate(redisPort: number): Promise<ReaderGate> {
  let holding = false
  const held: { client: Socket; chunk: Buffer }[] = []
  const sockets = new Set<Socket>()
  const readers = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(redisPort, '127.0.0.1')
    let reads = false
    sockets.add(client).add(upstream)
    client.on('data', (chunk: Buffer) => {
      if (chunk.toString('latin1').toUpperCase().includes('XREAD')) {
        reads = true
        readers.add(client)
      }
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => {
      if (reads && holding) held.push({ client, chunk })
      else client.write(chunk)
    })
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address')
  return {
    url: `redis://127.0.0.1:${address.port}`,
    hold: () => {
      holding = true
    },
    release: () => {
      holding = false
      for (const { client, chunk } of held.splice(0)) client.write(chunk)
    },
    cutReaders: () => {
      held.splice(0)
      holding = false
      for (const client of readers) client.destroy()
      readers.clear()
    },
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

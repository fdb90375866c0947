/**
 * The two ioredis connections of the Redis bus and how each one behaves while Redis is away.
 *
 * - The writer (XADD, XRANGE) never queues: a command issued while disconnected, or in flight
 *   when the connection drops, or unanswered after `commandTimeoutMs`, is rejected at once and
 *   never re-sent. A webhook then answers 503 and Twilio retries; a re-sent XADD after a 503 would
 *   add an event nobody acknowledged.
 * - The reader (a blocking XREAD) waits for Redis as long as it takes: its read is re-issued on
 *   reconnect from the last delivered ID, which is all it needs to catch up.
 *
 * ioredis is an optional peer dependency, loaded only when a Redis bus starts.
 *
 * @module
 */
import type { Redis, RedisOptions } from 'ioredis'

/** The writer and the reader of one Redis bus. */
export interface BusConnections {
  readonly writer: Redis
  readonly reader: Redis
}

/** Settings the connections take from the bus options. */
export interface ConnectionSettings {
  readonly url: string
  readonly commandTimeoutMs: number
  readonly onError: (error: Error) => void
}

async function loadIoredis(): Promise<typeof import('ioredis')> {
  try {
    return await import('ioredis')
  } catch (error) {
    throw new Error('`REDIS_URL` needs the optional peer dependency `ioredis`: run `npm install ioredis`', {
      cause: error,
    })
  }
}

/** Shared by both: RESP2 replies (the shapes the decoders read), connect on `start()`, keep retrying. */
const COMMON: RedisOptions = {
  lazyConnect: true,
  protocol: 2,
  connectionName: 'conference-state-relay',
  retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
}

/**
 * Creates (without connecting) the writer and the reader for a Redis URL.
 *
 * @param settings - The URL, the writer's command timeout and where connection errors go.
 * @returns The two connections; call `connect()` on each.
 * @example
 * ```ts
 * const { writer, reader } = await createBusConnections({ url, commandTimeoutMs: 2_000, onError: console.warn })
 * ```
 */
export async function createBusConnections(settings: ConnectionSettings): Promise<BusConnections> {
  const { Redis } = await loadIoredis()
  const writer = new Redis(settings.url, {
    ...COMMON,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: settings.commandTimeoutMs,
  })
  const reader = new Redis(settings.url, {
    ...COMMON,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    autoResendUnfulfilledCommands: true,
  })
  // ioredis reports every failed reconnect as an 'error' event; unheard, it prints them itself.
  writer.on('error', settings.onError)
  reader.on('error', settings.onError)
  return { writer, reader }
}

/**
 * Hides the password of a Redis URL, for messages and logs.
 *
 * @param url - A `redis://` or `rediss://` URL.
 * @returns The URL with its password replaced by `***`.
 * @example
 * ```ts
 * redactRedisUrl('redis://:secret@cache:6379') // 'redis://:***@cache:6379'
 * ```
 */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(an unparsable URL)'
  }
}

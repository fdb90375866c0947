/**
 * `createRedisBus`: the relay's log as one Redis stream shared by every relay instance.
 *
 * A webhook's action is appended with `XADD … MAXLEN ~ N` and acknowledged only after Redis
 * answered; each instance reads the stream with a blocking XREAD into its own slice, so every
 * instance sees every action once, in stream order, whichever instance took the webhook. Stream
 * IDs are the SSE event IDs, so a viewer resumes on any instance (`readAfter`, an XRANGE), or gets
 * a snapshot when its position was trimmed (see `docs/relay-redis.md`).
 *
 * @module
 */
import { BusUnavailableError, type BusEntry, type BusStatus, type ConferenceBus } from './bus'
import { APPEND_ONCE_SCRIPT, identityKey } from './redis/appendOnce'
import { createBusConnections, redactRedisUrl, type BusConnections } from './redis/connections'
import { ACTION_FIELD, decodeRangeReply, decodeReadReply, type DecodedEntry } from './redis/streamEntries'
import { compareStreamIds, isStreamId } from './redis/streamId'

/**
 * Options of {@link createRedisBus}.
 *
 * @example
 * ```ts
 * const options: RedisBusOptions = { url: 'redis://127.0.0.1:6379', maxLen: 200_000, onError: (error) => log.warn(error) }
 * ```
 */
export interface RedisBusOptions {
  /** The Redis server, e.g. `redis://127.0.0.1:6379` (what `REDIS_URL` holds). */
  url: string
  /** The stream's key. Default `conference-state:events`. */
  stream?: string
  /** About how many entries the stream keeps (`XADD … MAXLEN ~`). Default 100,000. */
  maxLen?: number
  /** An append (or resume read) without a reply after this long fails, so the webhook gets 503. Default 2,000 ms. */
  commandTimeoutMs?: number
  /** How long one blocking XREAD waits before it is issued again. Default 5,000 ms. */
  blockMs?: number
  /** Entries per XREAD and per XRANGE page. Default 500. */
  pageSize?: number
  /**
   * How long the bus remembers each appended callback's identity, so another copy of it (a
   * Twilio retry, or a copy in flight on any instance) is not appended again (ms). Default
   * 120,000. Past it, a copy is still dropped by each instance's state check, unless the
   * instance taking it has not yet read the first copy.
   */
  duplicateWindowMs?: number
  /** Connection errors and unreadable stream entries, for the logs. Default: ignored. */
  onError?: (error: Error) => void
}

/**
 * Default key of the shared stream.
 *
 * @example
 * ```ts
 * // redis-cli XLEN conference-state:events
 * createRedisBus({ url, stream: `${DEFAULT_STREAM}:tenant-7` })
 * ```
 */
export const DEFAULT_STREAM = 'conference-state:events'

/**
 * Default approximate length the stream is trimmed to (`XADD … MAXLEN ~ 100000`): about 56 MB in
 * Redis at 557 bytes per entry.
 *
 * @example
 * ```ts
 * createRedisBus({ url, maxLen: 2 * DEFAULT_MAX_LEN })
 * ```
 */
export const DEFAULT_MAX_LEN = 100_000

/**
 * Default of `duplicateWindowMs`: how long each appended callback's identity is remembered.
 *
 * @example
 * ```ts
 * createRedisBus({ url, duplicateWindowMs: 5 * DEFAULT_DUPLICATE_WINDOW_MS })
 * ```
 */
export const DEFAULT_DUPLICATE_WINDOW_MS = 120_000

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`\`${name}\` must be a positive integer for createRedisBus, got ${String(value)}`)
  }
  return value
}

/**
 * Creates the Redis Streams bus. Nothing connects until `start()`; ioredis (an optional peer
 * dependency) is loaded then.
 *
 * @param options - `url` (required), `stream`, `maxLen`, `commandTimeoutMs`, `blockMs`, `pageSize`, `onError`.
 * @returns A {@link ConferenceBus} of kind `'redis'`.
 * @remarks `start()` rejects with `BUS_UNAVAILABLE` when Redis cannot be reached at startup, so a
 * process manager restarts the instance rather than serving viewers an empty state. Later outages
 * only turn the status `'down'`: appends fail fast, the reader waits and catches up.
 * @example
 * ```ts
 * const bus = createRedisBus({ url: process.env.REDIS_URL!, maxLen: 200_000 })
 * const relay = createConferenceRelay({ ...options, bus })
 * ```
 */
export function createRedisBus(options: RedisBusOptions): ConferenceBus {
  if (typeof options?.url !== 'string' || options.url === '') {
    throw new TypeError('`url` is a required option for createRedisBus, e.g. `redis://127.0.0.1:6379`')
  }
  const key = options.stream ?? DEFAULT_STREAM
  const maxLen = String(positiveInteger('maxLen', options.maxLen ?? DEFAULT_MAX_LEN))
  const commandTimeoutMs = positiveInteger('commandTimeoutMs', options.commandTimeoutMs ?? 2_000)
  const blockMs = String(positiveInteger('blockMs', options.blockMs ?? 5_000))
  const pageSize = positiveInteger('pageSize', options.pageSize ?? 500)
  const duplicateWindowMs = String(positiveInteger('duplicateWindowMs', options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS))
  const onError = options.onError ?? (() => {})

  let connections: BusConnections | undefined
  let closed = false
  let current: BusStatus = 'down'
  /** The last ID read from the stream: everything up to it went to `onEntry`, nothing after it. */
  let lastDelivered = '0-0'
  let readLoop: Promise<void> = Promise.resolve()
  const waiters = new Set<() => void>()
  let stopReading = () => {}
  const stopped = new Promise<undefined>((resolve) => (stopReading = () => resolve(undefined)))

  function deliver(entries: readonly DecodedEntry[], onEntry: (entry: BusEntry) => void) {
    for (const entry of entries) {
      if (compareStreamIds(entry.id, lastDelivered) <= 0) continue
      lastDelivered = entry.id
      if (entry.action === undefined) {
        onError(new Error(`skipped stream entry ${entry.id} of ${key}: ${entry.problem ?? 'unreadable'}`))
        continue
      }
      try {
        onEntry({ id: entry.id, action: entry.action })
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)))
      }
    }
    for (const wake of waiters) wake()
  }

  /** Resolves `true` once `id` was delivered, `false` after `commandTimeoutMs`. */
  function deliveredThrough(id: string): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (compareStreamIds(lastDelivered, id) < 0 && !closed) return
        waiters.delete(check)
        clearTimeout(timer)
        resolve(!closed)
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        resolve(false)
      }, commandTimeoutMs)
      waiters.add(check)
      check()
    })
  }

  async function read(onEntry: (entry: BusEntry) => void, reader: BusConnections['reader']) {
    while (!closed) {
      try {
        const pending = reader.call('XREAD', 'COUNT', String(pageSize), 'BLOCK', blockMs, 'STREAMS', key, lastDelivered)
        // While Redis is away the read waits in ioredis' queue; `close()` must not wait for it.
        pending.catch(() => {})
        const reply = await Promise.race([pending, stopped])
        if (!closed) deliver(decodeReadReply(reply), onEntry)
      } catch (error) {
        if (closed) return
        onError(error instanceof Error ? error : new Error(String(error)))
        // A reply error (e.g. WRONGTYPE) must not spin: wait a little before reading again.
        await Promise.race([new Promise((resolve) => setTimeout(resolve, commandTimeoutMs)), stopped])
      }
    }
  }

  /**
   * After a reconnect, whether the stream still holds the last entry this instance delivered: if
   * it was trimmed (or Redis restarted empty) while the instance was away, whatever came between
   * never reached it. Nothing can bring those entries back; `onError` says so for the logs.
   */
  function watchForGaps(reader: BusConnections['reader']) {
    reader.on('ready', () => {
      const before = lastDelivered
      if (closed || before === '0-0') return
      reader.call('XRANGE', key, '-', '+', 'COUNT', '1').then((reply) => {
        const first = decodeRangeReply(reply)[0]
        if (first !== undefined && compareStreamIds(first.id, before) <= 0) return
        onError(
          new Error(
            `the stream ${key} no longer holds ${before}, the last entry this instance applied: entries trimmed ` +
              '(or lost in a restart of Redis without persistence) while it was disconnected never reached it',
          ),
        )
      }, () => {})
    })
  }

  function watchStatus(onStatus: (status: BusStatus) => void, { writer, reader }: BusConnections) {
    const update = () => {
      const next: BusStatus = !closed && writer.status === 'ready' && reader.status === 'ready' ? 'up' : 'down'
      if (next === current) return
      current = next
      onStatus(next)
    }
    for (const connection of [writer, reader]) for (const event of ['ready', 'close', 'end']) connection.on(event, update)
  }

  /** Reads `(after, lastDelivered]` in pages; `undefined` when `after` is not (or no longer) in the stream. */
  async function rangeAfter(writer: BusConnections['writer'], after: string): Promise<BusEntry[] | undefined> {
    const entries: BusEntry[] = []
    let cursor = after
    let first = true
    while (compareStreamIds(cursor, lastDelivered) < 0) {
      const end = lastDelivered
      // The first page starts at `after` itself: finding it proves nothing after it was trimmed.
      const start = first ? after : `(${cursor}`
      const page = decodeRangeReply(await writer.call('XRANGE', key, start, end, 'COUNT', String(pageSize)))
      // (cursor, end] held at least `end`: an empty page means the stream was trimmed meanwhile.
      if (first ? page[0]?.id !== after : page.length === 0) return undefined
      first = false
      for (const entry of page) {
        if (entry.id === after) continue
        cursor = entry.id
        if (entry.action !== undefined) entries.push({ id: entry.id, action: entry.action })
      }
    }
    // Synchronous from the last check to the return: the caller's continuation runs before any
    // further delivery, so its replay ends exactly where live delivery goes on.
    return entries
  }

  /** Whether an entry with exactly this ID is in the stream. */
  async function holds(writer: BusConnections['writer'], id: string): Promise<boolean> {
    return decodeRangeReply(await writer.call('XRANGE', key, id, id))[0]?.id === id
  }

  return {
    kind: 'redis',
    async start(onEntry, onStatus) {
      if (connections !== undefined || closed) throw new Error('createRedisBus: `start()` may be called once')
      const opened = await createBusConnections({ url: options.url, commandTimeoutMs, onError })
      connections = opened
      try {
        await Promise.all([opened.writer.connect(), opened.reader.connect()])
        // The retained stream, in pages, before the instance accepts viewers.
        for (let start = '-'; ; start = `(${lastDelivered}`) {
          const page = decodeRangeReply(await opened.writer.call('XRANGE', key, start, '+', 'COUNT', String(pageSize)))
          deliver(page, onEntry)
          if (page.length < pageSize) break
        }
      } catch (error) {
        closed = true
        opened.writer.disconnect()
        opened.reader.disconnect()
        throw new BusUnavailableError(`cannot read the stream ${key} at ${redactRedisUrl(options.url)}`, { cause: error })
      }
      current = 'up'
      watchStatus(onStatus, opened)
      watchForGaps(opened.reader)
      readLoop = read(onEntry, opened.reader)
    },
    async append(action, appendOptions) {
      if (connections === undefined || closed) throw new BusUnavailableError('the Redis bus is not started')
      const json = JSON.stringify(action)
      const identity = appendOptions?.identity
      try {
        const id =
          identity === undefined
            ? await connections.writer.call('XADD', key, 'MAXLEN', '~', maxLen, '*', ACTION_FIELD, json)
            : await connections.writer.call('EVAL', APPEND_ONCE_SCRIPT, '2', key, identityKey(key, identity), maxLen, ACTION_FIELD, json, duplicateWindowMs)
        return String(id)
      } catch (error) {
        throw new BusUnavailableError(`Redis did not take the append: ${(error as Error).message}`, { cause: error })
      }
    },
    async readAfter(id) {
      if (connections === undefined || closed || !isStreamId(id)) return undefined
      try {
        // A viewer that comes from an instance further ahead: wait until this one caught up.
        if (compareStreamIds(id, lastDelivered) > 0) {
          if (!(await holds(connections.writer, id)) || !(await deliveredThrough(id))) return undefined
        }
        return await rangeAfter(connections.writer, id)
      } catch {
        // Redis unreachable: a snapshot from this instance's state is always a correct answer.
        return undefined
      }
    },
    status: () => current,
    async close() {
      if (closed) return
      closed = true
      current = 'down'
      for (const wake of waiters) wake()
      stopReading()
      connections?.writer.disconnect()
      connections?.reader.disconnect()
      await readLoop
    },
  }
}

/**
 * `createMemoryBus`: the relay's log inside one process, the default of `conference-state relay`.
 *
 * A bounded ring of the last `logSize` entries with decimal IDs. Appends are delivered
 * synchronously to the listener in order; a viewer resuming from an ID older than the ring gets
 * `undefined` from `readAfter` and the relay sends it a snapshot instead (see `docs/relay.md`).
 *
 * IDs count up from the start time in microseconds, so a restarted process never hands out an
 * ID its previous life did: a browser resuming from the old process's position gets a snapshot
 * rather than the new log's entries after a number that meant something else.
 *
 * @module
 */
import { BusUnavailableError, type BusEntry, type BusStatus, type ConferenceBus } from './bus'

/** Options of {@link createMemoryBus}. */
export interface MemoryBusOptions {
  /** How many entries the log keeps for `Last-Event-ID` resumes. Default 10,000. */
  logSize?: number
  /** The counter before the first entry (the first ID is `startAt + 1`). Default: now in microseconds. */
  startAt?: number
}

/**
 * Default number of entries the in-process log keeps, and so how far back a viewer can resume.
 * @example
 * ```ts
 * // Twice the default, for a relay that sees long reconnect gaps.
 * const bus = createMemoryBus({ logSize: 2 * DEFAULT_LOG_SIZE })
 * ```
 */
export const DEFAULT_LOG_SIZE = 10_000

/** A decimal counter ID: digits only, no leading zero (so "01" is never confused with "1"). */
const COUNTER_ID = /^(0|[1-9][0-9]{0,15})$/

/**
 * Creates the in-process bus.
 *
 * @param options - `logSize`: how many entries are kept for resumes (default 10,000).
 * @returns A {@link ConferenceBus} of kind `'memory'`.
 * @example
 * ```ts
 * const relay = createConferenceRelay({ ...options, bus: createMemoryBus({ logSize: 50_000 }) })
 * ```
 */
export function createMemoryBus(options: MemoryBusOptions = {}): ConferenceBus {
  const logSize = options.logSize ?? DEFAULT_LOG_SIZE
  if (!Number.isInteger(logSize) || logSize < 1) {
    throw new TypeError(`\`logSize\` must be a positive integer for createMemoryBus, got ${String(logSize)}`)
  }
  const startAt = options.startAt ?? Date.now() * 1000
  if (!Number.isSafeInteger(startAt) || startAt < 0) {
    throw new TypeError(`\`startAt\` must be a non-negative safe integer for createMemoryBus, got ${String(startAt)}`)
  }
  // Ring buffer: entry with counter n sits at n % logSize while n > last - logSize.
  const ring: (BusEntry | undefined)[] = new Array<BusEntry | undefined>(logSize)
  let last = startAt
  let closed = false
  let deliver: ((entry: BusEntry) => void) | undefined

  const oldestHeld = () => Math.max(startAt + 1, last - logSize + 1)

  return {
    kind: 'memory',
    async start(onEntry) {
      for (let n = oldestHeld(); n <= last; n += 1) {
        const entry = ring[n % logSize]
        if (entry !== undefined) onEntry(entry)
      }
      deliver = onEntry
    },
    async append(action) {
      if (closed) throw new BusUnavailableError('the in-process bus is closed')
      last += 1
      const entry: BusEntry = { id: String(last), action }
      ring[last % logSize] = entry
      deliver?.(entry)
      return entry.id
    },
    async readAfter(id) {
      if (!COUNTER_ID.test(id)) return undefined
      const after = Number(id)
      // `startAt` means "from the start", held only while nothing has been trimmed yet.
      if (after > last || after < oldestHeld() - 1) return undefined
      const entries: BusEntry[] = []
      for (let n = after + 1; n <= last; n += 1) entries.push(ring[n % logSize] as BusEntry)
      return entries
    },
    status(): BusStatus {
      return closed ? 'down' : 'up'
    },
    async close() {
      closed = true
      deliver = undefined
    },
  }
}

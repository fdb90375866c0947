/**
 * The relay's bus: the shared, ordered log of accepted conference actions.
 *
 * The relay only talks to this interface. One process runs the in-process log
 * ({@link createMemoryBus}); many instances behind a load balancer share a Redis stream
 * (`createRedisBus`). Entry IDs are opaque strings to the relay: only the bus compares them, and
 * they are the SSE event IDs viewers resume from (see `docs/relay.md`).
 *
 * @module
 */

/** One accepted conference action in the relay's shared, ordered log. */
export interface BusEntry {
  /** Position in the log; the SSE event `id`. In-process: decimal counter; Redis: the stream ID. */
  readonly id: string
  /** The action exactly as the relay accepted it (plain JSON: an action from the adapters). */
  readonly action: { readonly type: string; readonly payload?: unknown; readonly meta?: unknown }
}

/** Whether the bus can take appends right now. */
export type BusStatus = 'up' | 'down'

/** How one append is made. */
export interface AppendOptions {
  /**
   * The callback's identity (the webhook's `callbackIdentity`): a bus that can check it
   * atomically (Redis) stores one entry per identity within its duplicate window, and answers a
   * repeat with the ID of the entry already stored.
   */
  readonly identity?: string
}

/**
 * The log every relay instance appends accepted callbacks to and reads them back from.
 *
 * @example
 * ```ts
 * const bus: ConferenceBus = createMemoryBus({ logSize: 10_000 })
 * await bus.start((entry) => console.log(entry.id, entry.action.type), (status) => console.log(status))
 * const id = await bus.append({ type: 'conferences/conferenceStarted', payload: { conferenceSid } })
 * ```
 */
export interface ConferenceBus {
  /** 'memory' or 'redis', shown in /healthz. */
  readonly kind: 'memory' | 'redis'
  /**
   * Loads what the log still holds and starts delivering. Every entry already in the log is
   * passed to `onEntry` (in order) before the returned promise resolves, so an instance that
   * starts late has its state before it accepts viewers.
   */
  start(onEntry: (entry: BusEntry) => void, onStatus: (status: BusStatus) => void): Promise<void>
  /**
   * Appends an action; resolves with its entry ID only once it is durably in the log (Redis:
   * XADD acknowledged). Rejects (error with `code: 'BUS_UNAVAILABLE'`) when the backend is down,
   * so the webhook answers 503. Every appended entry (from this or another instance) is then
   * delivered through `onEntry`, exactly once, in log order. With `options.identity`, a bus may
   * resolve a repeat of an identity it holds with the stored entry's ID, appending nothing.
   */
  append(action: BusEntry['action'], options?: AppendOptions): Promise<string>
  /**
   * Entries strictly after `id`, in order, or `undefined` when `id` is no longer held (trimmed,
   * unknown or malformed): then the relay sends a fresh snapshot instead.
   */
  readAfter(id: string): Promise<readonly BusEntry[] | undefined>
  /** Current status. */
  status(): BusStatus
  /** Stops reading and releases connections. */
  close(): Promise<void>
}

/**
 * The `code` of the error {@link ConferenceBus.append} rejects with when the backend is down.
 * @example
 * ```ts
 * try {
 *   await bus.append(action)
 * } catch (error) {
 *   if ((error as { code?: unknown }).code === BUS_UNAVAILABLE) return reply(503)
 *   throw error
 * }
 * ```
 */
export const BUS_UNAVAILABLE = 'BUS_UNAVAILABLE'

/**
 * The error a bus rejects an append with when its backend is down (the webhook answers 503).
 *
 * @example
 * ```ts
 * throw new BusUnavailableError('redis is not connected')
 * ```
 */
export class BusUnavailableError extends Error {
  override name = 'BusUnavailableError'
  /** Always `'BUS_UNAVAILABLE'`. */
  readonly code = BUS_UNAVAILABLE
}

/**
 * Whether an error means "the bus is down" (`code: 'BUS_UNAVAILABLE'`), whichever bus threw it.
 *
 * @param error - What `append` rejected with.
 * @returns `true` for a bus-unavailable error.
 * @example
 * ```ts
 * try { await bus.append(action) } catch (error) { if (isBusUnavailable(error)) answer(503) }
 * ```
 */
export function isBusUnavailable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === BUS_UNAVAILABLE
}

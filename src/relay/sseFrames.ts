/**
 * Server-Sent Events framing: `snapshot` and `conference` events, and the heartbeat comment.
 * Frames are encoded once and the same bytes are written to every viewer who receives them.
 *
 * @module
 */

/**
 * The SSE event names of the relay's stream (a contract: the feed listens for these).
 * @example
 * ```ts
 * const stream = new EventSource(`${relayUrl}/events?token=${token}`)
 * stream.addEventListener(SSE_EVENTS.conference, (event) => console.log(JSON.parse(event.data)))
 * ```
 */
export const SSE_EVENTS = { snapshot: 'snapshot', conference: 'conference', status: 'status' } as const

/** One SSE event, encoded. `data` is JSON (no raw newlines); `id` the bus entry ID, if any. */
export function sseFrame(event: string, data: unknown, id?: string): Buffer {
  const idLine = id === undefined ? '' : `id: ${id}\n`
  return Buffer.from(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, 'utf8')
}

/** The comment that keeps proxies from closing an idle stream. */
export const HEARTBEAT_FRAME = Buffer.from(': heartbeat\n\n', 'utf8')

/** How long a browser waits before reconnecting after the relay closed a stream (ms). */
export const RECONNECT_DELAY_FRAME = Buffer.from('retry: 1000\n\n', 'utf8')

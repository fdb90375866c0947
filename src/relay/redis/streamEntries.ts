/**
 * Stream entries as the Redis bus writes and reads them: one field, `action`, holding the
 * accepted action as JSON. Replies are decoded defensively: the stream is shared, and whatever
 * else wrote to it must not crash an instance's read loop (see `docs/relay-redis.md`).
 *
 * @module
 */
import type { BusEntry } from '../bus'
import { isStreamId } from './streamId'

/** The field of a stream entry that holds the action's JSON. */
export const ACTION_FIELD = 'action'

/** One raw entry of an XRANGE or XREAD reply: its ID and, when it is readable, the action. */
export interface DecodedEntry {
  readonly id: string
  /** The action, or `undefined` when the entry holds no readable action (`problem` says why). */
  readonly action?: BusEntry['action']
  readonly problem?: string
}

function decodeAction(json: string): BusEntry['action'] | string {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return 'the `action` field is not JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the `action` field is not an object'
  if (typeof (value as { type?: unknown }).type !== 'string') return 'the action has no string `type`'
  return value as BusEntry['action']
}

function decodeEntry(raw: unknown): DecodedEntry | undefined {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string' || !isStreamId(raw[0])) return undefined
  const [id, fields] = raw as [string, unknown]
  if (!Array.isArray(fields)) return { id, problem: 'the entry has no fields' }
  for (let index = 0; index + 1 < fields.length; index += 2) {
    if (fields[index] !== ACTION_FIELD) continue
    const json = fields[index + 1]
    if (typeof json !== 'string') break
    const action = decodeAction(json)
    return typeof action === 'string' ? { id, problem: action } : { id, action }
  }
  return { id, problem: `the entry has no \`${ACTION_FIELD}\` field` }
}

/**
 * Decodes an XRANGE reply (`[[id, [field, value, ...]], ...]`), in stream order.
 *
 * @param reply - The raw reply (RESP2 shape).
 * @returns The entries with a valid stream ID; those without a readable action carry `problem`.
 * @example
 * ```ts
 * decodeRangeReply([['1-0', ['action', '{"type":"conferences/participantHeld"}']]])
 * // [{ id: '1-0', action: { type: 'conferences/participantHeld' } }]
 * ```
 */
export function decodeRangeReply(reply: unknown): DecodedEntry[] {
  if (!Array.isArray(reply)) return []
  const entries: DecodedEntry[] = []
  for (const raw of reply) {
    const entry = decodeEntry(raw)
    if (entry !== undefined) entries.push(entry)
  }
  return entries
}

/**
 * Decodes an XREAD reply for one stream (`[[key, [[id, fields], ...]]]`, or `null` on timeout).
 *
 * @param reply - The raw reply (RESP2 shape).
 * @returns The entries, in stream order; empty when the read timed out.
 * @example
 * ```ts
 * decodeReadReply(null) // []
 * ```
 */
export function decodeReadReply(reply: unknown): DecodedEntry[] {
  if (!Array.isArray(reply)) return []
  const stream: unknown = reply[0]
  return Array.isArray(stream) ? decodeRangeReply(stream[1]) : []
}

/**
 * Reading one SSE frame's `data`: JSON, then the shape the relay promises. Anything else becomes
 * an `eventRejected` naming what was wrong, so a bad frame is recorded, never thrown into the app
 * and never silently lost. The action's payload is checked where every action is, at the
 * reducer's door (docs/architecture.md, "Bad input").
 *
 * @module
 */
import { eventRejected, type ConferenceEvent } from 'conference-state'

/**
 * The `source` of the feed's rejections (`eventRejected`), for filtering the rejection log.
 * @example
 * ```ts
 * const badFrames = selectRejectedEvents(store.getState()).filter((entry) => entry.source === FEED_SOURCE)
 * ```
 */
export const FEED_SOURCE = 'conference-feed'
const MAX_SUMMARY = 200

const summarize = (data: unknown): string => {
  // SSE data is text; anything else is named by its type (`String()` of an object can throw).
  const text = typeof data === 'string' ? data : `(${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data})`
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 3)}...` : text
}

/** The `eventRejected` action for a frame the feed cannot use. */
export function rejectFrame(event: string, reason: string, data: unknown, field = 'data'): ConferenceEvent {
  return eventRejected({ source: FEED_SOURCE, reason: `\`${event}\` event: ${reason}`, field, summary: summarize(data) })
}

/** A frame's JSON, or the reason it is not JSON. */
export function parseFrame(data: unknown): { value: unknown } | { reason: string } {
  if (typeof data !== 'string') return { reason: 'data must be text' }
  try {
    return { value: JSON.parse(data) as unknown }
  } catch {
    return { reason: 'data is not JSON' }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A `conference` frame as the action it carries, or its rejection. */
export function readConferenceFrame(data: unknown): ConferenceEvent {
  const parsed = parseFrame(data)
  if ('reason' in parsed) return rejectFrame('conference', parsed.reason, data)
  const action = parsed.value
  if (!isRecord(action)) return rejectFrame('conference', 'data must be an action object', data)
  if (typeof action.type !== 'string' || !action.type.startsWith('conferences/')) {
    return rejectFrame('conference', '`type` must be a conference action type', data, 'type')
  }
  return action as unknown as ConferenceEvent
}

/** A `status` frame as a plain object, or `undefined` when it is not one. */
export function readStatusFrame(data: unknown): Record<string, unknown> | undefined {
  const parsed = parseFrame(data)
  return 'value' in parsed && isRecord(parsed.value) ? parsed.value : undefined
}

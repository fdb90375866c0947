/**
 * Reading an action's place in time: its version on the conference's clock and its arrival.
 *
 * @module
 */
import type { ConferenceEventBase } from '../events'
import { eventVersion } from '../ordering'
import type { StateWriter } from '../writer'
import { conferenceClock } from './conferenceRecord'
import type { EventStamp } from './participantChange'

/** The `meta` of an action dispatched by hand may be missing: arrival then falls back to the source time. */
export function receivedAtOf(action: { meta?: unknown }, fallback = 0): number {
  const meta = action.meta as { receivedAt?: unknown } | undefined
  const receivedAt = meta?.receivedAt
  return typeof receivedAt === 'number' && Number.isFinite(receivedAt) ? receivedAt : fallback
}

/** The stamp of a conference event, on the clock of its conference as changed so far. */
export function stampOf(writer: StateWriter, payload: ConferenceEventBase, action: { meta?: unknown }): EventStamp {
  return {
    version: eventVersion(payload.sequence, conferenceClock(writer, payload.conferenceSid)),
    receivedAt: receivedAtOf(action, payload.timestamp ?? 0),
    timestamp: payload.timestamp,
  }
}

/**
 * The identity of an accepted callback: what makes two webhook requests "the same callback" (a
 * retry, or a copy still in flight), so a shared log stores it once.
 *
 * It is the action's type and payload, hashed: everything the adapter read from the callback's
 * parameters (conference SID, call SID, `SequenceNumber`, the event and its fields), nothing of
 * when this copy arrived (`meta.receivedAt`). Two copies of one Twilio callback carry the same
 * parameters, so the same identity; two different callbacks differ at least in their event or
 * sequence number. See `docs/relay-redis.md`, "Duplicates".
 *
 * @module
 */
import { createHash } from 'node:crypto'
import type { BusEntry } from './bus'

/** The callback identity of an action: 128 bits of SHA-256 over its type and payload, base64url. */
export function callbackIdentity(action: BusEntry['action']): string {
  return createHash('sha256')
    .update(JSON.stringify([action.type, action.payload ?? null]))
    .digest('base64url')
    .slice(0, 22)
}

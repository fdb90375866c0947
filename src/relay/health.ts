/**
 * `GET /healthz`: is this instance up, and how busy. Unauthenticated, so it says nothing about
 * any conference (no SIDs, no counts): only the instance, its open streams, when it last
 * accepted an event, and its bus.
 *
 * @module
 */
import type { ServerResponse } from 'node:http'
import type { ConferenceBus } from './bus'
import { replyJson } from './httpReplies'

/** The `/healthz` body. */
export interface RelayHealth {
  status: 'ok' | 'degraded'
  instance: string
  connections: number
  /** Epoch ms of the last entry applied, or `null`. */
  lastEventAt: number | null
  bus: { kind: ConferenceBus['kind']; status: ReturnType<ConferenceBus['status']> }
}

/** Answers `/healthz` (200; `status: 'degraded'` while the bus is down). */
export function replyHealth(response: ServerResponse, health: Omit<RelayHealth, 'status'>): void {
  const body: RelayHealth = { status: health.bus.status === 'up' ? 'ok' : 'degraded', ...health }
  replyJson(response, 200, body)
}

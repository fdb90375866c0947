/**
 * The relay's small replies: a status with an optional JSON body. Errors say what was wrong and,
 * where it helps, which field.
 *
 * @module
 */
import type { ServerResponse } from 'node:http'

/** Answers `status` with a JSON body. */
export function replyJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  response.end(text)
}

/** Answers `status` with `{ "error": reason }` (and `field` when one field is to blame). */
export function replyError(response: ServerResponse, status: number, reason: string, field?: string, headers?: Record<string, string>): void {
  replyJson(response, status, field === undefined ? { error: reason } : { error: reason, field }, headers)
}

/** Answers `status` with no body (204, or a bare 403 that tells a forger nothing). */
export function replyEmpty(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'Cache-Control': 'no-store' })
  response.end()
}

/**
 * Reads a request body up to a byte limit, without ever holding more than the limit.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http'

/** The body, or that it was over the limit (the request is then answered 413). */
export type BodyRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly tooLarge: true }

/** Reads `request`'s body as UTF-8; stops (and reports `tooLarge`) past `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      request.resume()
      resolve({ ok: false, tooLarge: true })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    request.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        chunks.length = 0
        // Keep draining (and dropping) so the 413 can be written on a healthy socket.
        resolve({ ok: false, tooLarge: true })
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      if (done) return
      done = true
      resolve({ ok: true, text: Buffer.concat(chunks, size).toString('utf8') })
    })
    request.on('error', (error) => {
      if (done) return
      done = true
      reject(error)
    })
  })
}

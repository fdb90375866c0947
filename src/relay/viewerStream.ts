/**
 * One viewer's open event stream: writes frames, and cuts the viewer off when its socket stops
 * draining, so a slow client can never grow the server's memory past `maxBufferedBytes`.
 *
 * @module
 */
import type { ServerResponse } from 'node:http'
import { RECONNECT_DELAY_FRAME } from './sseFrames'
import type { Viewer } from './viewerToken'

/** An open `GET /events` stream. */
export interface ViewerStream {
  readonly viewer: Viewer
  /** Conferences already sent to this agent (unused for supervisors). */
  readonly seen: Set<string>
  /** While it catches up from `Last-Event-ID`: live entries wait here (bounded). */
  queue: { ordinal: number; conferenceSid: string | undefined; frame: () => Buffer }[] | undefined
  /** Frames for this stream alone waiting for the next write window (agents' filtered events). */
  pending: Buffer[]
  /** Writes a frame; returns `false` (and closes the stream) when the viewer is too far behind. */
  write(frame: Buffer): boolean
  /** Whether the stream is still open. */
  readonly open: boolean
  /** Ends the stream. */
  end(): void
  /** Drops the connection at once (the viewer fell too far behind). */
  cutOff(): void
}

/** Starts the SSE response and wraps it. `onClose` runs once when the stream ends for any reason. */
export function openViewerStream(
  response: ServerResponse,
  viewer: Viewer,
  limits: { maxBufferedBytes: number; now: () => number },
  onClose: (stream: ViewerStream) => void,
): ViewerStream {
  const { maxBufferedBytes, now } = limits
  // The stream ends only when the connection does, so it needs no chunked framing: each write
  // goes to the socket as is (a stream is its connection's last response: `Connection: close`).
  response.useChunkedEncodingByDefault = false
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    // nginx buffers responses unless told not to.
    'X-Accel-Buffering': 'no',
  })
  response.socket?.setNoDelay(true)
  let open = true
  const stream: ViewerStream = {
    viewer,
    seen: new Set(),
    queue: undefined,
    pending: [],
    get open() {
      return open
    },
    write(frame) {
      if (!open) return false
      // Bytes still unsent from earlier writes: a viewer that drains keeps this near zero.
      if (response.writableLength > maxBufferedBytes) {
        // Cut off, not buffered: it reconnects with Last-Event-ID and catches up.
        stream.cutOff()
        return false
      }
      response.write(frame)
      return true
    },
    end() {
      if (open) response.end()
    },
    cutOff() {
      response.destroy()
    },
  }
  const closed = () => {
    if (!open) return
    open = false
    stream.queue = undefined
    stream.pending = []
    onClose(stream)
  }
  // A stream lives no longer than its token: the browser reconnects with a fresh one.
  const expiry = setTimeout(() => stream.end(), Math.max(0, viewer.expiresAt - now()))
  expiry.unref()
  response.on('close', () => {
    clearTimeout(expiry)
    closed()
  })
  response.on('error', closed)
  response.write(RECONNECT_DELAY_FRAME)
  return stream
}

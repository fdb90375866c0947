/**
 * One viewer's open event stream: writes frames, and cuts the viewer off when its socket stops
 * draining, so a slow client can never grow the server's memory past `maxBufferedBytes`.
 *
 * Two kinds of writes. A catch-up (the first snapshot, a resume's replay or snapshot) is written
 * with {@link ViewerStream.catchUp}: it waits for the socket to drain whenever the socket holds
 * more than its high-water mark, so a replay never sits in memory all at once, and it is never
 * counted against the viewer. Live frames ({@link ViewerStream.write}) are counted from the end of
 * the last catch-up: a viewer is cut off only when more than `maxBufferedBytes` of what was
 * written after its catch-up is still unsent, so a viewer reading a large catch-up is not cut
 * while one that stops reading is (see `docs/relay.md`, "Slow clients").
 *
 * @module
 */
import type { ServerResponse } from 'node:http'
import { MAX_TIMER_DELAY_MS } from '../timers'
import { RECONNECT_DELAY_FRAME } from './sseFrames'
import type { Viewer } from './viewerToken'

/** A live entry held for a stream that is still catching up. */
export interface QueuedEntry {
  /** The local ordinal this instance gave the entry when it applied it. */
  readonly ordinal: number
  readonly conferenceSid: string | undefined
  /** The entry's `conference` frame (encoded once, shared by every viewer). */
  readonly frame: () => Buffer
}

/** An open `GET /events` stream. */
export interface ViewerStream {
  readonly viewer: Viewer
  /** Conferences already sent to this agent (unused for supervisors). */
  readonly seen: Set<string>
  /** While it catches up from `Last-Event-ID`: live entries wait here (bounded). */
  queue: QueuedEntry[] | undefined
  /** Frames for this stream alone waiting for the next write window (agents' filtered events). */
  pending: Buffer[]
  /** Writes a live frame; returns `false` (and closes the stream) when the viewer is too far behind. */
  write(frame: Buffer): boolean
  /**
   * Writes a catch-up frame, which does not count against the viewer; resolves once the socket
   * can take more (at once while it is under its high-water mark). Resolves `false` when the
   * stream has closed.
   */
  catchUp(frame: Buffer): Promise<boolean>
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
  /** Bytes handed to the response so far, and how many of them were catch-up (or came before it). */
  let written = 0
  let catchUpEnd = 0
  const send = (frame: Buffer) => {
    written += frame.length
    return response.write(frame)
  }
  /** Unsent bytes written after the last catch-up: the socket sends in order, catch-up first. */
  const liveBacklog = () => Math.min(response.writableLength, written - catchUpEnd)
  const stream: ViewerStream = {
    viewer,
    seen: new Set(),
    queue: undefined,
    pending: [],
    get open() {
      return open
    },
    write(frame) {
      // Ended (its token expired) but not yet closed: nothing more is written.
      if (!open || response.writableEnded) return false
      // Live bytes still unsent from earlier writes: a viewer that drains keeps this near zero.
      if (liveBacklog() > maxBufferedBytes) {
        // Cut off, not buffered: it reconnects with Last-Event-ID and catches up.
        stream.cutOff()
        return false
      }
      send(frame)
      return true
    },
    async catchUp(frame) {
      if (!open || response.writableEnded) return false
      const roomLeft = send(frame)
      catchUpEnd = written
      if (!roomLeft) await drained()
      return open
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
    clearTimeout(expiry)
    stream.queue = undefined
    stream.pending = []
    onClose(stream)
  }
  /** Resolves once the response drained, or closed (then nothing will drain). */
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        response.off('drain', done)
        response.off('close', done)
        resolve()
      }
      response.on('drain', done)
      response.on('close', done)
    })
  // A stream lives no longer than its token: the browser reconnects with a fresh one. A token
  // valid for longer than a timer can wait is waited for in steps (docs/architecture.md, timers).
  let expiry: ReturnType<typeof setTimeout> | undefined
  const expireIn = (left: number) => {
    const stepped = left > MAX_TIMER_DELAY_MS
    expiry = setTimeout(() => (stepped ? expireIn(viewer.expiresAt - now()) : stream.end()), stepped ? MAX_TIMER_DELAY_MS : Math.max(0, left))
    expiry.unref()
  }
  response.on('close', closed)
  response.on('error', closed)
  expireIn(viewer.expiresAt - now())
  response.write(RECONNECT_DELAY_FRAME)
  // A viewer that hung up before its stream opened (while its token was checked): 'close' has
  // already been emitted, so it is closed here, never registered.
  if (response.destroyed || response.socket?.destroyed === true) closed()
  return stream
}

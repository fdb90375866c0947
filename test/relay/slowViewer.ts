/**
 * A viewer's response whose reading the test drives: what the relay writes stays unsent (counted
 * in `writableLength`, as bytes waiting in a socket are) until the test reads it. Lets a test put
 * the relay in front of a slow client exactly, without depending on the kernel's socket buffers.
 */
import { Writable } from 'node:stream'
import type { ServerResponse } from 'node:http'

/** Waits one turn of the event loop: `drain` handlers, flushes and the relay's continuations run. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A `ServerResponse` stand-in whose socket sends only when the test reads. */
export class SlowViewer extends Writable {
  /** Bytes the viewer has read, in order. */
  readonly received: Buffer[] = []
  statusCode = 0
  useChunkedEncodingByDefault = true
  readonly socket = null
  private readonly unsent: Array<() => void> = []

  constructor(highWaterMark = 16 * 1024) {
    super({ highWaterMark })
  }

  /** The relay's view of it. */
  get response(): ServerResponse {
    return this as unknown as ServerResponse
  }

  writeHead(status: number): this {
    this.statusCode = status
    return this
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.unsent.push(() => {
      this.received.push(chunk)
      done()
    })
  }

  /** Reads one write's bytes (if any is waiting); returns how many were read. */
  readOne(): number {
    const take = this.unsent.shift()
    if (take === undefined) return 0
    const before = this.received.length
    take()
    return this.received.length - before === 1 ? this.received[before]!.length : 0
  }

  /** Reads until nothing more arrives, letting the relay write more between reads. */
  async readAll(): Promise<void> {
    for (;;) {
      while (this.unsent.length > 0) this.readOne()
      await nextTurn()
      if (this.unsent.length === 0) return
    }
  }

  /** Everything read so far, as text. */
  text(): string {
    return Buffer.concat(this.received).toString('utf8')
  }

  /** The `event:`/`id:` of each event read so far, as `event#id`. */
  events(): string[] {
    return this.text()
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => {
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2)
        return `${field('event') ?? 'message'}#${field('id') ?? ''}`
      })
  }
}

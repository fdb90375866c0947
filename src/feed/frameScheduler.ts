/**
 * When a feed hands its queued events to the store: once per animation frame in a browser (one
 * reducer pass and one render per frame, however many events arrived), with a timer as well
 * because background tabs and headless browsers do not paint; a zero-delay timer in Node.
 *
 * @module
 */

/** Runs `flush` once, soon; returns a function that cancels it. */
export type ScheduleFlush = (flush: () => void) => () => void

/** The default: the next animation frame or `fallbackMs`, whichever comes first; a timer without frames. */
export function scheduleOnNextFrame(fallbackMs = 100): ScheduleFlush {
  return (flush) => {
    let done = false
    const run = () => {
      if (done) return
      done = true
      cancel()
      flush()
    }
    const hasFrames = typeof requestAnimationFrame === 'function'
    const frame = hasFrames ? requestAnimationFrame(run) : 0
    const timer = setTimeout(run, hasFrames ? fallbackMs : 0)
    const cancel = () => {
      if (hasFrames) cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
    return () => {
      done = true
      cancel()
    }
  }
}

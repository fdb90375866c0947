/** Timers a test fires by hand: the feed's reconnect delays are read, never waited for. */
import type { FeedTimers } from '../../src/feed'

export interface ManualTimers extends FeedTimers {
  /** The delays (ms) of the timers scheduled and not yet fired or cleared. */
  delays(): number[]
  /** Runs every pending timer now. */
  fireAll(): void
}

export function manualTimers(): ManualTimers {
  const pending = new Map<number, { run: () => void; ms: number }>()
  let next = 1
  return {
    setTimeout(run, ms) {
      const id = next++
      pending.set(id, { run, ms })
      return id
    },
    clearTimeout(handle) {
      pending.delete(handle as number)
    },
    delays: () => [...pending.values()].map((entry) => entry.ms),
    fireAll() {
      const due = [...pending.values()]
      pending.clear()
      for (const entry of due) entry.run()
    },
  }
}

/** A flush scheduler the test triggers: `flush()` dispatches what the feed has queued. */
export function manualFlush() {
  let pending: (() => void) | undefined
  return {
    schedule: (flush: () => void) => {
      pending = flush
      return () => {
        pending = undefined
      }
    },
    get scheduled() {
      return pending !== undefined
    },
    flush: () => pending?.(),
  }
}

/**
 * The demo's settings, overridable in the address: `?rate=2000&conferences=1500&ack=300`.
 * The browser tests use them to keep timings predictable.
 */
const params = new URLSearchParams(typeof location === 'undefined' ? '' : location.search)

const number = (name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number => {
  const raw = params.get(name)
  const value = raw === null ? Number.NaN : Number(raw)
  return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : fallback
}

/** `?live`: events from the relay (`npm run demo:live`) instead of the simulated platform in the page. */
const live = params.has('live')

export const demoConfig = {
  /** Connected to the relay through `connectConferenceFeed` (see `src/live/`). */
  live,
  /** Live conferences on the supervisor wall (none by default in live mode: the wall is simulated). */
  conferences: number('conferences', live ? 0 : 1000, 0, 20_000),
  /** Wall events per second at start; the load control changes it. */
  ratePerSecond: number('rate', 300, 0, 100_000),
  /** How long the simulated platform takes to accept a command (ms). */
  ackMs: number('ack', 300, 0, 10_000),
  /** How long after accepting it sends the confirming callback (ms). */
  confirmMs: number('confirm', 900, 0, 10_000),
  /** How long a dialled number rings before it answers (ms). */
  ringMs: number('ring', 2500, 0, 20_000),
  /** How much faster than real time docs/scenarios are replayed. */
  replaySpeed: number('speed', 8, 0.5, 1000),
}

/** The load control's steps (events per second). */
export const LOAD_STEPS = [0, 100, 300, 1000, 3000, 10_000] as const

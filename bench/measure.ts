/* eslint-disable @typescript-eslint/no-non-null-assertion -- bench indices are in range by construction */
/** Timing helpers: warm up, then time batches with process.hrtime.bigint() and keep the median. */

export interface Timing {
  /** Median µs per event over the batches. */
  medianUs: number
  minUs: number
  maxUs: number
  batches: number
  eventsPerBatch: number
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export interface MeasureOptions {
  warmupMs?: number
  batchMs?: number
  batches?: number
  minEventsPerBatch?: number
  maxEventsPerBatch?: number
}

/**
 * Times `step(i)` (one event each; `i` keeps counting across warm-up and batches so a cyclic
 * action array is replayed in order).
 */
export function measure(step: (i: number) => void, options: MeasureOptions = {}): Timing {
  const { warmupMs = 80, batchMs = 20, batches = 15, minEventsPerBatch = 3, maxEventsPerBatch = 200_000 } = options
  let i = 0
  // Warm-up: at least a few events, then until warmupMs has passed.
  const warmStart = process.hrtime.bigint()
  let warmEvents = 0
  while (warmEvents < 5 || Number(process.hrtime.bigint() - warmStart) < warmupMs * 1e6) {
    step(i++)
    warmEvents++
  }
  const perEventNs = Number(process.hrtime.bigint() - warmStart) / warmEvents
  const eventsPerBatch = Math.min(maxEventsPerBatch, Math.max(minEventsPerBatch, Math.ceil((batchMs * 1e6) / perEventNs)))
  const samples: number[] = []
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint()
    for (let k = 0; k < eventsPerBatch; k++) step(i++)
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / eventsPerBatch)
  }
  return { medianUs: median(samples), minUs: Math.min(...samples), maxUs: Math.max(...samples), batches, eventsPerBatch }
}

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay } from '../../src/feed/backoff'

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap, jitter in the upper half', () => {
    const options = { initialDelayMs: 500, maxDelayMs: 8_000 }
    expect([1, 2, 3, 4, 5, 6, 9].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000])
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([250, 500, 1000, 2000, 4000, 4000])
  })

  it('stays within [ceiling / 2, ceiling] for any attempt and any random value, even hostile ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 10_000 }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-1, 2, Number.POSITIVE_INFINITY)),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        (attempt, random, initialDelayMs, maxDelayMs) => {
          const ceiling = Math.min(Math.max(initialDelayMs, maxDelayMs), initialDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30))
          const delay = backoffDelay(attempt, { initialDelayMs, maxDelayMs }, () => random)
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2))
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling))
        },
      ),
    )
  })
})

/**
 * A seeded shuffle with duplicates, to replay events as Twilio may deliver them: out of order and,
 * on retries, twice.
 *
 * @module
 */

/** mulberry32: a small, well-known seeded generator (numbers in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A random permutation of `items` with about `duplicateRate` of them delivered twice.
 *
 * @returns The new order and how many duplicates were added.
 */
export function shuffleWithDuplicates<T>(items: readonly T[], seed: number, duplicateRate = 0.2): { items: T[]; duplicates: number } {
  const random = seededRandom(seed)
  const out = [...items]
  let duplicates = 0
  for (const item of items) {
    if (random() < duplicateRate) {
      out.push(item)
      duplicates += 1
    }
  }
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[out[index], out[other]] = [out[other] as T, out[index] as T]
  }
  return { items: out, duplicates }
}

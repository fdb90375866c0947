/**
 * How much work the property, fuzz and soak tests do. `npm test` runs a tenth of their full
 * counts (at least `minimum`), so the suite stays quick on a developer's machine; CI runs them in
 * full with `TEST_RUNS=full` (set in .ci/run). `TEST_RUNS=<factor>` scales them (`0.5`, `2`, …).
 */
const setting = process.env.TEST_RUNS

const factor = setting === undefined || setting === '' ? 0.1 : setting === 'full' ? 1 : Number(setting)
if (!Number.isFinite(factor) || factor <= 0) {
  throw new Error(`\`TEST_RUNS\` must be "full" or a positive factor (0.1, 2, …), got "${setting}"`)
}

/**
 * The number of runs (or the size) a test uses: `full` scaled by `TEST_RUNS`.
 *
 * @param full - The count CI runs.
 * @param minimum - Below this the test would no longer show what it is for.
 * @returns The count for this run.
 */
export function scaledRuns(full: number, minimum = 1): number {
  return Math.max(minimum, Math.round(full * factor))
}

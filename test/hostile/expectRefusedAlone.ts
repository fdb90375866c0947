/**
 * The assertion every adapter's hostile-input row makes: the adapter refuses the input with a
 * recorded rejection that names its source and reason, and dispatching that rejection records it
 * without touching a conference or a prototype.
 */
import { expect } from 'vitest'
import { eventRejected, selectConferenceSids, type ConferencesState } from 'conference-state'

/** One hostile row: which adapter must refuse it, why, and how to produce its action. */
export interface RefusalRow {
  source: string
  reason: RegExp
  act: () => { type: string; payload?: unknown }
}

interface StoreLike {
  getState(): { conferences: ConferencesState }
  dispatch(action: never): unknown
}

/**
 * Who refuses a row: an adapter returns `eventRejected` itself; the reducer (and a merge) records
 * the rejection while applying an action that looked like an event.
 */
export type RefusedBy = 'adapter' | 'reducer'

/** Runs `row` against `store` and asserts it was refused alone, with nothing else changed. */
export function expectRefusedAlone(store: StoreLike, row: RefusalRow, refusedBy: RefusedBy = 'adapter'): void {
  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort()
  const before = store.getState().conferences
  const sidsBefore = selectConferenceSids(store.getState())

  const action = row.act()
  if (refusedBy === 'adapter') {
    expect(action.type).toBe(eventRejected.type)
    const payload = action.payload as { source: string; reason: string; summary: string }
    expect(payload.source).toBe(row.source)
    expect(payload.reason).toMatch(row.reason)
    expect(payload.summary.length).toBeLessThanOrEqual(200)
  }
  store.dispatch(action as never)

  const after = store.getState().conferences
  expect(after.table).toBe(before.table)
  expect(after.sidChunks).toBe(before.sidChunks)
  expect(after.taskIndex).toBe(before.taskIndex)
  expect(selectConferenceSids(store.getState())).toBe(sidsBefore)
  expect(after.rejectedCount).toBe(before.rejectedCount + 1)
  expect(after.rejected).toHaveLength(before.rejected.length + 1)
  expect(after.rejected.at(-1)).toMatchObject({ source: row.source, reason: expect.stringMatching(row.reason) as unknown })
  expect(JSON.stringify(after.rejected.at(-1)).length).toBeLessThan(1_200)

  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames)
  const blank = {} as Record<string, unknown>
  expect(blank.polluted).toBeUndefined()
  expect(blank.CallSid).toBeUndefined()
  expect(blank.conferenceSid).toBeUndefined()
  expect(blank.participants).toBeUndefined()
}

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

/** Runs `row` against `store` and asserts it was refused alone, with nothing else changed. */
export function expectRefusedAlone(store: StoreLike, row: RefusalRow): void {
  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort()
  const before = store.getState().conferences
  const sidsBefore = selectConferenceSids(store.getState())

  const action = row.act()
  expect(action.type).toBe(eventRejected.type)
  const payload = action.payload as { source: string; reason: string; summary: string }
  expect(payload.source).toBe(row.source)
  expect(payload.reason).toMatch(row.reason)
  expect(payload.summary.length).toBeLessThanOrEqual(200)
  store.dispatch(action as never)

  const after = store.getState().conferences
  expect(after.table).toBe(before.table)
  expect(selectConferenceSids(store.getState())).toBe(sidsBefore)
  expect(after.rejectedCount).toBe(before.rejectedCount + 1)
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

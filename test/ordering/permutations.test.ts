import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conferencesReducer, type ConferenceEvent, type ConferencesState } from 'conference-state'
import { comparableState } from 'conference-state/testing'
import { deliveries, validEvents } from './randomCalls'
import { scaledRuns } from '../runs'

/** Scaled up by `TEST_RUNS`, the properties outlast vitest's default 5 s. */
const PROPERTY_TIMEOUT = 600_000
const apply = (events: readonly ConferenceEvent[], from?: ConferencesState) =>
  events.reduce<ConferencesState>((state, event) => conferencesReducer(state, event), from ?? conferencesReducer(undefined, { type: 'init' }))

describe('the ordering guarantee (docs/architecture.md, "Ordering")', () => {
  it('any permutation of sequenced events, with any duplicates, gives the state of sequence order', () => {
    fc.assert(
      fc.property(
        validEvents.chain((events) => fc.tuple(fc.constant(events), deliveries(events))),
        ([inOrder, delivered]) => {
          expect(comparableState(apply(delivered))).toEqual(comparableState(apply(inOrder)))
        },
      ),
      { numRuns: scaledRuns(500, 50) },
    )
  }, PROPERTY_TIMEOUT)

  it('a duplicate of any applied event returns the identical state object', () => {
    fc.assert(
      fc.property(
        validEvents.chain((events) => fc.tuple(fc.constant(events), deliveries(events))),
        ([events, delivered]) => {
          const state = apply(delivered)
          for (const event of events) expect(conferencesReducer(state, event)).toBe(state)
        },
      ),
      { numRuns: scaledRuns(200, 25) },
    )
  }, PROPERTY_TIMEOUT)

  it('the replayed state survives a JSON round trip', () => {
    fc.assert(
      fc.property(validEvents, (events) => {
        const state = apply(events)
        expect(JSON.parse(JSON.stringify(state))).toEqual(state)
      }),
      { numRuns: scaledRuns(100, 25) },
    )
  }, PROPERTY_TIMEOUT)
})

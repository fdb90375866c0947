import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  conferencesMerged,
  conferencesReducer,
  conferenceEnded,
  conferenceSnapshotReceived,
  createConferenceSelectors,
  participantHeld,
  participantJoined,
  selectConferenceClock,
  selectConferenceExport,
  selectParticipants,
  selectRejectedEvents,
  type ConferenceEvent,
  type ConferenceExport,
  type ConferencesState,
} from 'conference-state'
import { comparableState, createTestStore, fakeSid } from 'conference-state/testing'
import { deliveries, validEvents } from '../ordering/randomCalls'
import { scaledRuns } from '../runs'

/** Run counts: `FC_RUNS` sets them outright; otherwise 1,000 scaled by `TEST_RUNS` (test/runs.ts), at least `base`. */
const runs = (base: number) => (process.env.FC_RUNS ? Number(process.env.FC_RUNS) : scaledRuns(1_000, base))
const PROPERTY_TIMEOUT = 600_000
const empty = (): ConferencesState => conferencesReducer(undefined, { type: 'init' })
const apply = (events: readonly ConferenceEvent[], from: ConferencesState = empty()) =>
  events.reduce<ConferencesState>((state, event) => conferencesReducer(state, event), from)
const slice = createConferenceSelectors((state: ConferencesState) => state)
/** What a JSON transport makes of an export. */
const wire = (state: ConferencesState, sids?: string[]): ConferenceExport =>
  JSON.parse(JSON.stringify(slice.selectConferenceExport(state, sids))) as ConferenceExport
const merge = (state: ConferencesState, exported: ConferenceExport) =>
  conferencesReducer(state, conferencesMerged(exported, 0))

/** Every view the selectors give, by conference SID: what a UI would render. */
function views(state: ConferencesState) {
  const out: Record<string, unknown> = {}
  for (const sid of [...slice.selectConferenceSids(state)].sort()) {
    const { participants, ...view } = slice.selectConferenceView(state, sid) ?? {}
    out[sid] = { ...view, participants: participants?.map(({ leftAt: _leftAt, ...leg }) => leg) }
  }
  return out
}
const sameAs = (actual: ConferencesState, expected: ConferencesState) => {
  expect(comparableState(actual)).toEqual(comparableState(expected))
  expect(views(actual)).toEqual(views(expected))
}

/** Three states of the same calls, each having seen a random part of the events in a random order. */
const threeReplicas: fc.Arbitrary<[ConferenceEvent[], [ConferenceEvent[], ConferenceEvent[], ConferenceEvent[]]]> =
  validEvents.chain((events) =>
    fc.tuple(
      fc.constant(events),
      fc.tuple(fc.subarray(events), fc.subarray(events), fc.subarray(events)).chain(([a, b, c]) =>
        fc.tuple(deliveries(a), deliveries(b), deliveries(c)),
      ),
    ),
  )

describe('state transfer: selectConferenceExport and conferencesMerged', () => {
  it('an export merged into an empty store gives the same views, through JSON', () => {
    fc.assert(
      fc.property(validEvents, (events) => {
        const source = apply(events)
        sameAs(merge(empty(), wire(source)), source)
      }),
      { numRuns: runs(100) },
    )
  }, PROPERTY_TIMEOUT)

  it('merge is commutative, associative and idempotent', () => {
    fc.assert(
      fc.property(threeReplicas, ([, [a, b, c]]) => {
        const [ea, eb, ec] = [wire(apply(a)), wire(apply(b)), wire(apply(c))]
        const ab = merge(merge(empty(), ea), eb)
        const ba = merge(merge(empty(), eb), ea)
        sameAs(ab, ba)
        const abThenC = merge(ab, ec)
        const aThenBc = merge(merge(empty(), ea), wire(merge(merge(empty(), eb), ec)))
        sameAs(abThenC, aThenBc)
        expect(merge(ab, ea)).toBe(ab)
        expect(merge(ab, wire(ab))).toBe(ab)
      }),
      { numRuns: runs(200) },
    )
  }, PROPERTY_TIMEOUT)

  it('an export taken at any point, then every later event in any order, equals every event', () => {
    fc.assert(
      fc.property(
        validEvents.chain((events) =>
          fc.tuple(fc.constant(events), fc.nat({ max: events.length }), deliveries(events)),
        ),
        ([events, cut, later]) => {
          const early = apply(events.slice(0, cut))
          const caughtUp = apply(later, merge(empty(), wire(early)))
          sameAs(caughtUp, apply(events))
        },
      ),
      { numRuns: runs(200) },
    )
  }, PROPERTY_TIMEOUT)

  it('after a catch-up by merge, a snapshot giving only requestedAt is ordered as if the events had arrived live', () => {
    fc.assert(
      fc.property(
        validEvents.chain((events) =>
          fc.tuple(fc.constant(events), fc.nat({ max: events.length }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 })),
        ),
        ([events, cut, listed]) => {
          // The events arrive live a second apart; this replica is caught up by merge after the
          // first `cut` of them and receives the rest live; then each conference is listed.
          const arrivals = events.map((event) => event.meta.receivedAt)
          const mergedAt = cut === 0 ? (arrivals[0] as number) - 1 : (arrivals[cut - 1] as number) + 1
          const requestedAt = Math.max(...arrivals) + 60_000
          const caughtUp = apply(events.slice(cut), conferencesReducer(empty(), conferencesMerged(wire(apply(events.slice(0, cut))), mergedAt)))
          const sidOf = (event: ConferenceEvent) => (event.payload as { conferenceSid: string }).conferenceSid
          const snapshots = [...new Set(events.map(sidOf))].map((conferenceSid) => {
            const calls = [...new Set(events.flatMap((event) => (sidOf(event) === conferenceSid && 'callSid' in event.payload ? [event.payload.callSid as string] : [])))]
            const participants = calls.filter((_, index) => listed[index]).map((callSid) => ({ callSid, status: 'joined' as const, flags: { muted: true } }))
            return conferenceSnapshotReceived({ conferenceSid, requestedAt, source: 'test', participants }, requestedAt + 100)
          })
          sameAs(apply(snapshots, caughtUp), apply(snapshots, apply(events)))
        },
      ),
      { numRuns: runs(200) },
    )
  }, PROPERTY_TIMEOUT)

  it('merging the replicas of every part gives the state of all the events', () => {
    fc.assert(
      fc.property(threeReplicas, ([events, parts]) => {
        const union = parts.flat()
        const merged = parts.reduce((state, part) => merge(state, wire(apply(part))), empty())
        sameAs(merged, apply(union))
        expect(apply(events, merged)).toBeDefined()
      }),
      { numRuns: runs(100) },
    )
  }, PROPERTY_TIMEOUT)

  it('exports only the conferences asked for, and nothing local to the store', () => {
    const cf1 = fakeSid('CF', 1)
    const cf2 = fakeSid('CF', 2)
    const state = apply([
      participantJoined({ conferenceSid: cf1, callSid: fakeSid('CA', 1), sequence: 1 }, 10),
      participantJoined({ conferenceSid: cf2, callSid: fakeSid('CA', 2), sequence: 1 }, 10),
    ])
    const exported = slice.selectConferenceExport(state, [cf2, 'CFunknown'])
    expect(exported.format).toBe(1)
    expect(exported.conferences.map((conference) => conference.conferenceSid)).toEqual([cf2])
    expect(exported.conferences[0]).not.toHaveProperty('clockLog')
    expect(slice.selectConferenceExport(state).conferences).toHaveLength(2)
  })

  it('the default selectors read state.conferences', () => {
    const store = createTestStore()
    const cf = fakeSid('CF', 3)
    expect(selectConferenceClock(store.getState(), cf)).toBe(0)
    store.dispatch(participantJoined({ conferenceSid: cf, callSid: fakeSid('CA', 3), sequence: 4 }, 10))
    expect(selectConferenceClock(store.getState(), cf)).toBe(5 * 2 ** 20)
    const other = createTestStore()
    other.dispatch(conferencesMerged(selectConferenceExport(store.getState()), 20))
    expect(selectParticipants(other.getState(), cf)).toEqual(selectParticipants(store.getState(), cf))
    expect(selectRejectedEvents(other.getState())).toEqual([])
  })

  it('a merged end ends the legs the other store still had live', () => {
    const cf = fakeSid('CF', 4)
    const leg = fakeSid('CA', 4)
    const live = apply([participantJoined({ conferenceSid: cf, callSid: leg, sequence: 1 }, 10)])
    const ended = apply([conferenceEnded({ conferenceSid: cf, sequence: 5 }, 20)])
    const merged = merge(live, wire(ended))
    expect(slice.selectParticipant(merged, cf, leg)?.isLive).toBe(false)
    expect(slice.selectConferenceView(merged, cf)?.status).toBe('closed')
  })

  it('an export with a bad conference applies the rest and records the bad one by field', () => {
    const cf = fakeSid('CF', 5)
    const good = wire(apply([participantHeld({ conferenceSid: cf, callSid: fakeSid('CA', 5), sequence: 2 }, 10)]))
    const bad = JSON.parse(JSON.stringify(good.conferences[0])) as Record<string, unknown>
    bad.conferenceSid = fakeSid('CF', 6)
    ;(bad.participants as Array<Record<string, unknown>>)[0]!.versions = { status: 'abc' }
    const unknownKey = { ...(good.conferences[0] as object), conferenceSid: fakeSid('CF', 7), evil: 1 }
    const state = merge(empty(), { format: 1, conferences: [bad, good.conferences[0], unknownKey] } as unknown as ConferenceExport)
    expect(slice.selectConferenceSids(state)).toEqual([cf])
    const rejected = slice.selectRejectedEvents(state)
    expect(rejected.map((entry) => entry.field)).toEqual(['conferences[0].participants[0].versions.status', 'conferences[2].evil'])
    expect(rejected[1]?.reason).toContain('is not a field of an exported conference')
  })

  it.each([
    ['not an object', 'nope', 'payload'],
    ['a wrong format', { format: 2, conferences: [] }, 'format'],
    ['conferences not an array', { format: 1, conferences: {} }, 'conferences'],
    ['a throwing getter', { format: 1, get conferences() { throw new Error('boom') } }, 'payload'],
    ['a throwing member', { format: 1, conferences: [{ get conferenceSid() { throw new Error('boom') } }] }, 'conferences[0]'],
    ['a __proto__ key', JSON.parse('{"format":1,"conferences":[{"__proto__":{"polluted":true}}]}'), 'conferences[0].conferenceSid'],
  ])('refuses %s without throwing, naming the field', (_name, payload, field) => {
    const before = empty()
    const state = conferencesReducer(before, conferencesMerged(payload as ConferenceExport, 5))
    expect(slice.selectConferenceSids(state)).toEqual([])
    expect(slice.selectRejectedEvents(state).at(-1)?.field).toBe(field)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

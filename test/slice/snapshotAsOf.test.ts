import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  conferenceEnded,
  conferencesReducer,
  conferenceSnapshotReceived,
  conferenceStarted,
  createConferenceSelectors,
  participantHeld,
  participantJoined,
  participantLeft,
  participantMuted,
  type ConferenceEvent,
  type ConferencesState,
  type SnapshotParticipant,
} from 'conference-state'
import { comparableState, fakeSid } from 'conference-state/testing'
import { deliveries, validEvents } from '../ordering/randomCalls'
import { scaledRuns } from '../runs'

const CF = fakeSid('CF', 1)
const [A, B, X, Y] = [fakeSid('CA', 1), fakeSid('CA', 2), fakeSid('CA', 3), fakeSid('CA', 4)]
const slice = createConferenceSelectors((state: ConferencesState) => state)
const empty = (): ConferencesState => conferencesReducer(undefined, { type: 'init' })
const apply = (events: ReadonlyArray<{ type: string }>, from: ConferencesState = empty()) =>
  events.reduce<ConferencesState>((state, event) => conferencesReducer(state, event as ConferenceEvent), from)
/** Run counts: `FC_RUNS` sets them outright; otherwise 1,000 scaled by `TEST_RUNS` (test/runs.ts), at least `base`. */
const runs = (base: number) => (process.env.FC_RUNS ? Number(process.env.FC_RUNS) : scaledRuns(1_000, base))
const PROPERTY_TIMEOUT = 600_000

const snapshot = (requestedAt: number, arrivedAt: number, participants: SnapshotParticipant[], extra: object = {}) =>
  conferenceSnapshotReceived({ conferenceSid: CF, requestedAt, source: 'test', participants, ...extra }, arrivedAt)

describe('snapshots are ordered by what the client had seen when it asked (asOf)', () => {
  it('a stale snapshot never reopens a closed conference nor revives its legs', () => {
    const state = apply([
      participantJoined({ conferenceSid: CF, callSid: A, sequence: 1 }, 100),
      participantJoined({ conferenceSid: CF, callSid: B, sequence: 2 }, 200),
      conferenceStarted({ conferenceSid: CF, sequence: 3 }, 300),
      conferenceEnded({ conferenceSid: CF, sequence: 4 }, 1000),
      snapshot(900, 1100, [
        { callSid: A, status: 'joined' },
        { callSid: B, status: 'joined' },
      ], { status: 'active' }),
    ])
    expect(slice.selectConferenceView(state, CF)).toMatchObject({ status: 'closed', liveParticipantCount: 0 })
    expect(slice.selectLiveParticipants(state, CF)).toEqual([])
  })

  it('an event above the clock at requestedAt wins over the snapshot, whenever it arrives', () => {
    const before = [
      participantJoined({ conferenceSid: CF, callSid: X, sequence: 1 }, 100),
      participantJoined({ conferenceSid: CF, callSid: Y, sequence: 2 }, 150),
      participantMuted({ conferenceSid: CF, callSid: Y, sequence: 8 }, 260),
      snapshot(200, 300, [
        { callSid: X, status: 'joined', flags: { onHold: false } },
        { callSid: Y, status: 'joined', flags: { muted: false } },
      ]),
    ]
    const held = apply([...before, participantHeld({ conferenceSid: CF, callSid: X, sequence: 7 }, 400)])
    expect(slice.selectParticipant(held, CF, X)?.onHold).toBe(true)
    expect(slice.selectParticipant(held, CF, Y)?.muted).toBe(true)
    const left = apply([...before, participantLeft({ conferenceSid: CF, callSid: X, sequence: 7 }, 400)])
    expect(slice.selectParticipant(left, CF, X)?.isLive).toBe(false)
  })

  it('a snapshot overrides what is older than the request and fills gaps', () => {
    const state = apply([
      participantJoined({ conferenceSid: CF, callSid: A, sequence: 1, flags: { onHold: true } }, 100),
      snapshot(200, 300, [
        { callSid: A, status: 'joined', flags: { onHold: false } },
        { callSid: B, status: 'connecting', identity: { participantType: 'transfer' } },
      ]),
    ])
    expect(slice.selectParticipant(state, CF, A)?.onHold).toBe(false)
    expect(slice.selectParticipant(state, CF, B)).toMatchObject({ connecting: true, participantType: 'transfer' })
  })

  it('legs it omits have left, even when their older join arrives after it', () => {
    const asOf = 5 * 2 ** 20
    const early = participantJoined({ conferenceSid: CF, callSid: B, sequence: 2 }, 500)
    const snap = snapshot(100, 300, [{ callSid: A, status: 'joined' }], { asOf })
    const first = apply([early, snap])
    const last = apply([snap, early])
    expect(slice.selectParticipant(first, CF, B)?.isLive).toBe(false)
    expect(comparableState(last)).toEqual(comparableState(first))
    // A join above asOf is news the snapshot could not know: it stands.
    const rejoined = apply([snap, participantJoined({ conferenceSid: CF, callSid: B, sequence: 6 }, 600)])
    expect(slice.selectParticipant(rejoined, CF, B)?.isLive).toBe(true)
  })

  it('falls back to arrival times when the clock log does not reach back to requestedAt', () => {
    const events = Array.from({ length: 40 }, (_, index) =>
      participantHeld({ conferenceSid: CF, callSid: A, sequence: index + 1 }, 1_000 + index),
    )
    const state = apply([...events, snapshot(10, 2_000, [{ callSid: A, status: 'joined', flags: { onHold: false } }])])
    // The snapshot asked long before the last hold arrived: the hold stands.
    expect(slice.selectParticipant(state, CF, A)?.onHold).toBe(true)
  })

  it('refuses an asOf that is not a version clock, naming it', () => {
    const state = apply([snapshot(1, 2, [], { asOf: -1 })])
    expect(slice.selectRejectedEvents(state).at(-1)?.field).toBe('asOf')
  })

  it('a snapshot with asOf gives the same state wherever it is delivered in the stream', () => {
    fc.assert(
      fc.property(
        validEvents.chain((events) => fc.tuple(fc.constant(events), fc.nat({ max: events.length }), deliveries(events))),
        fc.nat(),
        ([events, cut, delivered], at) => {
          const seen = apply(events.slice(0, cut))
          const conferenceSid = (events[0]!.payload as { conferenceSid: string }).conferenceSid
          const taken = slice.selectParticipants(seen, conferenceSid).map((leg) => ({
            callSid: leg.callSid,
            status: leg.status === 'joined' ? ('joined' as const) : ('left' as const),
            flags: { onHold: leg.onHold, muted: leg.muted },
          }))
          const snap = conferenceSnapshotReceived(
            { conferenceSid, requestedAt: 0, asOf: slice.selectConferenceClock(seen, conferenceSid), source: 'test', participants: taken },
            0,
          )
          const position = at % (delivered.length + 1)
          const withSnapshot = [...delivered.slice(0, position), snap, ...delivered.slice(position)]
          expect(comparableState(apply(withSnapshot))).toEqual(comparableState(apply([snap, ...events])))
        },
      ),
      { numRuns: runs(200) },
    )
  }, PROPERTY_TIMEOUT)
})

/**
 * The review's ordering cases (docs/guarantees.md, G1, G2, G4, G6), each in every arrival order
 * and as a merge of one replica per event: the same events give the same state however they come.
 */
import { describe, expect, it } from 'vitest'
import {
  announcementEnded,
  announcementFailed,
  conferenceEnded,
  conferencesMerged,
  conferencesReducer,
  conferenceSnapshotReceived,
  conferenceStarted,
  createConferenceSelectors,
  createConferencesState,
  participantJoined,
  participantLeft,
  participantModified,
  recentlyLeftExpired,
  type ConferenceEvent,
  type ConferenceExport,
  type ConferencesState,
} from 'conference-state'
import { comparableState, fakeSid } from 'conference-state/testing'

const V = 2 ** 20
const T0 = Date.UTC(2026, 0, 1)
const CF = fakeSid('CF', 1)
const CA1 = fakeSid('CA', 1)
const CA2 = fakeSid('CA', 2)
const slice = createConferenceSelectors((state: ConferencesState) => state)
const empty = (): ConferencesState => conferencesReducer(undefined, { type: 'init' })
type Action = Parameters<typeof conferencesReducer>[1]
const apply = (events: readonly Action[], from: ConferencesState = empty()) =>
  events.reduce<ConferencesState>((state, event) => conferencesReducer(state, event), from)
const wire = (state: ConferencesState): ConferenceExport => JSON.parse(JSON.stringify(slice.selectConferenceExport(state))) as ConferenceExport
const legs = (state: ConferencesState) =>
  slice.selectParticipants(state, CF).map(({ callSid, status, leftReason }) => ({ callSid, status, leftReason }))

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]]
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]))
}

/** Every order of `events`, and the merge of one replica per event, give the state of `events` in order; that state is returned. */
function convergent(events: readonly ConferenceEvent[], init: () => ConferencesState = empty): ConferencesState {
  const expected = apply(events, init())
  for (const order of permutations(events)) {
    const state = apply(order, init())
    expect(comparableState(state)).toEqual(comparableState(expected))
    expect(legs(state)).toEqual(legs(expected))
    for (const event of events) expect(conferencesReducer(state, event)).toBe(state)
  }
  for (const order of permutations(events)) {
    const merged = order.reduce((state, event) => conferencesReducer(state, conferencesMerged(wire(apply([event], init())), 0)), init())
    expect(comparableState(merged)).toEqual(comparableState(expected))
    expect(legs(merged)).toEqual(legs(expected))
  }
  return expected
}

describe('the review cases converge (docs/guarantees.md, G1, G4, G6)', () => {
  it('a leg known only by events after the end and a later snapshot gets the same state in every order', () => {
    const state = convergent([
      conferenceEnded({ conferenceSid: CF, sequence: 1, timestamp: T0 }, T0),
      conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: T0 + 10, asOf: 2 * V, source: 'test', participants: [] }, T0 + 10),
      participantModified({ conferenceSid: CF, callSid: CA1, sequence: 3, timestamp: T0, flags: { coaching: false } }, T0 + 20),
    ])
    // Ended by the end; the snapshot never heard of it, so it was not absent from it.
    expect(legs(state)).toEqual([{ callSid: CA1, status: 'recently_left', leftReason: undefined }])
  })

  it('a join and a leave at one sequence leave the leg joined, applied or merged, and a duplicate after the merge changes nothing', () => {
    const join = participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 2, timestamp: T0 }, T0)
    const leave = participantLeft({ conferenceSid: CF, callSid: CA1, sequence: 2, timestamp: T0 }, T0 + 1)
    const state = convergent([join, leave])
    expect(legs(state)).toEqual([{ callSid: CA1, status: 'joined', leftReason: undefined }])
    const merged = conferencesReducer(apply([join]), conferencesMerged(wire(apply([leave])), 0))
    expect(conferencesReducer(merged, join)).toBe(merged)
  })

  it('a leave past the window and a fresh end give left in every order', () => {
    const state = convergent([
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 1, timestamp: T0 }, T0),
      participantLeft({ conferenceSid: CF, callSid: CA1, sequence: 3, timestamp: T0 }, T0 + 60_000),
      conferenceEnded({ conferenceSid: CF, sequence: 5, timestamp: T0 + 61_000 }, T0 + 61_000),
    ])
    expect(legs(state).map((leg) => leg.status)).toEqual(['left'])
  })

  it('an end past the window ends a leg a snapshot before it listed, left in every order', () => {
    const state = convergent([
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 1, timestamp: T0 }, T0),
      conferenceSnapshotReceived(
        { conferenceSid: CF, requestedAt: T0 + 10, asOf: 2 * V, source: 'test', participants: [{ callSid: CA1, status: 'joined' }, { callSid: CA2, status: 'joined' }] },
        T0 + 20,
      ),
      conferenceEnded({ conferenceSid: CF, sequence: 5, timestamp: T0 - 60_000 }, T0 + 30),
    ])
    expect(legs(state).map((leg) => leg.status)).toEqual(['left', 'left'])
  })

  it('a snapshot taken after the end that still lists a leg never leaves it live, in every order', () => {
    const state = convergent([
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 1, timestamp: T0 }, T0),
      conferenceEnded({ conferenceSid: CF, sequence: 2, timestamp: T0 + 1_000 }, T0 + 1_000),
      conferenceSnapshotReceived(
        { conferenceSid: CF, requestedAt: T0 + 1_010, asOf: 3 * V, source: 'test', participants: [{ callSid: CA1, status: 'joined', flags: { muted: true } }, { callSid: CA2, status: 'joined' }] },
        T0 + 1_010,
      ),
    ])
    // The end departed them; the snapshot listed them, so they were not absent from it.
    expect(legs(state)).toEqual([
      { callSid: CA1, status: 'recently_left', leftReason: undefined },
      { callSid: CA2, status: 'recently_left', leftReason: undefined },
    ])
    expect(slice.selectParticipant(state, CF, CA1)?.muted).toBe(true)
  })

  it('two ends, an end event and a later snapshot reporting the conference closed, give the same end in every order', () => {
    const state = convergent([
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 1, timestamp: T0 }, T0),
      conferenceEnded({ conferenceSid: CF, sequence: 2, timestamp: T0 + 5, reasonEnded: 'last-participant-left' }, T0 + 10),
      conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: T0 + 20, asOf: 3 * V, source: 'test', status: 'closed', participants: [] }, T0 + 20),
    ])
    // The newer end (the snapshot's) replaces the older one's fields: none is carried over.
    expect(slice.selectConferenceRecord(state, CF)?.endReason).toBeUndefined()
    expect(slice.selectConferenceView(state, CF)?.status).toBe('closed')
  })

  it('conference details that disagree keep the preferred value in every order, and the task index follows it', () => {
    const [taskA, taskB] = [fakeSid('WT', 1), fakeSid('WT', 2)]
    const state = convergent([
      conferenceStarted({ conferenceSid: CF, sequence: 1, timestamp: T0, friendlyName: 'room-b', taskSid: taskB }, T0),
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 2, timestamp: T0, friendlyName: 'room-a', taskSid: taskA }, T0 + 1),
    ])
    expect(slice.selectConferenceRecord(state, CF)).toMatchObject({ friendlyName: 'room-b', taskSid: taskB })
    expect(slice.selectConferenceViewByTaskSid(state, taskB)?.conferenceSid).toBe(CF)
    expect(slice.selectConferenceViewByTaskSid(state, taskA)).toBeUndefined()
  })

  it('a start and an end at one sequence leave the conference closed in every order, its legs departed', () => {
    const state = convergent([
      conferenceStarted({ conferenceSid: CF, sequence: 1, timestamp: T0 }, T0),
      conferenceEnded({ conferenceSid: CF, sequence: 1, timestamp: T0, reasonEnded: 'r1' }, T0),
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 2, timestamp: T0 + 1_000 }, T0 + 1_000),
    ])
    expect(slice.selectConferenceView(state, CF)?.status).toBe('closed')
    expect(legs(state).map((leg) => leg.status)).toEqual(['recently_left'])
  })

  it('two ends at one sequence keep the fields of the same end in every order', () => {
    const state = convergent([
      conferenceEnded({ conferenceSid: CF, sequence: 1, timestamp: T0, reasonEnded: 'r1', reason: 'first' }, T0),
      conferenceEnded({ conferenceSid: CF, sequence: 1, timestamp: T0, reasonEnded: 'r2' }, T0 + 1),
    ])
    // The fields are one register: the preferred end's, none carried over from the other.
    expect(slice.selectConferenceRecord(state, CF)).toMatchObject({ endReason: 'r2' })
    expect(slice.selectConferenceRecord(state, CF)?.endReasonText).toBeUndefined()
  })

  it('an announcement that ended and one that failed at one sequence keep the same outcome in every order', () => {
    const state = convergent([
      announcementEnded({ conferenceSid: CF, sequence: 1, timestamp: T0, callSid: CA1 }, T0),
      announcementFailed({ conferenceSid: CF, sequence: 1, timestamp: T0, callSid: CA1, reason: 'unreachable' }, T0 + 1),
    ])
    expect(slice.selectConferenceView(state, CF)?.lastAnnouncement).toMatchObject({ outcome: 'failed', reason: 'unreachable' })
  })

  it('a snapshot reporting the conference closed as of before its start closes it in every order, status and end agreeing', () => {
    const state = convergent([
      conferenceStarted({ conferenceSid: CF, sequence: 1, timestamp: T0 + 1_000 }, T0 + 1_000),
      conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: T0 + 1_500, asOf: V, source: 'test', status: 'closed', participants: [] }, T0 + 1_500),
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 2, timestamp: T0 + 2_000 }, T0 + 2_000),
    ])
    // The end is a rule: the conference it closed shows closed, and keeps no live leg.
    expect(slice.selectConferenceView(state, CF)?.status).toBe('closed')
    expect(slice.selectConferenceRecord(state, CF)).toMatchObject({ endVersion: V + 1, statusVersion: 2 * V })
    expect(legs(state).map((leg) => leg.status)).toEqual(['recently_left'])
  })

  it('two snapshots at one asOf, one reporting closed and one failed, keep the same status in every order', () => {
    const snapshot = (status: 'closed' | 'failed', at: number) =>
      conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: at, asOf: 2 * V, source: 'test', status, participants: [] }, at)
    const state = convergent([
      conferenceStarted({ conferenceSid: CF, sequence: 1, timestamp: T0 }, T0),
      snapshot('closed', T0 + 10),
      snapshot('failed', T0 + 20),
    ])
    expect(slice.selectConferenceView(state, CF)?.status).toBe('failed')
  })

  it('a late report below the end that arrives once the window is over finds the leg left, before or after the sweep', () => {
    // Arrivals on one clock: the end at +5 s, the sweep at +20 s, the late report (no timestamp) at +21 s.
    const join = participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 1, timestamp: T0 + 1_000 }, T0 + 1_000)
    const end = conferenceEnded({ conferenceSid: CF, sequence: 5, timestamp: T0 + 5_000 }, T0 + 5_000)
    const sweep = recentlyLeftExpired({ now: T0 + 20_000 })
    const lateReports = [
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 3 }, T0 + 21_000),
      participantLeft({ conferenceSid: CF, callSid: CA1, sequence: 3, reason: 'hangup' }, T0 + 21_000),
    ]
    for (const late of lateReports) {
      const swept = apply([join, end, sweep, late])
      expect(legs(swept).map((leg) => leg.status)).toEqual(['left'])
      expect(comparableState(apply([join, end, late, recentlyLeftExpired({ now: T0 + 21_000 })]))).toEqual(comparableState(swept))
      expect(legs(apply([join, end, late]))).toEqual(legs(swept))
      for (const event of [join, end, late]) expect(conferencesReducer(swept, event)).toBe(swept)
    }
  })

  it('a leg forgotten past the cap keeps the same tombstone whether the end arrived before or after it was forgotten', () => {
    const CA4 = fakeSid('CA', 4)
    const state = convergent(
      [
        participantLeft({ conferenceSid: CF, callSid: CA1, sequence: 1, timestamp: T0 + 1_000, reason: 'hangup' }, T0 + 1_000),
        participantLeft({ conferenceSid: CF, callSid: CA4, sequence: 2, timestamp: T0 + 2_000, reason: 'hangup' }, T0 + 2_000),
        conferenceEnded({ conferenceSid: CF, sequence: 3, timestamp: T0 + 3_000 }, T0 + 3_000),
      ],
      () => createConferencesState({ maxLeftParticipants: 1 }),
    )
    // The tombstone keeps the leave's version, not the end's raise of the status register.
    expect(slice.selectConferenceExport(state).conferences[0]?.forgotten).toEqual([{ callSid: CA1, version: 2 * V }])
  })

  it('a join above an end a newer end past the window replaced is left in every order, and a duplicate changes nothing', () => {
    // Every arrival at +6 s: the end (sequence 1, source time +1 s) arrives past the 5 s window.
    const now = T0 + 6_000
    const state = convergent([
      participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 6, timestamp: now }, now),
      conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: now, asOf: V, source: 'test', status: 'closed', participants: [] }, now),
      conferenceEnded({ conferenceSid: CF, sequence: 1, timestamp: T0 + 1_000, reasonEnded: 'r' }, now),
    ])
    expect(legs(state).map((leg) => leg.status)).toEqual(['left'])
  })
})

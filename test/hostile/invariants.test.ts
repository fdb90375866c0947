/**
 * Random valid input keeps the derived values honest (docs/architecture.md: ordering, derived values, bad input): valid event
 * streams with snapshots mixed in, from every snapshot source, never give counts that disagree
 * with the participants, never unsort the legs, never reject, and always survive JSON.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  conferenceSnapshotReceived,
  conferencesReducer,
  currentWorkerIdentified,
  eventRejected,
  selectConferenceRecord,
  selectConferenceSids,
  selectLiveParticipantCount,
  selectLiveWorkerCount,
  selectLiveWorkers,
  selectParticipants,
  type ConferenceEvent,
  type ConferencesState,
  type ParticipantType,
  type SnapshotParticipant,
} from 'conference-state'
import { fromFlexConference, fromFlexSyncConferenceItems } from 'conference-state/flex'
import { fakeSid } from 'conference-state/testing'
import { validEvents } from '../ordering/randomCalls'
import { scaledRuns } from '../runs'

const RUNS = scaledRuns(300, 30)

/** One leg as a random snapshot lists it; legs share the call SIDs of `validEvents` (`CA` conference × 100 + leg). */
interface RandomLeg {
  leg: number
  status: 'joined' | 'connecting' | 'recently_left' | 'left'
  type: ParticipantType
  worker: number
  onHold: boolean
  muted: boolean
}

interface RandomSnapshot {
  conference: 1 | 2
  source: 'app' | 'flex-sync' | 'flex-conference'
  legs: RandomLeg[]
  status: 'setup' | 'active' | 'closed' | 'failed' | undefined
  /** Where in the stream it arrives, as a fraction of the stream. */
  at: number
  /** How long before it arrives it was requested (ms). */
  requestedBefore: number
  arrivesAfter: number
}

const legArbitrary: fc.Arbitrary<RandomLeg> = fc.record({
  leg: fc.nat({ max: 5 }),
  status: fc.constantFrom('joined', 'connecting', 'recently_left', 'left'),
  type: fc.constantFrom<ParticipantType>('worker', 'customer', 'supervisor', 'transfer', 'external', 'unknown'),
  worker: fc.integer({ min: 1, max: 3 }),
  onHold: fc.boolean(),
  muted: fc.boolean(),
})

const snapshotArbitrary: fc.Arbitrary<RandomSnapshot> = fc.record({
  conference: fc.constantFrom(1 as const, 2 as const),
  source: fc.constantFrom('app' as const, 'flex-sync' as const, 'flex-conference' as const),
  legs: fc.uniqueArray(legArbitrary, { maxLength: 5, selector: (leg) => leg.leg }),
  status: fc.constantFrom('setup' as const, 'active' as const, 'closed' as const, 'failed' as const, undefined),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  requestedBefore: fc.nat({ max: 4_000 }),
  arrivesAfter: fc.nat({ max: 1_500 }),
})

const callSidOf = (conference: number, leg: number) => fakeSid('CA', conference * 100 + leg)
/** Every worker leg has a worker SID, from the pool `validEvents` labels use. */
const workerSidOf = (leg: RandomLeg) => (leg.type === 'worker' || leg.type === 'supervisor' ? fakeSid('WK', leg.worker) : undefined)

/** The snapshot as the chosen source would deliver it, through that source's adapter. */
function snapshotAction(snapshot: RandomSnapshot, requestedAt: number, receivedAt: number): ConferenceEvent {
  const conferenceSid = fakeSid('CF', snapshot.conference)
  const taskSid = fakeSid('WT', snapshot.conference)
  const { legs } = snapshot
  switch (snapshot.source) {
    case 'app': {
      const participants: SnapshotParticipant[] = legs.map((leg) => ({
        callSid: callSidOf(snapshot.conference, leg.leg),
        status: leg.status,
        flags: { onHold: leg.onHold, muted: leg.muted },
        identity: { participantType: leg.type, ...(workerSidOf(leg) === undefined ? {} : { workerSid: workerSidOf(leg) }) },
      }))
      return conferenceSnapshotReceived(
        { conferenceSid, requestedAt, source: 'app', participants, ...(snapshot.status === undefined ? {} : { status: snapshot.status }) },
        receivedAt,
      )
    }
    case 'flex-sync': {
      const items = legs.map((leg, index) => ({
        key: callSidOf(snapshot.conference, leg.leg),
        data: {
          participant_type: leg.type === 'worker' ? 'agent' : leg.type,
          status: leg.status === 'joined' || leg.status === 'connecting' ? ('joined' as const) : ('left' as const),
          connecting: leg.status === 'connecting',
          hold: leg.onHold,
          muted: leg.muted,
          worker_sid: workerSidOf(leg) ?? null,
          ...(index === 0 && snapshot.status !== undefined ? { conf_status: snapshot.status } : {}),
        },
      }))
      return fromFlexSyncConferenceItems(taskSid, conferenceSid, items, requestedAt, { receivedAt })
    }
    case 'flex-conference':
      return fromFlexConference(
        {
          sid: taskSid,
          conferenceSid,
          status: snapshot.status ?? null,
          participants: legs.map((leg) => ({
            callSid: callSidOf(snapshot.conference, leg.leg),
            participantType: leg.type,
            status: leg.status === 'connecting' ? 'joined' : leg.status,
            connecting: leg.status === 'connecting',
            onHold: leg.onHold,
            muted: leg.muted,
            workerSid: workerSidOf(leg) ?? '',
          })),
        },
        requestedAt,
        { receivedAt },
      )
  }
}

/** The valid events with the snapshots placed among them, each arriving just after the event before it. */
function interleave(events: ConferenceEvent[], snapshots: RandomSnapshot[]): ConferenceEvent[] {
  const placed = snapshots
    .map((snapshot) => ({ snapshot, index: Math.floor(snapshot.at * events.length) }))
    .sort((a, b) => a.index - b.index)
  const stream: ConferenceEvent[] = []
  let next = 0
  for (const [index, event] of [...events, undefined].entries()) {
    while (next < placed.length && placed[next]!.index <= index) {
      const { snapshot } = placed[next]!
      const previous = stream.at(-1)?.meta.receivedAt ?? Date.UTC(2026, 0, 1)
      const receivedAt = previous + snapshot.arrivesAfter
      const action = snapshotAction(snapshot, receivedAt - snapshot.requestedBefore, receivedAt)
      expect(eventRejected.match(action), JSON.stringify(action.payload)).toBe(false)
      stream.push(action)
      next += 1
    }
    if (event !== undefined) stream.push(event)
  }
  return stream
}

function expectInvariants(conferences: ConferencesState) {
  const state = { conferences }
  expect(conferences.rejected).toEqual([])
  expect(conferences.rejectedCount).toBe(0)
  expect(JSON.parse(JSON.stringify(conferences))).toEqual(conferences)
  for (const conferenceSid of selectConferenceSids(state)) {
    const participants = selectParticipants(state, conferenceSid)
    const live = participants.filter((leg) => leg.status === 'joined' && !leg.connecting)
    expect(participants.filter((leg) => leg.isLive)).toEqual(live)

    expect(selectLiveParticipantCount(state, conferenceSid)).toBeLessThanOrEqual(live.length)

    const liveWorkerLegs = live.filter((leg) => leg.participantType === 'worker')
    const distinctWorkers = new Set(liveWorkerLegs.flatMap((leg) => (leg.workerSid === undefined ? [] : [leg.workerSid])))
    const withoutSid = liveWorkerLegs.filter((leg) => leg.workerSid === undefined).length
    expect(selectLiveWorkerCount(state, conferenceSid)).toBe(distinctWorkers.size + withoutSid)

    const liveWorkers = selectLiveWorkers(state, conferenceSid)
    expect(liveWorkers).toHaveLength(selectLiveWorkerCount(state, conferenceSid))
    for (const leg of liveWorkers) {
      expect(leg.isLive).toBe(true)
      expect(leg.status).toBe('joined')
      expect(leg.connecting).toBe(false)
      expect(leg.participantType).toBe('worker')
    }

    const records = selectConferenceRecord(state, conferenceSid)!.participants
    const order = participants.map((leg) => [records.find((record) => record.callSid === leg.callSid)!.order, leg.callSid] as const)
    for (let index = 1; index < order.length; index++) {
      const [previousOrder, previousSid] = order[index - 1]!
      const [currentOrder, currentSid] = order[index]!
      expect(previousOrder < currentOrder || (previousOrder === currentOrder && previousSid < currentSid)).toBe(true)
    }
  }
}

describe('invariants under random valid input', () => {
  it(`valid event streams keep counts, order and JSON round trips (${RUNS} streams)`, () => {
    fc.assert(
      fc.property(validEvents, fc.boolean(), (events, identified) => {
        let state = conferencesReducer(undefined, { type: 'init' })
        if (identified) state = conferencesReducer(state, currentWorkerIdentified({ workerSid: fakeSid('WK', 1) }))
        for (const event of events) {
          state = conferencesReducer(state, event)
          expectInvariants(state)
        }
      }),
      { numRuns: RUNS },
    )
  }, 120_000)

  it(`with snapshots from the app, Flex Sync and Flex Conference mirrors mixed in (${RUNS} streams)`, () => {
    fc.assert(
      fc.property(validEvents, fc.array(snapshotArbitrary, { maxLength: 4 }), fc.boolean(), (events, snapshots, identified) => {
        let state = conferencesReducer(undefined, { type: 'init' })
        if (identified) state = conferencesReducer(state, currentWorkerIdentified({ workerSid: fakeSid('WK', 1) }))
        for (const action of interleave(events, snapshots)) {
          state = conferencesReducer(state, action)
          expectInvariants(state)
        }
      }),
      { numRuns: RUNS },
    )
  }, 120_000)
})

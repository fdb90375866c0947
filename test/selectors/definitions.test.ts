/**
 * The exact definitions of docs/architecture.md, "Derived values". Each case is built so that it fails if the rule it
 * names were implemented differently (e.g. "live" as `status === 'joined'` alone).
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  conferenceSnapshotReceived,
  currentWorkerIdentified,
  eventsReceived,
  participantHeld,
  participantJoined,
  participantLeft,
  participantMuted,
  participantSpeechStarted,
  participantUnheld,
  participantUnmuted,
  recentlyLeftExpired,
  selectConferenceView,
  selectIsCustomerOnHold,
  selectIsGroupCall,
  selectIsMyselfMuted,
  selectIsMyselfOnHold,
  selectLiveParticipantCount,
  selectLiveParticipants,
  selectLiveWorkerCount,
  selectLiveWorkers,
  selectMyParticipants,
  selectParticipant,
  selectParticipants,
  selectRecentlyLeftParticipants,
  type ParticipantFlags,
  type ParticipantIdentity,
} from 'conference-state'
import { createCallScenario, createTestStore, fakeSid, type TestStore } from 'conference-state/testing'

const CONF = fakeSid('CF', 1)
const T0 = Date.UTC(2026, 0, 1, 9)
const ME = fakeSid('WK', 1)
const COLLEAGUE = fakeSid('WK', 2)
const SUPERVISOR = fakeSid('WK', 3)
const leg = (n: number) => fakeSid('CA', n)

const customer: ParticipantIdentity = { participantType: 'customer' }
const worker = (workerSid: string): ParticipantIdentity => ({ participantType: 'worker', workerSid })

/** Arrival time of an event: one second per sequence number, as Twilio stamps them. */
const at = (sequence: number) => T0 + sequence * 1000

function join(sequence: number, callSid: string, identity?: ParticipantIdentity, flags?: Partial<ParticipantFlags>) {
  return participantJoined(
    { conferenceSid: CONF, callSid, sequence, ...(identity && { identity }), ...(flags && { flags }) },
    at(sequence),
  )
}
const leave = (sequence: number, callSid: string) =>
  participantLeft({ conferenceSid: CONF, callSid, sequence, reason: 'participant_hung_up' }, at(sequence))

/** A leg that is dialled or ringing: only snapshots say so. */
const ringing = (callSid: string, identity: ParticipantIdentity) =>
  conferenceSnapshotReceived(
    { conferenceSid: CONF, requestedAt: T0, source: 'test', participants: [{ callSid, status: 'connecting', identity }] },
    T0,
  )

const callSids = (legs: ReadonlyArray<{ callSid: string }>) => legs.map((p) => p.callSid)

let store: TestStore
let warn: MockInstance
let error: MockInstance

beforeEach(() => {
  store = createTestStore()
  warn = vi.spyOn(console, 'warn')
  error = vi.spyOn(console, 'error')
})

afterEach(() => {
  // RTK's serializable / immutable checks and reselect's dev checks report through the console.
  expect(warn).not.toHaveBeenCalled()
  expect(error).not.toHaveBeenCalled()
})

describe('a live participant', () => {
  it('is joined and not connecting', () => {
    store.dispatch(ringing(leg(3), customer))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(COLLEAGUE)))
    store.dispatch(leave(4, leg(2)))

    const state = store.getState()
    const ringingLeg = selectParticipant(state, CONF, leg(3))
    expect(ringingLeg).toMatchObject({ status: 'joined', connecting: true, isLive: false })
    expect(selectParticipant(state, CONF, leg(2))).toMatchObject({ status: 'recently_left', isLive: false })
    expect(callSids(selectLiveParticipants(state, CONF))).toEqual([leg(1)])
    expect(selectLiveParticipantCount(state, CONF)).toBe(1)
  })

  it('becomes live when a connecting leg joins', () => {
    store.dispatch(ringing(leg(1), customer))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(0)
    store.dispatch(join(1, leg(1), customer))
    expect(selectParticipant(store.getState(), CONF, leg(1))).toMatchObject({ connecting: false, isLive: true })
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(1)
  })
})

describe('liveParticipantCount', () => {
  it('excludes transfer and supervisor legs and connecting legs', () => {
    store.dispatch(ringing(leg(9), customer))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), { participantType: 'transfer' }))
    store.dispatch(join(4, leg(4), { participantType: 'supervisor', workerSid: SUPERVISOR }))
    store.dispatch(join(5, leg(5), { participantType: 'external' }))

    const state = store.getState()
    expect(selectLiveParticipants(state, CONF)).toHaveLength(5)
    expect(selectLiveParticipantCount(state, CONF)).toBe(3) // customer, worker, external
  })

  it('excludes departed legs', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(COLLEAGUE)))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(2)
    store.dispatch(leave(3, leg(1)))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(1)
  })

  it("counts the current worker's several live legs once", () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(ME)))
    expect(selectLiveParticipants(store.getState(), CONF)).toHaveLength(3)
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(2)
  })

  it('counts two different workers twice', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(3)
  })

  it('counts my duplicate legs once only while I am the identified worker', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(ME)))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(3)
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(2)
  })

  it('still counts me once when only my later leg is live', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(ME)))
    store.dispatch(leave(4, leg(2)))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(2)
  })
})

describe('liveWorkers', () => {
  it('holds one live worker leg per distinct workerSid, the earliest joined, in join order', () => {
    store.dispatch(join(1, leg(1), customer))
    // The later leg of the same worker arrives first, and its call SID sorts first: the earliest
    // joined leg is the one with the lower sequence number.
    store.dispatch(join(4, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
    store.dispatch(join(2, leg(4), worker(ME)))

    const state = store.getState()
    expect(callSids(selectLiveWorkers(state, CONF))).toEqual([leg(4), leg(3)])
    expect(selectLiveWorkers(state, CONF).map((p) => p.workerSid)).toEqual([ME, COLLEAGUE])
    expect(selectLiveWorkerCount(state, CONF)).toBe(2)
  })

  it("falls back to the worker's next live leg when the earliest one leaves", () => {
    store.dispatch(join(1, leg(1), worker(ME)))
    store.dispatch(join(2, leg(2), worker(COLLEAGUE)))
    store.dispatch(join(3, leg(3), worker(ME)))
    store.dispatch(leave(4, leg(1)))
    expect(callSids(selectLiveWorkers(store.getState(), CONF))).toEqual([leg(2), leg(3)])
    expect(selectLiveWorkerCount(store.getState(), CONF)).toBe(2)
  })

  it("only includes participantType 'worker', live and not connecting", () => {
    store.dispatch(ringing(leg(9), worker(fakeSid('WK', 9))))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), { participantType: 'supervisor', workerSid: SUPERVISOR }))
    store.dispatch(join(3, leg(3), { participantType: 'transfer', workerSid: fakeSid('WK', 4) }))
    store.dispatch(join(4, leg(4), worker(COLLEAGUE)))
    store.dispatch(join(5, leg(5), worker(fakeSid('WK', 5))))
    store.dispatch(leave(6, leg(5)))

    expect(callSids(selectLiveWorkers(store.getState(), CONF))).toEqual([leg(4)])
    expect(selectLiveWorkerCount(store.getState(), CONF)).toBe(1)
  })

  it('counts distinct workers whether or not one of them is me', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(1, leg(1), worker(ME)))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
    store.dispatch(join(4, leg(4), worker(COLLEAGUE)))
    expect(selectLiveWorkerCount(store.getState(), CONF)).toBe(2)
    expect(callSids(selectLiveWorkers(store.getState(), CONF))).toEqual([leg(1), leg(3)])
  })
})

describe('isMyself / isCurrentWorker', () => {
  const mine = () => selectParticipants(store.getState(), CONF).map((p) => [p.isMyself, p.isCurrentWorker])

  beforeEach(() => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
  })

  it('are false for everyone while no worker is identified', () => {
    expect(mine()).toEqual([[false, false], [false, false], [false, false]])
  })

  it('follow currentWorkerIdentified and flip when it changes', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    expect(mine()).toEqual([[false, false], [true, true], [false, false]])
    store.dispatch(currentWorkerIdentified({ workerSid: COLLEAGUE }))
    expect(mine()).toEqual([[false, false], [false, false], [true, true]])
  })

  it('are false again after logout (null)', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(currentWorkerIdentified({ workerSid: null }))
    expect(mine()).toEqual([[false, false], [false, false], [false, false]])
  })

  it('never match a leg without a workerSid', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    expect(selectParticipant(store.getState(), CONF, leg(1))?.workerSid).toBeUndefined()
    expect(selectParticipant(store.getState(), CONF, leg(1))?.isMyself).toBe(false)
  })

  it('apply to a leg identified after it joined', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(4, leg(4)))
    expect(selectParticipant(store.getState(), CONF, leg(4))?.isMyself).toBe(false)
    store.dispatch(participantJoined({ conferenceSid: CONF, callSid: leg(4), sequence: 5, identity: worker(ME) }, at(5)))
    expect(selectParticipant(store.getState(), CONF, leg(4))?.isMyself).toBe(true)
  })
})

describe('selectMyParticipants', () => {
  it('returns all my legs in join order, departed ones included', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
    store.dispatch(join(4, leg(4), worker(ME)))
    store.dispatch(leave(5, leg(2)))
    store.dispatch(recentlyLeftExpired({ now: at(5) + 60_000 }))

    const legs = selectMyParticipants(store.getState(), CONF)
    expect(callSids(legs)).toEqual([leg(2), leg(4)])
    expect(legs.map((p) => p.status)).toEqual(['left', 'joined'])
  })

  it('is empty when no worker is identified', () => {
    store.dispatch(join(1, leg(1), worker(ME)))
    expect(selectMyParticipants(store.getState(), CONF)).toEqual([])
  })
})

describe('conference-level flags', () => {
  beforeEach(() => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
  })
  const flags = () => {
    const state = store.getState()
    return {
      customerHeld: selectIsCustomerOnHold(state, CONF),
      myselfHeld: selectIsMyselfOnHold(state, CONF),
      myselfMuted: selectIsMyselfMuted(state, CONF),
    }
  }

  it('isCustomerOnHold follows the customer leg, not a worker leg', () => {
    store.dispatch(participantHeld({ conferenceSid: CONF, callSid: leg(3), sequence: 4 }, at(4)))
    expect(flags()).toEqual({ customerHeld: false, myselfHeld: false, myselfMuted: false })
    store.dispatch(participantHeld({ conferenceSid: CONF, callSid: leg(1), sequence: 5 }, at(5)))
    expect(flags()).toEqual({ customerHeld: true, myselfHeld: false, myselfMuted: false })
    store.dispatch(participantUnheld({ conferenceSid: CONF, callSid: leg(1), sequence: 6 }, at(6)))
    expect(flags().customerHeld).toBe(false)
  })

  it('isCustomerOnHold is false once the held customer has left', () => {
    store.dispatch(participantHeld({ conferenceSid: CONF, callSid: leg(1), sequence: 4 }, at(4)))
    store.dispatch(leave(5, leg(1)))
    expect(selectParticipant(store.getState(), CONF, leg(1))?.onHold).toBe(true)
    expect(flags().customerHeld).toBe(false)
  })

  it('isMyselfOnHold follows my leg, not a colleague', () => {
    store.dispatch(participantHeld({ conferenceSid: CONF, callSid: leg(3), sequence: 4 }, at(4)))
    expect(flags().myselfHeld).toBe(false)
    store.dispatch(participantHeld({ conferenceSid: CONF, callSid: leg(2), sequence: 5 }, at(5)))
    expect(flags()).toEqual({ customerHeld: false, myselfHeld: true, myselfMuted: false })
    // It is about who I am: the same state read as the colleague says the opposite.
    store.dispatch(currentWorkerIdentified({ workerSid: COLLEAGUE }))
    expect(flags().myselfHeld).toBe(true)
    store.dispatch(participantUnheld({ conferenceSid: CONF, callSid: leg(3), sequence: 6 }, at(6)))
    expect(flags().myselfHeld).toBe(false)
  })

  it('isMyselfMuted follows my leg, not the customer', () => {
    store.dispatch(participantMuted({ conferenceSid: CONF, callSid: leg(1), sequence: 4 }, at(4)))
    expect(flags().myselfMuted).toBe(false)
    store.dispatch(participantMuted({ conferenceSid: CONF, callSid: leg(2), sequence: 5 }, at(5)))
    expect(flags()).toEqual({ customerHeld: false, myselfHeld: false, myselfMuted: true })
    store.dispatch(participantUnmuted({ conferenceSid: CONF, callSid: leg(2), sequence: 6 }, at(6)))
    expect(flags().myselfMuted).toBe(false)
  })

  it('isMyselfOnHold / isMyselfMuted are false when no worker is identified', () => {
    store.dispatch(participantHeld({ conferenceSid: CONF, callSid: leg(2), sequence: 4, flags: { muted: true } }, at(4)))
    expect(flags()).toEqual({ customerHeld: false, myselfHeld: true, myselfMuted: true })
    store.dispatch(currentWorkerIdentified({ workerSid: null }))
    expect(flags()).toEqual({ customerHeld: false, myselfHeld: false, myselfMuted: false })
  })
})

describe('isGroupCall', () => {
  it('is liveParticipantCount > 2', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    expect(selectIsGroupCall(store.getState(), CONF)).toBe(false)
    // A supervisor does not count, so listening in does not make a group call.
    store.dispatch(join(3, leg(3), { participantType: 'supervisor', workerSid: SUPERVISOR }))
    expect(selectLiveParticipants(store.getState(), CONF)).toHaveLength(3)
    expect(selectIsGroupCall(store.getState(), CONF)).toBe(false)
    store.dispatch(join(4, leg(4), worker(COLLEAGUE)))
    expect(selectLiveParticipantCount(store.getState(), CONF)).toBe(3)
    expect(selectIsGroupCall(store.getState(), CONF)).toBe(true)
    store.dispatch(leave(5, leg(4)))
    expect(selectIsGroupCall(store.getState(), CONF)).toBe(false)
  })

  it('counts my duplicate legs once', () => {
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(ME)))
    expect(selectIsGroupCall(store.getState(), CONF)).toBe(false)
  })
})

describe('speaking', () => {
  it('is false for a leg that left', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(participantSpeechStarted({ conferenceSid: CONF, callSid: leg(1), sequence: 2 }, at(2)))
    expect(selectParticipant(store.getState(), CONF, leg(1))?.speaking).toBe(true)
    store.dispatch(leave(3, leg(1)))
    expect(selectParticipant(store.getState(), CONF, leg(1))?.speaking).toBe(false)
  })

  it('stays false when a late speech-start arrives after the leave', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(leave(3, leg(1)))
    store.dispatch(participantSpeechStarted({ conferenceSid: CONF, callSid: leg(1), sequence: 2 }, at(4)))
    expect(selectParticipant(store.getState(), CONF, leg(1))).toMatchObject({ status: 'recently_left', speaking: false })
  })

  it('is false for a connecting leg', () => {
    store.dispatch(ringing(leg(1), customer))
    store.dispatch(participantSpeechStarted({ conferenceSid: CONF, callSid: leg(1), sequence: 2 }, at(2)))
    expect(selectParticipant(store.getState(), CONF, leg(1))).toMatchObject({ connecting: true, speaking: false })
  })
})

describe('recently_left', () => {
  it('legs are in selectRecentlyLeftParticipants for recentlyLeftMs, then left', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(join(2, leg(2), worker(ME)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
    store.dispatch(leave(4, leg(1)))
    store.dispatch(leave(5, leg(3)))

    expect(callSids(selectRecentlyLeftParticipants(store.getState(), CONF))).toEqual([leg(1), leg(3)])
    store.dispatch(recentlyLeftExpired({ now: at(4) + 4_999 }))
    expect(callSids(selectRecentlyLeftParticipants(store.getState(), CONF))).toEqual([leg(1), leg(3)])
    store.dispatch(recentlyLeftExpired({ now: at(4) + 5_000 }))
    expect(callSids(selectRecentlyLeftParticipants(store.getState(), CONF))).toEqual([leg(3)])
    expect(selectParticipant(store.getState(), CONF, leg(1))?.status).toBe('left')
    store.dispatch(recentlyLeftExpired({ now: at(5) + 5_000 }))
    expect(selectRecentlyLeftParticipants(store.getState(), CONF)).toEqual([])
    // Left legs stay in the history.
    expect(callSids(selectParticipants(store.getState(), CONF))).toEqual([leg(1), leg(2), leg(3)])
  })

  it('is skipped by a leave whose source time is already older than the window', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(
      participantLeft({ conferenceSid: CONF, callSid: leg(1), sequence: 2, timestamp: at(2) }, at(2) + 5_000),
    )
    expect(selectRecentlyLeftParticipants(store.getState(), CONF)).toEqual([])
    expect(selectParticipant(store.getState(), CONF, leg(1))?.status).toBe('left')
  })
})

describe('join order', () => {
  it('follows sequence numbers even when events arrive out of order', () => {
    // Call SIDs sort the other way round, so neither arrival nor SID order can pass for join order.
    store.dispatch(join(3, leg(7), worker(COLLEAGUE)))
    store.dispatch(join(1, leg(9), customer))
    store.dispatch(join(4, leg(6), { participantType: 'supervisor', workerSid: SUPERVISOR }))
    store.dispatch(join(2, leg(8), worker(ME)))
    expect(callSids(selectParticipants(store.getState(), CONF))).toEqual([leg(9), leg(8), leg(7), leg(6)])
  })

  it('places a leg first heard of through a later event at its join', () => {
    store.dispatch(join(1, leg(1), customer))
    store.dispatch(participantMuted({ conferenceSid: CONF, callSid: leg(2), sequence: 5 }, at(5)))
    store.dispatch(join(3, leg(3), worker(COLLEAGUE)))
    expect(callSids(selectParticipants(store.getState(), CONF))).toEqual([leg(1), leg(3), leg(2)])
    store.dispatch(join(2, leg(2), worker(ME)))
    expect(callSids(selectParticipants(store.getState(), CONF))).toEqual([leg(1), leg(2), leg(3)])
  })

  it('is the same for a scenario replayed in reverse', () => {
    const call = createCallScenario({ id: 7 })
    const first = call.join('customer')
    const second = call.join(`worker:${ME}`)
    call.start()
    const third = call.join(`worker:${COLLEAGUE}`)
    call.hold(first)
    store.dispatch(eventsReceived(call.actions().reverse()))
    const legs = selectParticipants(store.getState(), call.conferenceSid)
    expect(callSids(legs)).toEqual([first, second, third])
    expect(selectConferenceView(store.getState(), call.conferenceSid)?.status).toBe('active')
    expect(selectIsCustomerOnHold(store.getState(), call.conferenceSid)).toBe(true)
  })
})

describe('an unknown conference', () => {
  it('gives an undefined view, empty lists and zero counts', () => {
    store.dispatch(join(1, leg(1), customer))
    const state = store.getState()
    const unknown = fakeSid('CF', 404)
    expect(selectConferenceView(state, unknown)).toBeUndefined()
    expect(selectParticipants(state, unknown)).toEqual([])
    expect(selectLiveParticipants(state, unknown)).toEqual([])
    expect(selectLiveWorkers(state, unknown)).toEqual([])
    expect(selectMyParticipants(state, unknown)).toEqual([])
    expect(selectRecentlyLeftParticipants(state, unknown)).toEqual([])
    expect(selectLiveParticipantCount(state, unknown)).toBe(0)
    expect(selectLiveWorkerCount(state, unknown)).toBe(0)
    expect(selectIsGroupCall(state, unknown)).toBe(false)
    expect(selectIsCustomerOnHold(state, unknown)).toBe(false)
    expect(selectParticipant(state, unknown, leg(1))).toBeUndefined()
  })

  it('gives the same empty participants array every time', () => {
    const unknown = fakeSid('CF', 404)
    const before = selectParticipants(store.getState(), unknown)
    store.dispatch(join(1, leg(1), customer))
    expect(selectParticipants(store.getState(), unknown)).toBe(before)
  })

  it('the empty state has no view either', () => {
    expect(selectConferenceView(createTestStore().getState(), CONF)).toBeUndefined()
  })
})

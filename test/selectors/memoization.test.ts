/**
 * The memoization contract (docs/architecture.md, "Derived values"), tested with `toBe` and reselect's
 * `recomputations()`: what a React component would see as "did my props change".
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  conferenceEnded,
  conferencesPruned,
  conferenceStarted,
  currentWorkerIdentified,
  participantHeld,
  participantJoined,
  participantModified,
  participantMuted,
  selectConferenceSids,
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
  type ConferenceSelector,
  type ParticipantIdentity,
  type StateWithConferences,
} from 'conference-state'
import { createTestStore, fakeSid, type TestStore } from 'conference-state/testing'

const A = fakeSid('CF', 0xa)
const B = fakeSid('CF', 0xb)
const T0 = Date.UTC(2026, 0, 1, 9)
const ME = fakeSid('WK', 1)
const COLLEAGUE = fakeSid('WK', 2)
const at = (sequence: number) => T0 + sequence * 1000

/** Every memoized selector of one conference, by name. */
const conferenceSelectors = {
  selectConferenceView,
  selectParticipants,
  selectLiveParticipants,
  selectRecentlyLeftParticipants,
  selectLiveWorkers,
  selectLiveWorkerCount,
  selectLiveParticipantCount,
  selectMyParticipants,
  selectIsCustomerOnHold,
  selectIsMyselfOnHold,
  selectIsMyselfMuted,
  selectIsGroupCall,
} satisfies Record<string, ConferenceSelector<StateWithConferences, unknown>>
type SelectorName = keyof typeof conferenceSelectors
const selectorNames = Object.keys(conferenceSelectors) as SelectorName[]

const readAll = (state: StateWithConferences, conferenceSid: string) =>
  Object.fromEntries(selectorNames.map((name) => [name, conferenceSelectors[name](state, conferenceSid)])) as {
    [K in SelectorName]: ReturnType<(typeof conferenceSelectors)[K]>
  }
const resetAll = () => selectorNames.forEach((name) => conferenceSelectors[name].resetRecomputations())
const recomputationsOfAll = () =>
  Object.fromEntries(selectorNames.map((name) => [name, conferenceSelectors[name].recomputations()]))

const customerLeg = (conference: string) => fakeSid('CA', conference === A ? 0xa1 : 0xb1)
const myLeg = (conference: string) => fakeSid('CA', conference === A ? 0xa2 : 0xb2)
const colleagueLeg = (conference: string) => fakeSid('CA', conference === A ? 0xa3 : 0xb3)

function join(conferenceSid: string, callSid: string, sequence: number, identity: ParticipantIdentity) {
  return participantJoined({ conferenceSid, callSid, sequence, identity }, at(sequence))
}

/** A call with a customer, me and a colleague, started. */
function seedCall(store: TestStore, conferenceSid: string) {
  store.dispatch(join(conferenceSid, customerLeg(conferenceSid), 1, { participantType: 'customer' }))
  store.dispatch(join(conferenceSid, myLeg(conferenceSid), 2, { participantType: 'worker', workerSid: ME }))
  store.dispatch(join(conferenceSid, colleagueLeg(conferenceSid), 3, { participantType: 'worker', workerSid: COLLEAGUE }))
  store.dispatch(conferenceStarted({ conferenceSid, sequence: 4 }, at(4)))
}

let store: TestStore
let warn: MockInstance
let error: MockInstance

beforeEach(() => {
  warn = vi.spyOn(console, 'warn')
  error = vi.spyOn(console, 'error')
  store = createTestStore()
  store.dispatch(currentWorkerIdentified({ workerSid: ME }))
  seedCall(store, A)
  seedCall(store, B)
})

afterEach(() => {
  expect(warn).not.toHaveBeenCalled()
  expect(error).not.toHaveBeenCalled()
})

describe('an event on conference B', () => {
  it.each([
    ['a hold', () => participantHeld({ conferenceSid: B, callSid: customerLeg(B), sequence: 5 }, at(5))],
    ['a mute', () => participantMuted({ conferenceSid: B, callSid: myLeg(B), sequence: 5 }, at(5))],
    ['a join', () => join(B, fakeSid('CA', 0xb4), 5, { participantType: 'worker', workerSid: fakeSid('WK', 9) })],
    ['an end', () => conferenceEnded({ conferenceSid: B, sequence: 5 }, at(5))],
  ])('(%s) returns the very same object from every selector of conference A', (_, event) => {
    const before = readAll(store.getState(), A)
    resetAll()

    store.dispatch(event())
    const after = readAll(store.getState(), A)

    for (const name of selectorNames) expect(after[name], name).toBe(before[name])
    expect(recomputationsOfAll()).toEqual(Object.fromEntries(selectorNames.map((name) => [name, 0])))
  })

  it('changes what B selects', () => {
    const before = selectConferenceView(store.getState(), B)
    store.dispatch(participantHeld({ conferenceSid: B, callSid: customerLeg(B), sequence: 5 }, at(5)))
    const after = selectConferenceView(store.getState(), B)
    expect(after).not.toBe(before)
    expect(after?.isCustomerOnHold).toBe(true)
  })

  it('returns A the same objects across many events on B, A read after each', () => {
    const before = readAll(store.getState(), A)
    resetAll()
    for (let sequence = 5; sequence < 25; sequence++) {
      const hold = sequence % 2 === 0
      store.dispatch(
        (hold ? participantHeld : participantMuted)({ conferenceSid: B, callSid: customerLeg(B), sequence }, at(sequence)),
      )
      const after = readAll(store.getState(), A)
      for (const name of selectorNames) expect(after[name], name).toBe(before[name])
    }
    expect(selectorNames.every((name) => conferenceSelectors[name].recomputations() === 0)).toBe(true)
  })
})

describe('an event that does not change a derived value', () => {
  it("a customer's mute leaves liveWorkers identical while participants change", () => {
    const state = store.getState()
    const participants = selectParticipants(state, A)
    const workers = selectLiveWorkers(state, A)
    const view = selectConferenceView(state, A)

    store.dispatch(participantMuted({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(5)))
    const next = store.getState()

    expect(selectParticipants(next, A)).not.toBe(participants)
    expect(selectParticipant(next, A, customerLeg(A))?.muted).toBe(true)
    expect(selectLiveWorkers(next, A)).toBe(workers)
    expect(selectConferenceView(next, A)).not.toBe(view)
    expect(selectConferenceView(next, A)?.liveWorkers).toBe(workers)
  })

  it('keeps liveWorkers identical when other conferences are read in between (a supervisor wall)', () => {
    const wall = (sids: readonly string[]) => sids.map((sid) => selectLiveWorkers(store.getState(), sid))
    const [workersOfA, workersOfB] = wall([A, B])

    store.dispatch(participantMuted({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(5)))
    const [nextOfA, nextOfB] = wall([A, B])

    expect(nextOfA).toBe(workersOfA)
    expect(nextOfB).toBe(workersOfB)
  })

  it('keeps the filtered lists identical while their members are unchanged', () => {
    const state = store.getState()
    const live = selectLiveParticipants(state, A)
    const mine = selectMyParticipants(state, A)
    selectLiveParticipants(state, B)
    selectMyParticipants(state, B)

    store.dispatch(participantHeld({ conferenceSid: A, callSid: colleagueLeg(A), sequence: 5 }, at(5)))
    const next = store.getState()
    selectLiveParticipants(next, B)
    selectMyParticipants(next, B)

    expect(selectMyParticipants(next, A)).toBe(mine)
    expect(selectLiveParticipants(next, A)).not.toBe(live) // the colleague's view changed
  })

  it('an unchanged participant keeps the identical view object after another participant\u2019s event', () => {
    const [customer, me, colleague] = selectParticipants(store.getState(), A)
    store.dispatch(participantHeld({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(5)))
    const [nextCustomer, nextMe, nextColleague] = selectParticipants(store.getState(), A)

    expect(nextCustomer).not.toBe(customer)
    expect(nextCustomer?.onHold).toBe(true)
    expect(nextMe).toBe(me)
    expect(nextColleague).toBe(colleague)
    expect(selectParticipant(store.getState(), A, myLeg(A))).toBe(me)
  })

  it('a call that is a leg of two conferences keeps its view in one when it changes in the other', () => {
    const moved = customerLeg(A)
    store.dispatch(join(B, moved, 5, { participantType: 'customer' }))
    const inB = selectParticipant(store.getState(), B, moved)
    const listB = selectParticipants(store.getState(), B)
    // The call is held in A and A's view read; then a modify in B repeats what B shows.
    store.dispatch(participantHeld({ conferenceSid: A, callSid: moved, sequence: 6 }, at(6)))
    expect(selectParticipant(store.getState(), A, moved)?.onHold).toBe(true)
    store.dispatch(participantModified({ conferenceSid: B, callSid: moved, sequence: 7, flags: { onHold: false } }, at(7)))
    expect(selectParticipant(store.getState(), A, moved)?.onHold).toBe(true)
    expect(selectParticipant(store.getState(), B, moved)).toBe(inB)
    expect(selectParticipants(store.getState(), B)).toBe(listB)
  })

  it('counts and flags keep their values without recomputing the view of a conference that did not change', () => {
    const view = selectConferenceView(store.getState(), A)
    selectConferenceView.resetRecomputations()
    store.dispatch(participantHeld({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(5)))
    const next = selectConferenceView(store.getState(), A)
    expect(selectConferenceView.recomputations()).toBe(1)
    expect(next?.liveParticipantCount).toBe(view?.liveParticipantCount)
    expect(next?.liveWorkers).toBe(view?.liveWorkers)
    expect(next?.myParticipants).toBe(view?.myParticipants)
  })
})

describe('selectConferenceSids', () => {
  it('keeps its reference across participant and conference events', () => {
    const sids = selectConferenceSids(store.getState())
    expect(sids).toEqual([A, B])
    store.dispatch(participantHeld({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(5)))
    store.dispatch(join(B, fakeSid('CA', 0xb4), 5, { participantType: 'external' }))
    store.dispatch(currentWorkerIdentified({ workerSid: COLLEAGUE }))
    store.dispatch(conferenceEnded({ conferenceSid: B, sequence: 6 }, at(6)))
    expect(selectConferenceSids(store.getState())).toBe(sids)
  })

  it('changes when a conference is added', () => {
    const sids = selectConferenceSids(store.getState())
    const C = fakeSid('CF', 0xc)
    store.dispatch(conferenceStarted({ conferenceSid: C, sequence: 1 }, at(1)))
    const next = selectConferenceSids(store.getState())
    expect(next).not.toBe(sids)
    expect(next).toEqual([A, B, C])
  })

  it('changes when a closed conference is pruned, and not before', () => {
    const { retainClosedMs } = store.getState().conferences.config
    store.dispatch(conferenceEnded({ conferenceSid: B, sequence: 5 }, at(5)))
    const sids = selectConferenceSids(store.getState())

    store.dispatch(conferencesPruned({ now: at(5) + retainClosedMs - 1 }))
    expect(selectConferenceSids(store.getState())).toBe(sids)

    store.dispatch(conferencesPruned({ now: at(5) + retainClosedMs }))
    const next = selectConferenceSids(store.getState())
    expect(next).not.toBe(sids)
    expect(next).toEqual([A])
    expect(selectConferenceView(store.getState(), B)).toBeUndefined()
  })

  it('pruning leaves the surviving conference A identical', () => {
    const before = readAll(store.getState(), A)
    store.dispatch(conferenceEnded({ conferenceSid: B, sequence: 5 }, at(5)))
    store.dispatch(conferencesPruned({ now: at(5) + store.getState().conferences.config.retainClosedMs }))
    const after = readAll(store.getState(), A)
    for (const name of selectorNames) expect(after[name], name).toBe(before[name])
  })
})

describe('the same state twice', () => {
  it.each(selectorNames)('%s: the second call returns the same result without recomputing', (name) => {
    const selector = conferenceSelectors[name]
    // A state no selector has seen yet.
    store.dispatch(join(A, fakeSid('CA', 0xa9), 5, { participantType: 'worker', workerSid: fakeSid('WK', 9) }))
    const state = store.getState()
    selector.resetRecomputations()

    const first = selector(state, A)
    const second = selector(state, A)

    expect(second).toBe(first)
    expect(selector.recomputations()).toBe(1)
  })

  it('serves several conferences from one selector instance without recomputing either', () => {
    const state = store.getState()
    selectConferenceView(state, A)
    selectConferenceView(state, B)
    selectConferenceView.resetRecomputations()
    const a = selectConferenceView(state, A)
    const b = selectConferenceView(state, B)
    expect(selectConferenceView(state, A)).toBe(a)
    expect(selectConferenceView(state, B)).toBe(b)
    expect(selectConferenceView.recomputations()).toBe(0)
  })
})

describe('a duplicate event', () => {
  it('returns the identical root state', () => {
    const held = participantHeld({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(5))
    store.dispatch(held)
    const state = store.getState()
    store.dispatch(held)
    expect(store.getState()).toBe(state)
    // A retry delivered later is still the same event.
    store.dispatch(participantHeld({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(9)))
    expect(store.getState()).toBe(state)
  })

  it('returns the identical root state for an already-superseded event', () => {
    store.dispatch(participantHeld({ conferenceSid: A, callSid: customerLeg(A), sequence: 6 }, at(6)))
    const state = store.getState()
    store.dispatch(participantHeld({ conferenceSid: A, callSid: customerLeg(A), sequence: 5 }, at(7)))
    expect(store.getState()).toBe(state)
  })
})

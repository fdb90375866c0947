/**
 * `createConferenceSelectors(selectSlice)`: the same selectors for a slice mounted anywhere.
 */
import { combineReducers, configureStore } from '@reduxjs/toolkit'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import * as conferenceState from 'conference-state'
import {
  conferencesReducer,
  createConferenceSelectors,
  currentWorkerIdentified,
  eventsReceived,
  participantIdentified,
  participantJoined,
  recentlyLeftExpired,
  selectConferenceView,
  selectConferenceViewByTaskSid,
  selectParticipant,
  type ConferencesAction,
  type ConferenceSelectors,
  type StateWithConferences,
} from 'conference-state'
import { createCallScenario, createTestStore, fakeSid } from 'conference-state/testing'

const ME = fakeSid('WK', 1)
const COLLEAGUE = fakeSid('WK', 2)

function createTelephonyStore() {
  return configureStore({ reducer: { telephony: combineReducers({ calls: conferencesReducer }) } })
}
type TelephonyState = ReturnType<ReturnType<typeof createTelephonyStore>['getState']>

const telephony = createConferenceSelectors((state: TelephonyState) => state.telephony.calls)

/** Two calls: a warm transfer in progress (with a supervisor) and a plain call that ended. */
function events(): ConferencesAction[] {
  const transfer = createCallScenario({ id: 1 })
  const customer = transfer.join('customer')
  const me = transfer.join(`worker:${ME}`)
  transfer.start()
  transfer.hold(customer)
  const colleague = transfer.join(`worker:${COLLEAGUE}`)
  transfer.join(`supervisor:${fakeSid('WK', 3)}`)
  transfer.mute(me)
  transfer.speechStart(colleague)
  transfer.join('transfer')
  transfer.leave(me)

  const plain = createCallScenario({ id: 2, startAt: transfer.now })
  const caller = plain.join('customer')
  plain.join(`worker:${COLLEAGUE}`)
  plain.start()
  plain.leave(caller)
  plain.end()

  return [
    currentWorkerIdentified({ workerSid: ME }),
    ...transfer.actions(),
    ...plain.actions(),
    participantIdentified(
      { conferenceSid: transfer.conferenceSid, callSid: me, identity: { reservationSid: fakeSid('WR', 1) } },
      transfer.now,
    ),
    recentlyLeftExpired({ now: plain.now }),
  ]
}

const SELECTOR_NAMES = [
  'selectConferenceView',
  'selectParticipants',
  'selectLiveParticipants',
  'selectRecentlyLeftParticipants',
  'selectLiveParticipantCount',
  'selectLiveWorkers',
  'selectLiveWorkerCount',
  'selectMyParticipants',
  'selectIsCustomerOnHold',
  'selectIsMyselfOnHold',
  'selectIsMyselfMuted',
  'selectIsGroupCall',
  'selectConferenceRecord',
] as const satisfies ReadonlyArray<keyof ConferenceSelectors<unknown>>

let warn: MockInstance
let error: MockInstance

beforeEach(() => {
  warn = vi.spyOn(console, 'warn')
  error = vi.spyOn(console, 'error')
})

afterEach(() => {
  expect(warn).not.toHaveBeenCalled()
  expect(error).not.toHaveBeenCalled()
})

describe('a slice mounted elsewhere', () => {
  function twoStores() {
    const atDefault = createTestStore()
    const elsewhere = createTelephonyStore()
    for (const action of events()) {
      atDefault.dispatch(action)
      elsewhere.dispatch(action)
    }
    return { atDefault: atDefault.getState(), elsewhere: elsewhere.getState() }
  }

  it('holds the same slice state as one mounted at `conferences`', () => {
    const { atDefault, elsewhere } = twoStores()
    expect(elsewhere.telephony.calls).toEqual(atDefault.conferences)
  })

  it.each(SELECTOR_NAMES)('%s gives the same answers as the default selector', (name) => {
    const { atDefault, elsewhere } = twoStores()
    const sids = conferenceState.selectConferenceSids(atDefault)
    expect(sids).toHaveLength(2)
    for (const sid of [...sids, fakeSid('CF', 404)]) {
      const expected = (conferenceState[name] as (state: StateWithConferences, sid: string) => unknown)(atDefault, sid)
      expect(telephony[name](elsewhere, sid), `${name}(${sid})`).toEqual(expected)
    }
  })

  it('reads the plain lookups from the mounted slice', () => {
    const { atDefault, elsewhere } = twoStores()
    expect(telephony.selectConferenceSids(elsewhere)).toEqual(conferenceState.selectConferenceSids(atDefault))
    expect(telephony.selectCurrentWorkerSid(elsewhere)).toBe(ME)
    expect(telephony.selectRejectedEvents(elsewhere)).toEqual(conferenceState.selectRejectedEvents(atDefault))
  })

  it('answers what the scenario implies', () => {
    const { elsewhere } = twoStores()
    const [transferSid = '', plainSid = ''] = telephony.selectConferenceSids(elsewhere)
    expect(telephony.selectLiveWorkers(elsewhere, transferSid).map((leg) => leg.workerSid)).toEqual([COLLEAGUE])
    expect(telephony.selectLiveParticipantCount(elsewhere, transferSid)).toBe(2) // customer, colleague
    expect(telephony.selectIsCustomerOnHold(elsewhere, transferSid)).toBe(true)
    expect(telephony.selectIsMyselfMuted(elsewhere, transferSid)).toBe(false) // my muted leg has left
    expect(telephony.selectMyParticipants(elsewhere, transferSid).map((leg) => leg.status)).toEqual(['left'])
    expect(telephony.selectConferenceView(elsewhere, plainSid)?.status).toBe('closed')
    expect(telephony.selectLiveParticipantCount(elsewhere, plainSid)).toBe(0)
  })

  it('keeps its own memoization: an event elsewhere leaves a conference view identical', () => {
    const store = createTelephonyStore()
    for (const action of events()) store.dispatch(action)
    const [transferSid = '', plainSid = ''] = telephony.selectConferenceSids(store.getState())
    const view = telephony.selectConferenceView(store.getState(), transferSid)
    store.dispatch(participantJoined({ conferenceSid: plainSid, callSid: fakeSid('CA', 99), sequence: 99 }, 0))
    expect(telephony.selectConferenceView(store.getState(), transferSid)).toBe(view)
  })

  it('does not share caches with another set built over the same slice', () => {
    const other = createConferenceSelectors((state: TelephonyState) => state.telephony.calls)
    const { elsewhere } = twoStores()
    const [sid = ''] = telephony.selectConferenceSids(elsewhere)
    other.selectParticipants.resetRecomputations()
    telephony.selectParticipants(elsewhere, sid)
    expect(other.selectParticipants.recomputations()).toBe(0)
    expect(other.selectParticipants(elsewhere, sid)).toEqual(telephony.selectParticipants(elsewhere, sid))
  })
})

describe('selectConferenceViewByTaskSid', () => {
  it('finds the conference by the WT… FriendlyName', () => {
    const store = createTestStore()
    const call = createCallScenario({ id: 5 })
    call.join('customer')
    call.start()
    store.dispatch(eventsReceived(call.actions()))

    const byTask = selectConferenceViewByTaskSid(store.getState(), call.taskSid)
    expect(byTask).toBeDefined()
    expect(byTask).toBe(selectConferenceView(store.getState(), call.conferenceSid))
    expect(byTask).toMatchObject({ sid: call.taskSid, taskSid: call.taskSid, conferenceSid: call.conferenceSid })
  })

  it('finds the conference by a taskSid given in an event', () => {
    const store = createTestStore()
    const conferenceSid = fakeSid('CF', 6)
    const taskSid = fakeSid('WT', 6)
    store.dispatch(participantJoined({ conferenceSid, callSid: fakeSid('CA', 1), sequence: 1 }, 0))
    expect(selectConferenceViewByTaskSid(store.getState(), taskSid)).toBeUndefined()
    store.dispatch(participantJoined({ conferenceSid, callSid: fakeSid('CA', 2), sequence: 2, taskSid }, 0))
    expect(selectConferenceViewByTaskSid(store.getState(), taskSid)?.conferenceSid).toBe(conferenceSid)
  })

  it('is undefined for an unknown task, including prototype names', () => {
    const store = createTestStore()
    const call = createCallScenario({ id: 5 })
    call.join('customer')
    store.dispatch(eventsReceived(call.actions()))
    for (const taskSid of [fakeSid('WT', 404), call.conferenceSid, 'constructor', '__proto__', 'toString']) {
      expect(selectConferenceViewByTaskSid(store.getState(), taskSid), taskSid).toBeUndefined()
    }
  })

  it('works for a slice mounted elsewhere', () => {
    const store = createTelephonyStore()
    const call = createCallScenario({ id: 8 })
    call.join('customer')
    store.dispatch(eventsReceived(call.actions()))
    expect(telephony.selectConferenceViewByTaskSid(store.getState(), call.taskSid)?.conferenceSid).toBe(call.conferenceSid)
  })
})

describe('selectParticipant', () => {
  it('finds one leg by call SID, as its view in the participants list', () => {
    const store = createTestStore()
    const call = createCallScenario({ id: 3 })
    const customer = call.join('customer')
    const agent = call.join(`worker:${ME}`)
    call.hold(customer)
    store.dispatch(eventsReceived(call.actions()))
    const state = store.getState()

    const leg = selectParticipant(state, call.conferenceSid, customer)
    expect(leg).toMatchObject({ callSid: customer, participantType: 'customer', onHold: true })
    expect(leg).toBe(conferenceState.selectParticipants(state, call.conferenceSid)[0])
    expect(selectParticipant(state, call.conferenceSid, agent)?.workerSid).toBe(ME)
  })

  it('is undefined for an unknown leg or conference', () => {
    const store = createTestStore()
    const call = createCallScenario({ id: 3 })
    const customer = call.join('customer')
    store.dispatch(eventsReceived(call.actions()))
    expect(selectParticipant(store.getState(), call.conferenceSid, fakeSid('CA', 404))).toBeUndefined()
    expect(selectParticipant(store.getState(), fakeSid('CF', 404), customer)).toBeUndefined()
  })

  it('works for a slice mounted elsewhere', () => {
    const store = createTelephonyStore()
    const call = createCallScenario({ id: 3 })
    const customer = call.join('customer')
    store.dispatch(eventsReceived(call.actions()))
    expect(telephony.selectParticipant(store.getState(), call.conferenceSid, customer)?.callSid).toBe(customer)
  })
})

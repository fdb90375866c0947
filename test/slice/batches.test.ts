import { describe, expect, it } from 'vitest'
import {
  conferencesReducer,
  createConferenceSelectors,
  eventRejected,
  eventsReceived,
  participantJoined,
  type ConferenceEvent,
  type ConferencesState,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const slice = createConferenceSelectors((state: ConferencesState) => state)
const empty = () => conferencesReducer(undefined, { type: 'init' })
const join = (n: number) => participantJoined({ conferenceSid: CF, callSid: fakeSid('CA', n), sequence: n }, n)
const batch = (members: unknown[]) => conferencesReducer(empty(), eventsReceived(members as ConferenceEvent[]))
const MB = 'x'.repeat(1 << 20)

describe('a batch member that is refused is rejected alone; the rest apply', () => {
  const throwingGetter = {
    type: 'conferences/participantJoined',
    get payload(): never {
      throw new Error('boom')
    },
  }
  const throwingProxy = new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') } })
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()

  it.each([
    ['an eventRejected without payload', { type: 'conferences/eventRejected' }],
    ['a member with a throwing getter', throwingGetter],
    ['a throwing proxy', throwingProxy],
    ['a revoked proxy', revoked.proxy],
    ['a member that is not an event', { type: 'something/else' }],
    ['a nested batch', eventsReceived([join(9)])],
    ['a class instance payload', { type: 'conferences/participantJoined', payload: new Date(0) }],
    ['a function in the payload', { type: 'conferences/participantJoined', payload: { conferenceSid: CF, callSid: fakeSid('CA', 8), sequence: 8, flags: () => 1 } }],
  ])('%s', (_name, bad) => {
    const state = batch([join(1), join(2), bad, join(3)])
    expect(slice.selectParticipants(state, CF).map((leg) => leg.callSid)).toEqual([1, 2, 3].map((n) => fakeSid('CA', n)))
    expect(slice.selectRejectedEvents(state)).toHaveLength(1)
  })
})

describe('every string kept from input is bounded', () => {
  it('a hundred rejections of 1 MB texts stay small', () => {
    let state = empty()
    for (let index = 0; index < 100; index++) {
      state = conferencesReducer(state, eventRejected({ source: MB, reason: MB, field: MB, summary: MB }, index))
      state = conferencesReducer(state, participantJoined({ conferenceSid: CF, callSid: MB, identity: { [MB]: 1 } as never }, index))
      state = conferencesReducer(state, eventsReceived([{ type: MB } as never]))
    }
    expect(JSON.stringify(state).length).toBeLessThan(300_000)
    expect(state.rejectedCount).toBe(300)
  })
})

describe('an event that changes nothing visible', () => {
  it('keeps every view and derived list: a modify repeating the same flags and label', () => {
    const identity = { participantType: 'worker' as const, workerSid: fakeSid('WK', 1), label: 'worker' }
    const flags = { muted: false, onHold: false, coaching: false, endConferenceOnExit: false, startConferenceOnEnter: true }
    let state = conferencesReducer(empty(), participantJoined({ conferenceSid: CF, callSid: fakeSid('CA', 1), sequence: 1, flags, identity }, 1))
    const view = slice.selectConferenceView(state, CF)
    const workers = slice.selectLiveWorkers(state, CF)
    const participants = slice.selectParticipants(state, CF)
    state = conferencesReducer(
      state,
      { type: 'conferences/participantModified', payload: { conferenceSid: CF, callSid: fakeSid('CA', 1), sequence: 2, flags, identity }, meta: { receivedAt: 2 } },
    )
    expect(slice.selectConferenceView(state, CF)).toBe(view)
    expect(slice.selectLiveWorkers(state, CF)).toBe(workers)
    expect(slice.selectParticipants(state, CF)).toBe(participants)
  })

  it('a duplicate returns the identical state', () => {
    const state = conferencesReducer(empty(), join(1))
    expect(conferencesReducer(state, join(1))).toBe(state)
  })
})

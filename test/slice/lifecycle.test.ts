import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  conferenceEnded,
  conferenceStarted,
  conferencesPruned,
  currentWorkerIdentified,
  eventsReceived,
  participantHeld,
  participantJoined,
  participantLeft,
  participantMuted,
  recentlyLeftExpired,
  selectConferenceSids,
  selectConferenceView,
  selectParticipant,
} from 'conference-state'
import { createTestStore, fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const CUSTOMER = fakeSid('CA', 1)
const AGENT = fakeSid('CA', 2)
const ME = fakeSid('WK', 1)
const T0 = Date.UTC(2026, 0, 1, 9)

const customerJoins = (sequence: number, at = T0 + sequence * 1000) =>
  participantJoined({ conferenceSid: CF, callSid: CUSTOMER, sequence, timestamp: at, identity: { participantType: 'customer' } }, at)
const agentJoins = (sequence: number, at = T0 + sequence * 1000) =>
  participantJoined(
    { conferenceSid: CF, callSid: AGENT, sequence, timestamp: at, identity: { participantType: 'worker', workerSid: ME } },
    at,
  )

let warnings: ReturnType<typeof vi.spyOn>[]
beforeEach(() => {
  warnings = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')]
})
afterEach(() => {
  for (const spy of warnings) expect(spy).not.toHaveBeenCalled()
})

describe('conference lifecycle', () => {
  it('creates an unknown conference in setup on its first participant event, active on start', () => {
    const store = createTestStore()
    store.dispatch(customerJoins(1))
    expect(selectConferenceView(store.getState(), CF)?.status).toBe('setup')
    store.dispatch(conferenceStarted({ conferenceSid: CF, sequence: 2 }, T0 + 2000))
    expect(selectConferenceView(store.getState(), CF)?.status).toBe('active')
  })

  it('ends every participant still in the conference when it ends, keeping the reason', () => {
    const store = createTestStore()
    store.dispatch(customerJoins(1))
    store.dispatch(agentJoins(2))
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: AGENT, sequence: 3, reason: 'participant_hung_up' }, T0 + 3000))
    store.dispatch(
      conferenceEnded(
        { conferenceSid: CF, sequence: 4, reasonEnded: 'last-participant-left', callSidEndingConference: CUSTOMER },
        T0 + 4000,
      ),
    )
    const view = selectConferenceView(store.getState(), CF)
    expect(view?.status).toBe('closed')
    expect(view?.endReason).toBe('last-participant-left')
    expect(view?.callSidEndingConference).toBe(CUSTOMER)
    expect(view?.participants.map((leg) => leg.status)).toEqual(['recently_left', 'recently_left'])
    expect(view?.liveParticipantCount).toBe(0)
    // the agent's own leave reason is not overwritten by the end
    expect(selectParticipant(store.getState(), CF, AGENT)?.leftReason).toBe('participant_hung_up')
  })

  it('ends a participant whose join arrives after the end with a lower sequence', () => {
    const store = createTestStore()
    store.dispatch(conferenceEnded({ conferenceSid: CF, sequence: 9 }, T0 + 9000))
    store.dispatch(customerJoins(1, T0 + 9500))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.status).toBe('recently_left')
    expect(selectConferenceView(store.getState(), CF)?.liveParticipantCount).toBe(0)
  })

  it('does not let a late start reopen a closed conference', () => {
    const store = createTestStore()
    store.dispatch(conferenceEnded({ conferenceSid: CF, sequence: 9 }, T0))
    store.dispatch(conferenceStarted({ conferenceSid: CF, sequence: 3, timestamp: T0 - 6000 }, T0 + 1))
    const view = selectConferenceView(store.getState(), CF)
    expect(view?.status).toBe('closed')
    expect(view?.startedAt).toBe(T0 - 6000)
  })
})

describe('participants', () => {
  it('keeps a late, lower-sequence event from overwriting a newer one', () => {
    const store = createTestStore()
    store.dispatch(customerJoins(1))
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 5, flags: { onHold: true } }, T0 + 5000))
    store.dispatch(
      participantMuted({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3, flags: { onHold: false, muted: true } }, T0 + 6000),
    )
    const leg = selectParticipant(store.getState(), CF, CUSTOMER)
    expect(leg?.onHold).toBe(true)
    expect(leg?.muted).toBe(true)
  })

  it('returns the identical state for a duplicate event', () => {
    const store = createTestStore()
    store.dispatch(customerJoins(1))
    const before = store.getState()
    store.dispatch(customerJoins(1))
    expect(store.getState()).toBe(before)
  })

  it('applies events without a sequence in arrival order, newer than everything before them', () => {
    const store = createTestStore()
    store.dispatch(customerJoins(1))
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 4 }, T0 + 4000))
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CUSTOMER, flags: { onHold: false } }, T0 + 5000))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.onHold).toBe(false)
    // an older sequenced event arriving later still loses to it …
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3 }, T0 + 6000))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.onHold).toBe(false)
    // … and the next sequence number wins
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 5 }, T0 + 7000))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.onHold).toBe(true)
  })

  it('moves a departed leg to left once its recently_left window expires, not before', () => {
    const store = createTestStore({ recentlyLeftMs: 5000 })
    store.dispatch(customerJoins(1))
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CUSTOMER, sequence: 2, timestamp: T0 + 2000 }, T0 + 2000))
    store.dispatch(recentlyLeftExpired({ now: T0 + 6999 }))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.status).toBe('recently_left')
    store.dispatch(recentlyLeftExpired({ now: T0 + 7000, conferenceSid: CF }))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.status).toBe('left')
  })

  it('sends a leave whose source time is older than the window straight to left', () => {
    const store = createTestStore({ recentlyLeftMs: 5000 })
    store.dispatch(customerJoins(1))
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CUSTOMER, sequence: 2, timestamp: T0 }, T0 + 60_000))
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.status).toBe('left')
  })

  it('keeps at most maxLeftParticipants departed legs, dropping the longest gone', () => {
    const store = createTestStore({ maxLeftParticipants: 2 })
    for (let n = 1; n <= 4; n++) {
      const callSid = fakeSid('CA', 100 + n)
      store.dispatch(participantJoined({ conferenceSid: CF, callSid, sequence: n * 2 }, T0 + n * 2000))
      store.dispatch(participantLeft({ conferenceSid: CF, callSid, sequence: n * 2 + 1 }, T0 + n * 2000 + 1000))
    }
    const legs = selectConferenceView(store.getState(), CF)?.participants.map((leg) => leg.callSid)
    expect(legs).toEqual([fakeSid('CA', 103), fakeSid('CA', 104)])
  })
})

describe('batches', () => {
  it('applies eventsReceived like the same events one by one, with one notification', () => {
    const events = [customerJoins(1), agentJoins(2), participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3 }, T0 + 3000)]
    const oneByOne = createTestStore()
    for (const event of events) oneByOne.dispatch(event)
    const batched = createTestStore()
    const listener = vi.fn()
    batched.subscribe(listener)
    batched.dispatch(eventsReceived(events))
    expect(listener).toHaveBeenCalledTimes(1)
    expect(batched.getState()).toEqual(oneByOne.getState())
  })

  it('records a batch member that is not a conference event and applies the rest', () => {
    const store = createTestStore()
    store.dispatch(eventsReceived([customerJoins(1), { type: 'todos/added', payload: {} } as never]))
    expect(selectConferenceView(store.getState(), CF)?.liveParticipantCount).toBe(1)
    expect(store.getState().conferences.rejected[0]?.reason).toMatch(/batch member must be a conference event/)
  })
})

describe('pruning', () => {
  it('drops closed conferences older than retainClosedMs and keeps the others', () => {
    const store = createTestStore({ retainClosedMs: 60_000 })
    const OPEN = fakeSid('CF', 2)
    store.dispatch(customerJoins(1))
    store.dispatch(conferenceEnded({ conferenceSid: CF, sequence: 2 }, T0))
    store.dispatch(participantJoined({ conferenceSid: OPEN, callSid: AGENT, sequence: 1 }, T0))
    store.dispatch(conferencesPruned({ now: T0 + 59_999 }))
    expect(selectConferenceSids(store.getState())).toEqual([CF, OPEN])
    store.dispatch(conferencesPruned({ now: T0 + 60_000 }))
    expect(selectConferenceSids(store.getState())).toEqual([OPEN])
    expect(selectConferenceView(store.getState(), CF)).toBeUndefined()
  })
})

describe('the current worker', () => {
  it('marks my legs once the worker is identified', () => {
    const store = createTestStore()
    store.dispatch(agentJoins(1))
    expect(selectParticipant(store.getState(), CF, AGENT)?.isMyself).toBe(false)
    store.dispatch(currentWorkerIdentified({ workerSid: ME }))
    expect(selectParticipant(store.getState(), CF, AGENT)?.isMyself).toBe(true)
  })
})

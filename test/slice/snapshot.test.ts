import { describe, expect, it } from 'vitest'
import {
  conferenceSnapshotReceived,
  participantHeld,
  participantJoined,
  selectConferenceView,
  selectParticipant,
} from 'conference-state'
import { createTestStore, fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const [A, B, C] = [fakeSid('CA', 1), fakeSid('CA', 2), fakeSid('CA', 3)]
const T0 = Date.UTC(2026, 0, 1, 9)

describe('conferenceSnapshotReceived', () => {
  it('joins listed legs with their flags and ends known joined legs it omits', () => {
    const store = createTestStore()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: A, sequence: 1 }, T0))
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: B, sequence: 2 }, T0 + 1))
    store.dispatch(
      conferenceSnapshotReceived(
        {
          conferenceSid: CF,
          requestedAt: T0 + 10,
          source: 'test',
          status: 'active',
          participants: [
            { callSid: A, status: 'joined', flags: { onHold: true } },
            { callSid: C, status: 'connecting', identity: { participantType: 'transfer' } },
          ],
        },
        T0 + 20,
      ),
    )
    const state = store.getState()
    expect(selectParticipant(state, CF, A)).toMatchObject({ status: 'joined', onHold: true })
    expect(selectParticipant(state, CF, B)).toMatchObject({ status: 'recently_left', leftReason: 'absent_from_snapshot' })
    expect(selectParticipant(state, CF, C)).toMatchObject({ status: 'joined', connecting: true, isLive: false })
    expect(selectConferenceView(state, CF)).toMatchObject({ status: 'active', liveParticipantCount: 1 })
  })

  it('never undoes an event that arrived while the request was in flight', () => {
    const store = createTestStore()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: A, sequence: 1 }, T0))
    const requestedAt = T0 + 100
    // while the list request is in flight: A is held and B joins
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: A, sequence: 2 }, T0 + 150))
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: B, sequence: 3 }, T0 + 160))
    // the list, taken at requestedAt, still shows A unheld and does not know B
    store.dispatch(
      conferenceSnapshotReceived(
        { conferenceSid: CF, requestedAt, source: 'test', participants: [{ callSid: A, status: 'joined', flags: { onHold: false } }] },
        T0 + 200,
      ),
    )
    expect(selectParticipant(store.getState(), CF, A)?.onHold).toBe(true)
    expect(selectParticipant(store.getState(), CF, B)?.status).toBe('joined')
  })

  it('closes the conference when the snapshot says it is closed', () => {
    const store = createTestStore()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: A, sequence: 1 }, T0))
    store.dispatch(conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: T0 + 5, source: 'test', status: 'closed', participants: [] }, T0 + 10))
    expect(selectConferenceView(store.getState(), CF)).toMatchObject({ status: 'closed', liveParticipantCount: 0 })
  })
})

describe('a snapshot of a closed conference', () => {
  it('ends the legs it still lists as joined: nobody is in a closed conference', () => {
    const store = createTestStore()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: A, sequence: 1 }, T0))
    store.dispatch(
      conferenceSnapshotReceived(
        { conferenceSid: CF, requestedAt: T0 + 5, source: 'test', status: 'closed', participants: [{ callSid: A, status: 'joined' }, { callSid: B, status: 'joined' }] },
        T0 + 10,
      ),
    )
    const view = selectConferenceView(store.getState(), CF)
    expect(view).toMatchObject({ status: 'closed', liveParticipantCount: 0 })
    expect(view?.participants.map((leg) => leg.status)).toEqual(['recently_left', 'recently_left'])
  })
})

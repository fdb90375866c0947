/**
 * A batch hides nothing: your own reducers and listeners see the events inside `eventsReceived`
 * through `carriesConferenceEvent` and `conferenceEventsIn`.
 */
import { configureStore, createListenerMiddleware, createSlice } from '@reduxjs/toolkit'
import { describe, expect, it } from 'vitest'
import {
  carriesConferenceEvent,
  conferenceEventsIn,
  conferencesReducer,
  eventsReceived,
  participantHeld,
  participantJoined,
  participantMuted,
  participantUnheld,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const [CA1, CA2] = [fakeSid('CA', 1), fakeSid('CA', 2)]
const held = (callSid: string, sequence: number) => participantHeld({ conferenceSid: CF, callSid, sequence }, 1_000)

/** A user's own slice that logs every hold, however it was dispatched. */
const holdLog = createSlice({
  name: 'holdLog',
  initialState: [] as string[],
  reducers: {},
  extraReducers: (builder) => {
    builder.addMatcher(carriesConferenceEvent(participantHeld), (state, action) => {
      for (const event of conferenceEventsIn(action, participantHeld)) state.push(event.payload.callSid)
    })
  },
})

const storeWithHoldLog = () => configureStore({ reducer: { conferences: conferencesReducer, holdLog: holdLog.reducer } })

describe('events inside a batch, for your own reducers and listeners', () => {
  it('an extraReducers case for participantHeld sees the hold inside an eventsReceived batch', () => {
    const store = storeWithHoldLog()
    store.dispatch(
      eventsReceived([
        participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 1 }, 1_000),
        held(CA1, 2),
        participantMuted({ conferenceSid: CF, callSid: CA1, sequence: 3 }, 1_000),
      ]),
    )
    expect(store.getState().holdLog).toEqual([CA1])
  })

  it('sees a hold dispatched on its own, and every hold of a batch in order', () => {
    const store = storeWithHoldLog()
    store.dispatch(held(CA2, 1))
    store.dispatch(eventsReceived([held(CA1, 2), participantUnheld({ conferenceSid: CF, callSid: CA1, sequence: 3 }), held(CA2, 4)]))
    expect(store.getState().holdLog).toEqual([CA2, CA1, CA2])
  })

  it('ignores batches without the event, and unrelated actions', () => {
    const store = storeWithHoldLog()
    store.dispatch(eventsReceived([participantMuted({ conferenceSid: CF, callSid: CA1, sequence: 1 })]))
    store.dispatch({ type: 'todos/added', payload: { type: participantHeld.type } })
    expect(store.getState().holdLog).toEqual([])
  })

  it('a listener with the matcher as predicate runs its effect for a batched hold', async () => {
    const seen: string[] = []
    const listener = createListenerMiddleware()
    listener.startListening({
      predicate: carriesConferenceEvent(participantHeld, participantUnheld),
      effect: (action) => {
        for (const event of conferenceEventsIn(action, participantHeld, participantUnheld)) seen.push(`${event.type} ${event.payload.callSid}`)
      },
    })
    const store = configureStore({
      reducer: { conferences: conferencesReducer },
      middleware: (getDefault) => getDefault().prepend(listener.middleware),
    })
    store.dispatch(eventsReceived([held(CA1, 1), participantUnheld({ conferenceSid: CF, callSid: CA1, sequence: 2 })]))
    await Promise.resolve()
    expect(seen).toEqual([`${participantHeld.type} ${CA1}`, `${participantUnheld.type} ${CA1}`])
  })

  it('conferenceEventsIn without creators lists the conference events, and skips foreign batch members', () => {
    const join = participantJoined({ conferenceSid: CF, callSid: CA1, sequence: 1 }, 1_000)
    expect(conferenceEventsIn(join)).toEqual([join])
    expect(conferenceEventsIn({ type: 'todos/added' })).toEqual([])
    const hostile = { type: eventsReceived.type, payload: [join, { type: 'todos/added' }, null, 42] }
    expect(conferenceEventsIn(hostile)).toEqual([join])
    expect(conferenceEventsIn({ type: eventsReceived.type, payload: 'not a list' })).toEqual([])
  })
})

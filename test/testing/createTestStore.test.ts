/**
 * `createTestStore` with a user's own reducers, middleware and a control transport: your code,
 * tested beside the slice.
 */
import { createListenerMiddleware, createSlice } from '@reduxjs/toolkit'
import { describe, expect, it } from 'vitest'
import {
  carriesConferenceEvent,
  conferenceEventsIn,
  participantHeld,
  participantJoined,
  selectParticipant,
} from 'conference-state'
import { holdParticipant, type ConferenceTransport, type HoldCommand } from 'conference-state/controls'
import { createTestStore, fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)

const holdLog = createSlice({
  name: 'holdLog',
  initialState: [] as string[],
  reducers: {},
  extraReducers: (builder) => {
    builder.addMatcher(carriesConferenceEvent(participantHeld), (state, action) => {
      for (const held of conferenceEventsIn(action, participantHeld)) state.push(held.payload.callSid)
    })
  },
})

/** A transport that records the holds it was asked for and accepts them. */
function recordingTransport() {
  const holds: HoldCommand[] = []
  const transport: ConferenceTransport = {
    hold: async (command) => {
      holds.push(command)
    },
    mute: async () => {},
    remove: async () => {},
    add: () => Promise.reject(new Error('not in this test')),
  }
  return { transport, holds }
}

describe('createTestStore', () => {
  it('keeps the slice settings given as before', () => {
    expect(createTestStore({ recentlyLeftMs: 1234 }).getState().conferences.config.recentlyLeftMs).toBe(1234)
  })

  it('mounts your reducers beside the slice', () => {
    const store = createTestStore({ reducers: { holdLog: holdLog.reducer } })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CA, sequence: 2 }, 2))
    expect(store.getState().holdLog).toEqual([CA])
    expect(selectParticipant(store.getState(), CF, CA)?.onHold).toBe(true)
  })

  it('runs your middleware before the defaults', () => {
    const seen: string[] = []
    const listener = createListenerMiddleware()
    listener.startListening({ actionCreator: participantJoined, effect: (action) => void seen.push(action.payload.callSid) })
    const store = createTestStore({ middleware: [listener.middleware] })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    expect(seen).toEqual([CA])
  })

  it('sends the control thunks through the transport given', async () => {
    const { transport, holds } = recordingTransport()
    const store = createTestStore({ transport, recentlyLeftMs: 1000 })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    const pending = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CA, timeoutMs: 60_000 }))
    expect(selectParticipant(store.getState(), CF, CA)?.holdPending).toBe(true)
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CA, sequence: 2 }, 2))
    const settled = await pending
    expect(holdParticipant.fulfilled.match(settled)).toBe(true)
    expect(holds).toEqual([{ conferenceSid: CF, callSid: CA, hold: true }])
    expect(selectParticipant(store.getState(), CF, CA)).toMatchObject({ onHold: true, holdPending: false })
  })
})

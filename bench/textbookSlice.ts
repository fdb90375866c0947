/* eslint-disable @typescript-eslint/no-non-null-assertion -- bench indices are in range by construction */
/**
 * The textbook RTK slice: `createEntityAdapter` over conferences (each entity holding a record of
 * its participants), `createSlice` with Immer case reducers that mutate the draft participant.
 * This is what the Redux docs would lead you to write.
 */
import { createAction, createEntityAdapter, createSlice, type PayloadAction } from '@reduxjs/toolkit'
import {
  participantHeld,
  participantJoined,
  participantLeft,
  participantMuted,
  participantSpeechStarted,
  participantSpeechStopped,
  participantUnheld,
  participantUnmuted,
  type ConferenceEvent,
} from '../src/index'

interface TextbookParticipant {
  callSid: string
  status: 'joined' | 'left'
  muted: boolean
  onHold: boolean
  speaking: boolean
  participantType: string
}
interface TextbookConference {
  conferenceSid: string
  participants: Record<string, TextbookParticipant>
}

const adapter = createEntityAdapter({ selectId: (conference: TextbookConference) => conference.conferenceSid })
type TextbookState = ReturnType<typeof adapter.getInitialState>

type LegPayload = PayloadAction<{ conferenceSid: string; callSid: string }>

/** Bulk load for setting up the population in one reducer call (`adapter.setAll`). */
export const conferencesLoaded = createAction<TextbookConference[]>('textbook/conferencesLoaded')

const setLeg = (patch: Partial<TextbookParticipant>) => (state: TextbookState, action: LegPayload) => {
  const leg = state.entities[action.payload.conferenceSid]?.participants[action.payload.callSid]
  if (leg !== undefined) Object.assign(leg, patch)
}

export const textbookSlice = createSlice({
  name: 'textbookConferences',
  initialState: adapter.getInitialState(),
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(conferencesLoaded, (state, action) => {
        adapter.setAll(state, action.payload)
      })
      .addCase(participantJoined, (state, action) => {
        const { conferenceSid, callSid, identity } = action.payload
        if (state.entities[conferenceSid] === undefined) adapter.addOne(state, { conferenceSid, participants: {} })
        const conference = state.entities[conferenceSid]!
        const leg = conference.participants[callSid]
        if (leg) leg.status = 'joined'
        else
          conference.participants[callSid] = {
            callSid, status: 'joined', muted: false, onHold: false, speaking: false,
            participantType: identity?.participantType ?? 'unknown',
          }
      })
      .addCase(participantLeft, setLeg({ status: 'left' }))
      .addCase(participantHeld, setLeg({ onHold: true }))
      .addCase(participantUnheld, setLeg({ onHold: false }))
      .addCase(participantMuted, setLeg({ muted: true }))
      .addCase(participantUnmuted, setLeg({ muted: false }))
      .addCase(participantSpeechStarted, setLeg({ speaking: true }))
      .addCase(participantSpeechStopped, setLeg({ speaking: false }))
  },
})

export const textbookReducer = textbookSlice.reducer

/** The population as entities, loaded with one `setAll`. */
export function loadTextbook(joins: ConferenceEvent[]): TextbookState {
  const conferences = new Map<string, TextbookConference>()
  for (const action of joins) {
    const p = action.payload as { conferenceSid: string; callSid: string; identity?: { participantType?: string } }
    let conference = conferences.get(p.conferenceSid)
    if (!conference) conferences.set(p.conferenceSid, (conference = { conferenceSid: p.conferenceSid, participants: {} }))
    conference.participants[p.callSid] = {
      callSid: p.callSid, status: 'joined', muted: false, onHold: false, speaking: false,
      participantType: p.identity?.participantType ?? 'unknown',
    }
  }
  return textbookReducer(undefined, conferencesLoaded([...conferences.values()]))
}

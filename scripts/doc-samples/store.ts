/**
 * The `./store` the doc samples import: the slice at `conferences` (the default selectors read
 * it there), and at `telephony.conferences` for the samples that mount it elsewhere; the control
 * thunks' transport in the thunk `extra` argument, as docs/controls.md sets it up.
 */
import { combineReducers, configureStore } from '@reduxjs/toolkit'
import { conferencesReducer, createConferenceTimers } from 'conference-state'
import { createHttpTransport, type ConferenceControlsExtra } from 'conference-state/controls'

export const timers = createConferenceTimers()
const extra: ConferenceControlsExtra = { conferenceTransport: createHttpTransport({ baseUrl: '/api' }) }

export const store = configureStore({
  reducer: { conferences: conferencesReducer, telephony: combineReducers({ conferences: conferencesReducer }) },
  middleware: (getDefaultMiddleware) => getDefaultMiddleware({ thunk: { extraArgument: extra } }).concat(timers.middleware),
})
export type AppStore = typeof store
export type RootState = ReturnType<typeof store.getState>
export type AppDispatch = typeof store.dispatch

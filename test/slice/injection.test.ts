import { combineSlices, configureStore, isActionCreator } from '@reduxjs/toolkit'
import { describe, expect, it } from 'vitest'
import * as root from 'conference-state'
import { conferencesReducer, conferencesSlice, participantJoined, participantHeld, selectLiveParticipantCount } from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)

describe('mounting the slice', () => {
  it('exposes one reducer: conferencesSlice.reducer is conferencesReducer', () => {
    expect(conferencesSlice.reducer).toBe(conferencesReducer)
    expect(conferencesSlice.name).toBe('conferences')
    expect(conferencesSlice.reducerPath).toBe('conferences')
  })

  it('injects into combineSlices with the same reducer', () => {
    const rootReducer = combineSlices({ other: (state: number = 0) => state })
    const injected = conferencesSlice.injectInto(rootReducer)
    const store = configureStore({ reducer: rootReducer })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    const state = store.getState() as { other: number; conferences?: ReturnType<typeof conferencesReducer> }
    expect(injected.selectSlice(state).sidChunks.flat()).toEqual([CF])
    expect(state.conferences?.sidChunks.flat()).toEqual([CF])
  })

  it('freezes what an event writes, as Immer would, so accidental mutation throws', () => {
    const state = conferencesReducer(undefined, participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    const next = conferencesReducer(state, participantHeld({ conferenceSid: CF, callSid: CA, sequence: 2 }, 2))
    expect(Object.isFrozen(next)).toBe(true)
    expect(Object.isFrozen(next.sidChunks)).toBe(true)
    expect(() => {
      ;(next.sidChunks as string[][]).push(["x"])
    }).toThrow(TypeError)
  })

  it('returns the same state for actions it does not handle', () => {
    const state = conferencesReducer(undefined, { type: 'init' })
    expect(conferencesReducer(state, { type: 'todos/added' })).toBe(state)
  })

  it('holds every exported event creator in conferencesSlice.actions, and nothing else', () => {
    const exported = Object.entries(root).filter(([, value]) => isActionCreator(value))
    expect(exported.length).toBeGreaterThan(15)
    expect(Object.keys(conferencesSlice.actions).sort()).toEqual(exported.map(([name]) => name).sort())
    for (const [name, creator] of exported) expect(conferencesSlice.actions[name as keyof typeof conferencesSlice.actions]).toBe(creator)
  })

  it('has a case reducer per event that returns the next state', () => {
    const joined = conferencesSlice.caseReducers.participantJoined(
      conferencesSlice.getInitialState(),
      participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1),
    )
    expect(joined).toEqual(conferencesReducer(undefined, participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1)))
    expect(Object.keys(conferencesSlice.caseReducers).sort()).toEqual(Object.keys(conferencesSlice.actions).sort())
  })

  it('reads the store through conferencesSlice.selectors, as the default selectors do', () => {
    const store = configureStore({ reducer: { [conferencesSlice.reducerPath]: conferencesSlice.reducer } })
    store.dispatch(conferencesSlice.actions.participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    expect(conferencesSlice.selectors.selectConferenceSids(store.getState())).toEqual([CF])
    expect(conferencesSlice.selectors.selectLiveParticipantCount(store.getState(), CF)).toBe(1)
    const view = conferencesSlice.selectors.selectConferenceView(store.getState(), CF)
    expect(view).toEqual(root.selectConferenceView(store.getState(), CF))
    expect(conferencesSlice.selectors.selectConferenceView(store.getState(), CF)).toBe(view)
    expect(selectLiveParticipantCount(store.getState(), CF)).toBe(1)
  })

  it('getSelectors(selectSlice) reads a slice mounted elsewhere, and returns the same selectors for the same selectSlice', () => {
    const selectSlice = (state: { voice: { calls: ReturnType<typeof conferencesReducer> } }) => state.voice.calls
    const store = configureStore({ reducer: { voice: combineSlices({ calls: conferencesReducer }) } })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    const selectors = conferencesSlice.getSelectors(selectSlice)
    expect(selectors.selectConferenceSids(store.getState())).toEqual([CF])
    expect(conferencesSlice.getSelectors(selectSlice)).toBe(selectors)
    expect(conferencesSlice.getSelectors().selectLiveParticipantCount(store.getState().voice.calls, CF)).toBe(1)
  })

  it('an injected slice reads the initial state until its reducer has run', () => {
    const rootReducer = combineSlices({ other: (state: number = 0) => state })
    const injected = conferencesSlice.injectInto(rootReducer, { reducerPath: 'calls' })
    expect(injected.selectors.selectConferenceSids({})).toEqual([])
    expect(injected.actions).toBe(conferencesSlice.actions)
  })
})

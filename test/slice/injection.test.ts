import { combineSlices, configureStore } from '@reduxjs/toolkit'
import { describe, expect, it } from 'vitest'
import { conferencesReducer, conferencesSlice, participantJoined, participantHeld } from 'conference-state'
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
})

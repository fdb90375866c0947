/**
 * Type tests of `createTestStore`: your reducers' state is typed, and a control thunk dispatches on
 * a store given a transport (and not on one without).
 */
import { createSlice } from '@reduxjs/toolkit'
import { describe, expectTypeOf, test } from 'vitest'
import type { ConferencesState } from 'conference-state'
import { createHttpTransport, holdParticipant, type ControlResult } from 'conference-state/controls'
import { createTestStore } from 'conference-state/testing'

const todos = createSlice({ name: 'todos', initialState: [] as string[], reducers: {} })

describe('createTestStore', () => {
  test('types the state of your reducers beside the slice', () => {
    const store = createTestStore({ reducers: { todos: todos.reducer }, recentlyLeftMs: 1000 })
    expectTypeOf(store.getState().todos).toEqualTypeOf<string[]>()
    expectTypeOf(store.getState().conferences).toEqualTypeOf<ConferencesState>()
  })

  test('a control thunk dispatches on a store given a transport', () => {
    const store = createTestStore({ transport: createHttpTransport({ baseUrl: '/api' }) })
    const settled = store.dispatch(holdParticipant({ conferenceSid: 'CF1', callSid: 'CA1' }))
    expectTypeOf(settled.unwrap()).resolves.toEqualTypeOf<ControlResult>()
  })

  test('and not on a store without one', () => {
    const store = createTestStore()
    // @ts-expect-error no transport: the thunk `extra` argument has no `conferenceTransport`
    void store.dispatch(holdParticipant({ conferenceSid: 'CF1', callSid: 'CA1' }))
  })
})

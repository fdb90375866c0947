/**
 * A store for tests: the slice at `state.conferences`, RTK's development checks on.
 *
 * @module
 */
import { configureStore } from '@reduxjs/toolkit'
import { createConferencesState } from '../config'
import type { ConferencesConfig } from '../model'
import { conferencesReducer } from '../slice'

/**
 * Creates a store with the slice mounted at `conferences` and RTK's serializable and immutable
 * checks on, as in development.
 *
 * @param config - Slice settings to override.
 * @returns A Redux store.
 * @example
 * ```ts
 * const store = createTestStore({ recentlyLeftMs: 1000 })
 * store.dispatch(participantJoined({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 1 }, 0))
 * ```
 */
export function createTestStore(config: Partial<ConferencesConfig> = {}) {
  return configureStore({
    reducer: { conferences: conferencesReducer },
    preloadedState: { conferences: createConferencesState(config) },
    middleware: (getDefault) =>
      getDefault({ serializableCheck: true, immutableCheck: true }),
  })
}

/** The store {@link createTestStore} returns. */
export type TestStore = ReturnType<typeof createTestStore>

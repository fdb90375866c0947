/**
 * The slice's settings and its initial state.
 *
 * @module
 */
import type { ConferencesConfig, ConferencesState } from './model'
import { createTable } from './table'

/**
 * The settings used when none are given.
 * @example
 * ```ts
 * createConferencesState({ recentlyLeftMs: defaultConferencesConfig.recentlyLeftMs * 2 })
 * ```
 */
export const defaultConferencesConfig: Readonly<ConferencesConfig> = Object.freeze({
  recentlyLeftMs: 5_000,
  retainClosedMs: 10 * 60_000,
  retainIdleMs: 24 * 60 * 60_000,
  maxLeftParticipants: 50,
  maxForgottenConferences: 10_000,
  maxRejectedEvents: 100,
  maxControlErrors: 50,
})

/**
 * Builds an empty slice state with your settings: pass it as `preloadedState`.
 *
 * @param config - Settings to override; the rest keep their defaults.
 * @returns A fresh, empty `ConferencesState`.
 * @example
 * ```ts
 * const store = configureStore({
 *   reducer: { conferences: conferencesReducer },
 *   preloadedState: { conferences: createConferencesState({ recentlyLeftMs: 3_000 }) },
 * })
 * ```
 */
export function createConferencesState(config: Partial<ConferencesConfig> = {}): ConferencesState {
  return {
    table: createTable(),
    sids: [],
    taskIndex: {},
    forgottenConferences: createTable(),
    forgottenCount: 0,
    currentWorkerSid: null,
    rejected: [],
    rejectedCount: 0,
    controlErrors: [],
    controlErrorCount: 0,
    config: { ...defaultConferencesConfig, ...config },
  }
}

/**
 * A setting of `config`, or its default when the state was persisted before the setting existed.
 *
 * @param config - The slice's settings, as stored.
 * @param name - Which setting.
 * @returns Its value.
 */
export function settingOf<K extends keyof ConferencesConfig>(config: Partial<ConferencesConfig>, name: K): ConferencesConfig[K] {
  return config[name] ?? defaultConferencesConfig[name]
}

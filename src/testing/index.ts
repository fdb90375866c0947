/**
 * `conference-state/testing`: helpers for testing your own reducers and components against
 * realistic conference event streams.
 *
 * @module
 */
export { createCallScenario, fakeSid } from './callScenario'
export { comparableState } from './comparableState'
export { createTestStore } from './createTestStore'
export type { CallScenario, CallScenarioOptions } from './callScenario'
export type { ComparableConference } from './comparableState'
export type { TestStore, TestStoreOptions } from './createTestStore'

/**
 * Calls for the React tests: many started conferences dispatched as one batch, and the action of
 * a scenario's latest callback, so each test dispatches exactly one event.
 */
import { configureStore, type Store } from '@reduxjs/toolkit'
import { conferencesReducer, eventsReceived, type ConferenceEvent } from 'conference-state'
import { createCallScenario, fakeSid, type CallScenario } from 'conference-state/testing'

/**
 * A store with the slice at `conferences` and RTK's serializable and immutable checks on, as in
 * development. The checks walk the whole state on each dispatch and warn when that takes over
 * 32 ms, which a wall of hundreds of conferences can: these tests fail on any console warning,
 * so they allow the checks more time.
 */
export function createWallStore() {
  return configureStore({
    reducer: { conferences: conferencesReducer },
    middleware: (getDefault) =>
      getDefault({ serializableCheck: { warnAfter: 10_000 }, immutableCheck: { warnAfter: 10_000 } }),
  })
}

/** The store {@link createWallStore} returns. */
export type WallStore = ReturnType<typeof createWallStore>

/** A started call: a customer and one worker. */
export interface StartedCall {
  call: CallScenario
  conferenceSid: string
  customer: string
  worker: string
  workerSid: string
}

/** Builds `count` started calls with ids from `firstId` (their actions are in `call.actions()`). */
export function startedCalls(count: number, firstId = 1): StartedCall[] {
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index
    const call = createCallScenario({ id })
    const workerSid = fakeSid('WK', id)
    const customer = call.join('customer')
    const worker = call.join(`worker:${workerSid}`)
    call.start()
    return { call, conferenceSid: call.conferenceSid, customer, worker, workerSid }
  })
}

/** Dispatches every action of these calls as one `eventsReceived` batch. */
export function dispatchCalls(store: Pick<Store, 'dispatch'>, calls: readonly StartedCall[]): void {
  store.dispatch(eventsReceived(calls.flatMap(({ call }) => call.actions())))
}

/** The action of the scenario's latest callback (call `call.hold(…)` or the like first). */
export function latest(call: CallScenario): ConferenceEvent {
  return call.actions().at(-1)!
}

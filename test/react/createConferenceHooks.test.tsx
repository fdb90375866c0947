// @vitest-environment jsdom
/**
 * `createConferenceHooks(selectSlice)`: the same hooks, and the same render guarantees, for a
 * slice mounted under another key; and the default hooks return what the default selectors do.
 */
import { combineReducers, configureStore } from '@reduxjs/toolkit'
import { act, cleanup, screen } from '@testing-library/react'
import { createContext, memo } from 'react'
import { Provider, type ReactReduxContextValue } from 'react-redux'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  conferencesReducer,
  createConferenceSelectors,
  currentWorkerIdentified,
  eventsReceived,
  selectConferenceView,
  selectLiveWorkers,
} from 'conference-state'
import { createConferenceHooks, useConferenceSids, useConferenceView, useLiveWorkers } from 'conference-state/react'
import { createWallStore, dispatchCalls, latest, startedCalls, type StartedCall } from './calls'
import { renderWithChecks, spyOnConsole, type ConsoleSpies } from './harness'

function createTelephonyStore() {
  // RTK's dev checks on, with their "took more than 32 ms" notice raised: on a loaded machine it is
  // about the machine, and any console warning fails these tests.
  return configureStore({
    reducer: { telephony: combineReducers({ calls: conferencesReducer }) },
    middleware: (getDefault) => getDefault({ serializableCheck: { warnAfter: 1_000 }, immutableCheck: { warnAfter: 1_000 } }),
  })
}
type TelephonyState = ReturnType<ReturnType<typeof createTelephonyStore>['getState']>

const telephony = createConferenceHooks((state: TelephonyState) => state.telephony.calls)

let rowRenders: string[] = []

const TelephonyRow = memo(function TelephonyRow({ conferenceSid }: { conferenceSid: string }) {
  const live = telephony.useLiveParticipantCount(conferenceSid)
  const workers = telephony.useLiveWorkers(conferenceSid)
  const customerHeld = telephony.useIsCustomerOnHold(conferenceSid)
  const myselfMuted = telephony.useIsMyselfMuted(conferenceSid)
  rowRenders.push(conferenceSid)
  return (
    <li data-testid={conferenceSid}>
      {`${live} live, ${workers.length} workers`}
      {customerHeld && ', customer on hold'}
      {myselfMuted && ', me muted'}
    </li>
  )
})

function TelephonyWall() {
  const sids = telephony.useConferenceSids()
  return (
    <ul>
      {sids.map((sid) => (
        <TelephonyRow key={sid} conferenceSid={sid} />
      ))}
    </ul>
  )
}

describe('createConferenceHooks', () => {
  let spies: ConsoleSpies
  let calls: StartedCall[]

  beforeEach(() => {
    spies = spyOnConsole()
    calls = startedCalls(20)
    rowRenders = []
  })

  afterEach(() => {
    cleanup()
    expect(spies.warn).not.toHaveBeenCalled()
    expect(spies.error).not.toHaveBeenCalled()
  })

  it('reads a slice mounted under another key, re-rendering only the row an event touches', () => {
    const store = createTelephonyStore()
    dispatchCalls(store, calls)
    store.dispatch(currentWorkerIdentified({ workerSid: calls[4]!.workerSid }))
    renderWithChecks(store, <TelephonyWall />)
    expect(rowRenders).toHaveLength(calls.length)
    expect(screen.getByTestId(calls[4]!.conferenceSid).textContent).toBe('2 live, 1 workers')

    const { call, customer, worker, conferenceSid } = calls[4]!
    call.hold(customer)
    call.mute(worker)
    rowRenders = []
    act(() => {
      store.dispatch(eventsReceived(call.actions().slice(-2)))
    })
    expect(rowRenders).toEqual([conferenceSid])
    expect(screen.getByTestId(conferenceSid).textContent).toBe('2 live, 1 workers, customer on hold, me muted')
  })

  it('shares the caches of selectors passed in instead of a slice selector', () => {
    const selectors = createConferenceSelectors((state: TelephonyState) => state.telephony.calls)
    const shared = createConferenceHooks(selectors)
    const store = createTelephonyStore()
    dispatchCalls(store, calls)
    const { conferenceSid } = calls[0]!
    const seen: unknown[] = []
    function Workers() {
      seen.push(shared.useLiveWorkers(conferenceSid), shared.useConferenceView(conferenceSid))
      return null
    }
    renderWithChecks(store, <Workers />)
    expect(seen[0]).toBe(selectors.selectLiveWorkers(store.getState(), conferenceSid))
    expect(seen[1]).toBe(selectors.selectConferenceView(store.getState(), conferenceSid))
  })

  it('the default hooks return the very objects of the default selectors', () => {
    const store = createWallStore()
    dispatchCalls(store, calls)
    const { call, customer, conferenceSid } = calls[0]!
    const seen: unknown[][] = []
    function Conference() {
      seen.push([useConferenceView(conferenceSid), useLiveWorkers(conferenceSid)])
      return null
    }
    renderWithChecks(store, <Conference />)
    call.hold(customer)
    act(() => {
      store.dispatch(latest(call))
    })
    expect(seen).toHaveLength(2)
    expect(seen[1]![0]).toBe(selectConferenceView(store.getState(), conferenceSid))
    expect(seen[1]![1]).toBe(selectLiveWorkers(store.getState(), conferenceSid))
    expect(seen[1]![1]).toBe(seen[0]![1])
  })

  it('reads the store of a custom context when given one, beside the default Provider', () => {
    const pluginContext = createContext<ReactReduxContextValue<TelephonyState> | null>(null)
    const plugin = createConferenceHooks((state: TelephonyState) => state.telephony.calls, { context: pluginContext })
    const pluginStore = createTelephonyStore()
    dispatchCalls(pluginStore, calls.slice(0, 3))
    const hostStore = createWallStore()
    dispatchCalls(hostStore, calls)
    const seen: Array<readonly string[]> = []
    function PluginSids() {
      seen.push(plugin.useConferenceSids(), useConferenceSids())
      return null
    }
    renderWithChecks(
      hostStore,
      <Provider store={pluginStore} context={pluginContext} stabilityCheck="always" identityFunctionCheck="always">
        <PluginSids />
      </Provider>,
    )
    expect(seen[0]).toEqual(calls.slice(0, 3).map(({ conferenceSid }) => conferenceSid))
    expect(seen[1]).toHaveLength(calls.length)
  })
})

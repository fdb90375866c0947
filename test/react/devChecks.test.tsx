// @vitest-environment jsdom
/**
 * react-redux's development checks, on for every selector call: `stabilityCheck` runs each
 * selector twice and warns when the results differ; `identityFunctionCheck` warns when a selector
 * returns the root state. Every hook keeps both silent through a call's whole life.
 */
import { act, cleanup } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  conferencesPruned,
  currentWorkerIdentified,
  participantIdentified,
  recentlyLeftExpired,
  selectLiveWorkers,
  type StateWithConferences,
} from 'conference-state'
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import * as hooks from 'conference-state/react'
import { useSelector } from 'react-redux'
import { fakeSid, type CallScenario } from 'conference-state/testing'
import { createWallStore, dispatchCalls, latest, startedCalls, type StartedCall, type WallStore } from './calls'
import { renderWithChecks, spyOnConsole, type ConsoleSpies } from './harness'

interface EveryHookProps {
  conferenceSid: string
  callSid: string
  taskSid: string
  /** Gets the results of each render. */
  values: unknown[][]
}

/** Reads every hook. */
function EveryHook({ conferenceSid, callSid, taskSid, values }: EveryHookProps) {
  values.push([
    hooks.useConferenceSids(),
    hooks.useConferenceView(conferenceSid),
    hooks.useConferenceViewByTaskSid(taskSid),
    hooks.useParticipants(conferenceSid),
    hooks.useParticipant(conferenceSid, callSid),
    hooks.useLiveParticipants(conferenceSid),
    hooks.useRecentlyLeftParticipants(conferenceSid),
    hooks.useLiveParticipantCount(conferenceSid),
    hooks.useLiveWorkers(conferenceSid),
    hooks.useLiveWorkerCount(conferenceSid),
    hooks.useMyParticipants(conferenceSid),
    hooks.useIsCustomerOnHold(conferenceSid),
    hooks.useIsMyselfOnHold(conferenceSid),
    hooks.useIsMyselfMuted(conferenceSid),
    hooks.useIsGroupCall(conferenceSid),
    hooks.useCurrentWorkerSid(),
    hooks.useRejectedEvents(),
  ])
  return null
}

/** A step that changes the scenario, then gives the action of its latest callback. */
const next = (scenario: CallScenario, change: () => void) => () => {
  change()
  return latest(scenario)
}

describe('react-redux development checks', () => {
  let store: WallStore
  let spies: ConsoleSpies
  let calls: StartedCall[]

  beforeEach(() => {
    spies = spyOnConsole()
    store = createWallStore()
    calls = startedCalls(3)
    dispatchCalls(store, calls)
  })

  afterEach(cleanup)

  it('stay silent for every hook, through a whole call', () => {
    const [{ call, customer, worker, workerSid, conferenceSid }, other] = calls as [StartedCall, StartedCall]
    const values: unknown[][] = []
    const unknown: unknown[][] = []
    renderWithChecks(
      store,
      <>
        <EveryHook conferenceSid={conferenceSid} callSid={customer} taskSid={call.taskSid} values={values} />
        <EveryHook conferenceSid="CF-unknown" callSid="CA-unknown" taskSid="WT-unknown" values={unknown} />
      </>,
    )
    // An unknown conference: undefined, empty lists, 0 and false, so a row can mount before its first event.
    const sids = calls.map((c) => c.conferenceSid)
    expect(unknown[0]).toEqual([sids, undefined, undefined, [], undefined, [], [], 0, [], 0, [], false, false, false, false, null, []])
    expect(values[0]![1]).toMatchObject({ conferenceSid, liveParticipantCount: 2 })
    const steps = [
      () => currentWorkerIdentified({ workerSid }),
      () => participantIdentified({ conferenceSid, callSid: customer, identity: { displayName: 'Grace' } }, call.now),
      next(call, () => call.hold(customer)),
      next(call, () => call.mute(worker)),
      next(call, () => call.join(`worker:${fakeSid('WK', 0xc011)}`)),
      next(other.call, () => other.call.hold(other.customer)),
      () => fromTwilioStatusCallback('not a callback', { receivedAt: call.now }),
      next(call, () => call.leave(customer)),
      () => recentlyLeftExpired({ now: call.now + 60_000 }),
      next(call, () => call.end()),
      () => conferencesPruned({ now: call.now + 60 * 60 * 1000 }),
    ]
    for (const step of steps) {
      act(() => {
        store.dispatch(step())
      })
    }
    expect(values.length).toBeGreaterThan(steps.length / 2)
    expect(values.at(-1)!.slice(0, 2)).toEqual([sids.slice(1), undefined]) // pruned
    expect(spies.warn).not.toHaveBeenCalled()
    expect(spies.error).not.toHaveBeenCalled()
  })

  // Controls: the checks are on in this environment and would report a hook that built a new
  // object per call or returned the root state.
  it('would warn about a selector that builds a new object on each call', () => {
    const { conferenceSid } = calls[0]!
    function Unstable() {
      useSelector((state: StateWithConferences) => ({ workers: selectLiveWorkers(state, conferenceSid) }))
      return null
    }
    renderWithChecks(store, <Unstable />)
    expect(spies.warn).toHaveBeenCalledWith(expect.stringContaining('returned a different result'), expect.anything())
  })

  it('would warn about a selector that returns the root state', () => {
    function WholeState() {
      useSelector((state: StateWithConferences) => state)
      return null
    }
    renderWithChecks(store, <WholeState />)
    expect(spies.warn).toHaveBeenCalledWith(expect.stringContaining('returned the root state'), expect.anything())
  })
})

// @vitest-environment jsdom
/**
 * A supervisor's wall of 200 conferences, the render-count pattern of reselect's
 * computationComparisons test: a `React.memo` row per conference SID reads its own values through
 * the hooks, each render is pushed into an array, and one event must re-render only its row.
 */
import { act, cleanup, screen } from '@testing-library/react'
import { memo } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { shallowEqual, useSelector } from 'react-redux'
import {
  conferencesPruned,
  currentWorkerIdentified,
  eventsReceived,
  selectConferenceSids,
  selectIsCustomerOnHold,
  type StateWithConferences,
} from 'conference-state'
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import {
  useConferenceSids,
  useIsCustomerOnHold,
  useIsGroupCall,
  useIsMyselfOnHold,
  useLiveParticipantCount,
  useLiveWorkers,
} from 'conference-state/react'
import { fakeSid } from 'conference-state/testing'
import { createWallStore, dispatchCalls, latest, startedCalls, type StartedCall, type WallStore } from './calls'
import { renderWithChecks, spyOnConsole, type ConsoleSpies } from './harness'

const ROWS = 200

/** The SID of each row render, in order. */
let rowRenders: string[] = []
/** The SID list of each wall render. */
let wallRenders: Array<readonly string[]> = []

const ConferenceRow = memo(function ConferenceRow({ conferenceSid }: { conferenceSid: string }) {
  const live = useLiveParticipantCount(conferenceSid)
  const workers = useLiveWorkers(conferenceSid)
  const customerHeld = useIsCustomerOnHold(conferenceSid)
  const myselfHeld = useIsMyselfOnHold(conferenceSid)
  const group = useIsGroupCall(conferenceSid)
  rowRenders.push(conferenceSid)
  return (
    <li data-testid={conferenceSid}>
      {`${live} live; workers ${workers.map((leg) => leg.workerSid).join(' ')}`}
      {customerHeld && '; customer on hold'}
      {myselfHeld && '; me on hold'}
      {group && '; group call'}
    </li>
  )
})

function Wall() {
  const sids = useConferenceSids()
  wallRenders.push(sids)
  return (
    <ul>
      {sids.map((sid) => (
        <ConferenceRow key={sid} conferenceSid={sid} />
      ))}
    </ul>
  )
}

/** A wall filtered to conferences whose customer waits on hold: docs/react.md, "Filtering the wall". */
const selectHeldConferenceSids = (state: StateWithConferences) =>
  selectConferenceSids(state).filter((sid) => selectIsCustomerOnHold(state, sid))

function HeldWall() {
  const sids = useSelector(selectHeldConferenceSids, shallowEqual)
  wallRenders.push(sids)
  return (
    <ul>
      {sids.map((sid) => (
        <ConferenceRow key={sid} conferenceSid={sid} />
      ))}
    </ul>
  )
}

const rowText = (conferenceSid: string) => screen.getByTestId(conferenceSid).textContent

describe('a wall of 200 conference rows', () => {
  let store: WallStore
  let calls: StartedCall[]
  let spies: ConsoleSpies

  beforeEach(() => {
    spies = spyOnConsole()
    store = createWallStore()
    calls = startedCalls(ROWS)
    dispatchCalls(store, calls)
    store.dispatch(currentWorkerIdentified({ workerSid: calls[0]!.workerSid }))
    rowRenders = []
    wallRenders = []
    renderWithChecks(store, <Wall />)
  })

  afterEach(() => {
    cleanup()
    expect(spies.warn).not.toHaveBeenCalled()
    expect(spies.error).not.toHaveBeenCalled()
  })

  /** Forgets the renders so far, then dispatches inside `act`. */
  function dispatch(action: Parameters<WallStore['dispatch']>[0]) {
    rowRenders = []
    wallRenders = []
    act(() => {
      store.dispatch(action)
    })
  }

  it('mounts every row once and the list once', () => {
    expect(rowRenders).toHaveLength(ROWS)
    expect(new Set(rowRenders).size).toBe(ROWS)
    expect(wallRenders).toHaveLength(1)
    expect(rowText(calls[5]!.conferenceSid)).toBe(`2 live; workers ${calls[5]!.workerSid}`)
  })

  it('a hold re-renders only the row of its conference', () => {
    const { call, customer, conferenceSid } = calls[117]!
    call.hold(customer)
    dispatch(latest(call))
    expect(rowRenders).toEqual([conferenceSid])
    expect(wallRenders).toEqual([])
    expect(rowText(conferenceSid)).toContain('customer on hold')
  })

  it('my own hold re-renders my row only', () => {
    const { call, worker, conferenceSid } = calls[0]!
    call.hold(worker)
    dispatch(latest(call))
    expect(rowRenders).toEqual([conferenceSid])
    expect(rowText(conferenceSid)).toContain('me on hold')
  })

  it('events that change none of a row’s values re-render no row', () => {
    // The customer's mute and speech give the customer's leg a new view, but no count, worker
    // list or hold flag changes.
    const { call, customer } = calls[42]!
    call.mute(customer)
    call.speechStart(customer)
    dispatch(eventsReceived(call.actions().slice(-2)))
    expect(rowRenders).toEqual([])
    expect(wallRenders).toEqual([])
  })

  it('a leg joining re-renders its row, not the list', () => {
    const { call, conferenceSid } = calls[7]!
    const colleague = fakeSid('WK', 0xc011)
    call.join(`worker:${colleague}`)
    dispatch(latest(call))
    expect(rowRenders).toEqual([conferenceSid])
    expect(wallRenders).toEqual([])
    expect(rowText(conferenceSid)).toBe(`3 live; workers ${calls[7]!.workerSid} ${colleague}; group call`)
  })

  it('a batch re-renders each conference it touches once', () => {
    const touched = [calls[3]!, calls[99]!, calls[199]!]
    for (const { call, customer } of touched) call.hold(customer)
    dispatch(eventsReceived(touched.map(({ call }) => latest(call))))
    expect([...rowRenders].sort()).toEqual(touched.map(({ conferenceSid }) => conferenceSid).sort())
    expect(wallRenders).toEqual([])
  })

  it('a rejected event re-renders neither rows nor the list', () => {
    dispatch(fromTwilioStatusCallback('StatusCallbackEvent=participant-hold', { receivedAt: 0 }))
    expect(store.getState().conferences.rejected).toHaveLength(1)
    expect(rowRenders).toEqual([])
    expect(wallRenders).toEqual([])
  })

  it('a new conference re-renders the list once and mounts only its row', () => {
    const added = startedCalls(1, ROWS + 1)
    rowRenders = []
    wallRenders = []
    act(() => dispatchCalls(store, added))
    expect(wallRenders).toHaveLength(1)
    expect(wallRenders[0]).toHaveLength(ROWS + 1)
    expect(rowRenders).toEqual([added[0]!.conferenceSid])
  })

  it('an ended conference re-renders its row; pruning it re-renders the list and no other row', () => {
    const { call, customer, worker, conferenceSid } = calls[50]!
    call.leave(customer)
    call.leave(worker)
    call.end()
    dispatch(eventsReceived(call.actions().slice(-3)))
    expect(rowRenders).toEqual([conferenceSid])
    expect(rowText(conferenceSid)).toBe('0 live; workers ')

    dispatch(conferencesPruned({ now: call.now + 60 * 60 * 1000 }))
    expect(wallRenders).toHaveLength(1)
    expect(wallRenders[0]).toHaveLength(ROWS - 1)
    expect(rowRenders).toEqual([])
    expect(screen.queryByTestId(conferenceSid)).toBeNull()
  })

  it('a filtered wall (shallowEqual) re-renders only when its membership changes', () => {
    cleanup()
    rowRenders = []
    wallRenders = []
    renderWithChecks(store, <HeldWall />)
    expect(wallRenders).toEqual([[]])

    const { call, customer, conferenceSid } = calls[9]!
    call.hold(customer)
    dispatch(latest(call))
    expect(wallRenders).toEqual([[conferenceSid]])
    expect(rowRenders).toEqual([conferenceSid])

    const other = calls[10]!
    other.call.mute(other.customer)
    dispatch(latest(other.call))
    expect(wallRenders).toEqual([])
    expect(rowRenders).toEqual([])
  })
})

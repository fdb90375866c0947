// @vitest-environment jsdom
/**
 * One conference's components: each re-renders only when the value its hook returns changes.
 * The customer's mute gives the customer's leg a new view and leaves every other value, and so
 * every other component, alone.
 */
import { act, cleanup, screen } from '@testing-library/react'
import { memo } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { currentWorkerIdentified, selectConferenceView, type ConferenceParticipant } from 'conference-state'
import {
  useConferenceView,
  useIsMyselfMuted,
  useLiveParticipantCount,
  useLiveWorkerCount,
  useLiveWorkers,
  useMyParticipants,
  useParticipant,
  useParticipants,
  useRecentlyLeftParticipants,
} from 'conference-state/react'
import { fakeSid } from 'conference-state/testing'
import { createWallStore, dispatchCalls, latest, startedCalls, type StartedCall, type WallStore } from './calls'
import { renderWithChecks, spyOnConsole, type ConsoleSpies } from './harness'

/** Each render of each component, by component name. */
let renders: Record<string, unknown[]> = {}
const rendered = (name: string, value: unknown) => (renders[name] ??= []).push(value)

function LiveWorkers({ conferenceSid }: { conferenceSid: string }) {
  const workers = useLiveWorkers(conferenceSid)
  const count = useLiveWorkerCount(conferenceSid)
  rendered('LiveWorkers', workers)
  return <p data-testid="workers">{`${count}: ${workers.map((leg) => leg.workerSid).join(' ')}`}</p>
}

function LiveCount({ conferenceSid }: { conferenceSid: string }) {
  const count = useLiveParticipantCount(conferenceSid)
  rendered('LiveCount', count)
  return <p>{count}</p>
}

/** A row that selects its own leg by call SID. */
const ParticipantRow = memo(function ParticipantRow({ conferenceSid, callSid }: { conferenceSid: string; callSid: string }) {
  const leg = useParticipant(conferenceSid, callSid)
  rendered(`ParticipantRow ${callSid}`, leg)
  return <li data-testid={callSid}>{leg?.muted ? 'muted' : 'speaking freely'}</li>
})

function ParticipantList({ conferenceSid }: { conferenceSid: string }) {
  const participants = useParticipants(conferenceSid)
  rendered('ParticipantList', participants)
  return (
    <ul>
      {participants.map((leg) => (
        <ParticipantRow key={leg.callSid} conferenceSid={conferenceSid} callSid={leg.callSid} />
      ))}
    </ul>
  )
}

/** A row given its leg's view by the parent: memo holds because untouched legs keep their view object. */
const LegRow = memo(function LegRow({ participant }: { participant: ConferenceParticipant }) {
  rendered(`LegRow ${participant.callSid}`, participant)
  return <li>{participant.displayName ?? participant.callSid}</li>
})

function LegList({ conferenceSid }: { conferenceSid: string }) {
  const participants = useParticipants(conferenceSid)
  return (
    <ul>
      {participants.map((leg) => (
        <LegRow key={leg.callSid} participant={leg} />
      ))}
    </ul>
  )
}

function Header({ conferenceSid }: { conferenceSid: string }) {
  const view = useConferenceView(conferenceSid)
  rendered(`Header ${conferenceSid}`, view)
  return <h2>{view?.status}</h2>
}

function MyLegs({ conferenceSid }: { conferenceSid: string }) {
  const mine = useMyParticipants(conferenceSid)
  const muted = useIsMyselfMuted(conferenceSid)
  rendered('MyLegs', mine)
  return <p data-testid="me">{`${mine.length} legs${muted ? ', muted' : ''}`}</p>
}

function RecentlyLeft({ conferenceSid }: { conferenceSid: string }) {
  const gone = useRecentlyLeftParticipants(conferenceSid)
  rendered('RecentlyLeft', gone)
  return <p data-testid="gone">{gone.map((leg) => leg.callSid).join(' ')}</p>
}

describe('components of one conference', () => {
  let store: WallStore
  let spies: ConsoleSpies
  let a: StartedCall
  let b: StartedCall
  let colleagueLeg: string

  beforeEach(() => {
    spies = spyOnConsole()
    store = createWallStore()
    ;[a, b] = startedCalls(2) as [StartedCall, StartedCall]
    // A warm transfer in A: a colleague joins next to the customer and me.
    colleagueLeg = a.call.join(`worker:${fakeSid('WK', 0xc011)}`)
    dispatchCalls(store, [a, b])
    store.dispatch(currentWorkerIdentified({ workerSid: a.workerSid }))
    renders = {}
    renderWithChecks(
      store,
      <>
        <Header conferenceSid={a.conferenceSid} />
        <LiveCount conferenceSid={a.conferenceSid} />
        <LiveWorkers conferenceSid={a.conferenceSid} />
        <ParticipantList conferenceSid={a.conferenceSid} />
        <LegList conferenceSid={a.conferenceSid} />
        <MyLegs conferenceSid={a.conferenceSid} />
        <RecentlyLeft conferenceSid={a.conferenceSid} />
      </>,
    )
  })

  afterEach(() => {
    cleanup()
    expect(spies.warn).not.toHaveBeenCalled()
    expect(spies.error).not.toHaveBeenCalled()
  })

  /** Forgets the renders so far, then dispatches the scenario's latest callback inside `act`. */
  function dispatchLatest({ call }: StartedCall) {
    renders = {}
    act(() => {
      store.dispatch(latest(call))
    })
  }

  it('renders each component once on mount', () => {
    for (const [name, values] of Object.entries(renders)) expect(values, name).toHaveLength(1)
    expect(screen.getByTestId('workers').textContent).toBe(`2: ${a.workerSid} ${fakeSid('WK', 0xc011)}`)
  })

  it('a customer’s mute re-renders neither live workers nor the live count', () => {
    const workersBefore = renders.LiveWorkers![0]
    a.call.mute(a.customer)
    dispatchLatest(a)
    expect(renders.LiveWorkers).toBeUndefined()
    expect(renders.LiveCount).toBeUndefined()
    expect(selectConferenceView(store.getState(), a.conferenceSid)?.liveWorkers).toBe(workersBefore)
  })

  it('a participant row for an untouched leg does not re-render when another leg changes', () => {
    a.call.mute(a.customer)
    dispatchLatest(a)
    expect(renders.ParticipantList).toHaveLength(1)
    expect(renders[`ParticipantRow ${a.customer}`]).toHaveLength(1)
    expect(renders[`ParticipantRow ${a.worker}`]).toBeUndefined()
    expect(renders[`ParticipantRow ${colleagueLeg}`]).toBeUndefined()
    expect(screen.getByTestId(a.customer).textContent).toBe('muted')
  })

  it('memo rows given leg views by the parent re-render only for the changed leg', () => {
    a.call.hold(a.customer)
    dispatchLatest(a)
    expect(Object.keys(renders).filter((name) => name.startsWith('LegRow'))).toEqual([`LegRow ${a.customer}`])
  })

  it('a colleague leaving re-renders live workers, the recently-left list, not my legs', () => {
    a.call.leave(colleagueLeg)
    dispatchLatest(a)
    expect(renders.LiveWorkers).toHaveLength(1)
    expect(screen.getByTestId('workers').textContent).toBe(`1: ${a.workerSid}`)
    expect(renders.RecentlyLeft).toHaveLength(1)
    expect(screen.getByTestId('gone').textContent).toBe(colleagueLeg)
    expect(renders.MyLegs).toBeUndefined()
  })

  it('my mute re-renders my legs; the recently-left list keeps its empty array', () => {
    a.call.mute(a.worker)
    dispatchLatest(a)
    expect(renders.MyLegs).toHaveLength(1)
    expect(screen.getByTestId('me').textContent).toBe('1 legs, muted')
    expect(renders.RecentlyLeft).toBeUndefined()
  })

  it('an event in another conference re-renders nothing here', () => {
    b.call.hold(b.customer)
    b.call.join('customer')
    b.call.leave(b.worker)
    renders = {}
    act(() => {
      for (const action of b.call.actions().slice(-3)) store.dispatch(action)
    })
    expect(renders).toEqual({})
  })

  it('the conference view re-renders once per event in its conference', () => {
    a.call.speechStart(a.customer)
    dispatchLatest(a)
    expect(renders[`Header ${a.conferenceSid}`]).toHaveLength(1)
    expect(renders[`Header ${a.conferenceSid}`]![0]).toBe(selectConferenceView(store.getState(), a.conferenceSid))
  })
})

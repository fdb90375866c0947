/**
 * The Flex-compatible view (docs/architecture.md, "The Flex view") against the seed's `ConferencesState` reference
 * (`seeds/000_e4c3929de5ca12b0.txt`): every property it names, present and of the right type.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  conferenceSnapshotReceived,
  currentWorkerIdentified,
  eventsReceived,
  participantHeld,
  participantIdentified,
  participantJoined,
  participantLeft,
  participantMuted,
  recentlyLeftExpired,
  selectConferenceView,
  type ConferenceParticipant,
  type ConferenceView,
  type StateWithConferences,
} from 'conference-state'
import { createFlexConferencesStateSelector, selectFlexConferencesState } from 'conference-state/flex'
import { createCallScenario, createTestStore, fakeSid, type TestStore } from 'conference-state/testing'

const ME = fakeSid('WK', 1)
const COLLEAGUE = fakeSid('WK', 2)
const RESERVATION = fakeSid('WR', 1)
const QUEUE = fakeSid('WQ', 1)

type Check = (value: unknown) => boolean
const isString: Check = (value) => typeof value === 'string'
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value)
const isBoolean: Check = (value) => typeof value === 'boolean'
const isArray: Check = (value) => Array.isArray(value)
const oneOf = (...values: string[]): Check => (value) => typeof value === 'string' && values.includes(value)
const isObject: Check = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `ConferencesState.ParticipantStatus` of the seed. */
const SEED_PARTICIPANT_STATUSES = ['left', 'joined', 'recently_left']
/**
 * `ConferencesState.ParticipantType` of the seed (`worker | customer | transfer | supervisor | ""`).
 * Ours names the seed's empty string `unknown` and adds `external` (docs/architecture.md, "Events").
 */
const PARTICIPANT_TYPES = ['worker', 'customer', 'transfer', 'supervisor', 'external', 'unknown']
/**
 * The seed's `ConferenceStatus` block repeats the participant statuses (a copy error in the Flex
 * reference); docs/architecture.md defines the conference statuses.
 */
const CONFERENCE_STATUSES = ['setup', 'active', 'closed', 'failed']

/** Every property of the seed's `Conference` type. */
const CONFERENCE_PROPERTIES: Record<string, Check> = {
  sid: isString,
  status: oneOf(...CONFERENCE_STATUSES),
  conferenceSid: isString,
  participants: isArray,
  liveParticipantCount: isNumber,
  liveWorkerCount: isNumber,
  liveWorkers: isArray,
}

/** Every required property of the seed's `ConferenceParticipant` type. */
const PARTICIPANT_PROPERTIES: Record<string, Check> = {
  callSid: isString,
  isMyself: isBoolean,
  onHold: isBoolean,
  muted: isBoolean,
  connecting: isBoolean,
  status: oneOf(...SEED_PARTICIPANT_STATUSES),
  participantType: oneOf(...PARTICIPANT_TYPES),
  reservationSid: isString,
  workerSid: isString,
}
/**
 * Worker and reservation SIDs only exist for worker legs (TaskRouter knows both for every worker it
 * puts on a call): a customer has neither, and its view then omits them.
 */
const WORKER_ONLY = new Set(['reservationSid', 'workerSid'])
/** The seed's `<optional>` properties, checked when present. */
const OPTIONAL_PARTICIPANT_PROPERTIES: Record<string, Check> = {
  queue: isObject,
  worker: isObject,
}

function expectConferenceShape(view: ConferenceView | undefined) {
  expect(view).toBeDefined()
  const record = view as unknown as Record<string, unknown>
  for (const [name, check] of Object.entries(CONFERENCE_PROPERTIES)) {
    expect(record, `Conference.${name}`).toHaveProperty(name)
    expect(check(record[name]), `Conference.${name} = ${JSON.stringify(record[name])}`).toBe(true)
  }
  for (const list of ['participants', 'liveWorkers'] as const) {
    for (const participant of view?.[list] ?? []) expectParticipantShape(participant)
  }
}

function expectParticipantShape(participant: ConferenceParticipant) {
  const record = participant as unknown as Record<string, unknown>
  const where = (name: string) => `ConferenceParticipant(${participant.callSid}).${name} = ${JSON.stringify(record[name])}`
  for (const [name, check] of Object.entries(PARTICIPANT_PROPERTIES)) {
    if (WORKER_ONLY.has(name) && participant.participantType !== 'worker') {
      expect(record[name] === undefined || check(record[name]), where(name)).toBe(true)
      continue
    }
    expect(record, where(name)).toHaveProperty(name)
    expect(check(record[name]), where(name)).toBe(true)
  }
  for (const [name, check] of Object.entries(OPTIONAL_PARTICIPANT_PROPERTIES)) {
    if (record[name] !== undefined) expect(check(record[name]), where(name)).toBe(true)
  }
  // `worker` is the IWorker of the leg: present exactly when the worker SID is known.
  if (participant.workerSid === undefined) expect(participant.worker, where('worker')).toBeUndefined()
  else expect(participant.worker, where('worker')).toMatchObject({ sid: participant.workerSid })
}

let store: TestStore
let warn: MockInstance
let error: MockInstance

beforeEach(() => {
  store = createTestStore()
  warn = vi.spyOn(console, 'warn')
  error = vi.spyOn(console, 'error')
})

afterEach(() => {
  expect(warn).not.toHaveBeenCalled()
  expect(error).not.toHaveBeenCalled()
})

/** A Flex call: a customer, me and a colleague (with our reservations), a queue transfer, then I leave. */
function flexCall(id = 1) {
  const call = createCallScenario({ id })
  const customer = call.join('customer')
  const me = call.join(`worker:${ME}`)
  call.start()
  call.hold(customer)
  const colleague = call.join(`worker:${COLLEAGUE}`, { Muted: true })
  const transfer = call.join('transfer')
  call.leave(colleague)
  store.dispatch(currentWorkerIdentified({ workerSid: ME }))
  store.dispatch(eventsReceived(call.actions()))
  store.dispatch(
    participantIdentified(
      { conferenceSid: call.conferenceSid, callSid: me, identity: { reservationSid: RESERVATION, displayName: 'Ada' } },
      call.now,
    ),
  )
  store.dispatch(
    participantIdentified(
      { conferenceSid: call.conferenceSid, callSid: colleague, identity: { reservationSid: fakeSid('WR', 2) } },
      call.now,
    ),
  )
  store.dispatch(
    participantIdentified(
      { conferenceSid: call.conferenceSid, callSid: transfer, identity: { queueSid: QUEUE, queueName: 'Sales' } },
      call.now,
    ),
  )
  return { call, customer, me, colleague, transfer }
}

describe('selectConferenceView: the seed`s Conference shape', () => {
  it('has every Conference and ConferenceParticipant property, with the right type', () => {
    const { call } = flexCall()
    const view = selectConferenceView(store.getState(), call.conferenceSid)
    expectConferenceShape(view)
    expect(view?.participants).toHaveLength(4)
    expect(view?.liveWorkers).toHaveLength(1)
    // The optional properties were present, so their checks ran.
    expect(view?.participants.filter((leg) => leg.worker !== undefined)).toHaveLength(2)
    expect(view?.participants.filter((leg) => leg.queue !== undefined)).toHaveLength(1)
  })

  it('carries the values the events said', () => {
    const { call, customer, me, colleague, transfer } = flexCall()
    const view = selectConferenceView(store.getState(), call.conferenceSid)
    expect(view).toMatchObject({
      sid: call.taskSid,
      status: 'active',
      conferenceSid: call.conferenceSid,
      liveParticipantCount: 2, // customer and me; the transfer leg does not count
      liveWorkerCount: 1,
    })
    const byCallSid = new Map(view?.participants.map((leg) => [leg.callSid, leg]))
    expect(byCallSid.get(customer)).toMatchObject({ participantType: 'customer', onHold: true, isMyself: false, status: 'joined' })
    expect(byCallSid.get(customer)?.workerSid).toBeUndefined()
    expect(byCallSid.get(me)).toMatchObject({
      participantType: 'worker',
      isMyself: true,
      workerSid: ME,
      reservationSid: RESERVATION,
      worker: { sid: ME, fullName: 'Ada' },
      connecting: false,
    })
    expect(byCallSid.get(colleague)).toMatchObject({ muted: true, status: 'recently_left', worker: { sid: COLLEAGUE } })
    expect(byCallSid.get(transfer)).toMatchObject({ participantType: 'transfer', queue: { sid: QUEUE, name: 'Sales' } })
    expect(view?.liveWorkers[0]).toBe(byCallSid.get(me))
  })

  it('has the right types for a connecting leg and a leg of unknown type too', () => {
    const conferenceSid = fakeSid('CF', 2)
    store.dispatch(participantJoined({ conferenceSid, callSid: fakeSid('CA', 1), sequence: 1 }, 0))
    store.dispatch(
      conferenceSnapshotReceived(
        {
          conferenceSid,
          requestedAt: 0,
          source: 'test',
          participants: [
            { callSid: fakeSid('CA', 1), status: 'joined' },
            { callSid: fakeSid('CA', 2), status: 'connecting', identity: { participantType: 'worker', workerSid: ME, reservationSid: RESERVATION } },
          ],
        },
        1,
      ),
    )
    const view = selectConferenceView(store.getState(), conferenceSid)
    expectConferenceShape(view)
    expect(view?.participants.map((leg) => [leg.participantType, leg.connecting])).toEqual([
      ['unknown', false],
      ['worker', true],
    ])
  })

  it('is plain data: JSON round-trips it unchanged', () => {
    const { call } = flexCall()
    const view = selectConferenceView(store.getState(), call.conferenceSid)
    expect(JSON.parse(JSON.stringify(view))).toEqual(view)
  })

  it('sid is the task SID when known', () => {
    const { call } = flexCall()
    const view = selectConferenceView(store.getState(), call.conferenceSid)
    expect(view?.sid).toBe(call.taskSid)
    expect(view?.conferenceSid).toBe(call.conferenceSid)
  })

  it('sid is the conference SID until a task SID is known', () => {
    const conferenceSid = fakeSid('CF', 3)
    const taskSid = fakeSid('WT', 3)
    store.dispatch(participantJoined({ conferenceSid, callSid: fakeSid('CA', 1), sequence: 1, friendlyName: 'room-1' }, 0))
    expect(selectConferenceView(store.getState(), conferenceSid)?.sid).toBe(conferenceSid)
    store.dispatch(participantHeld({ conferenceSid, callSid: fakeSid('CA', 1), sequence: 2, taskSid }, 0))
    expect(selectConferenceView(store.getState(), conferenceSid)?.sid).toBe(taskSid)
  })

  it('includes departed participants, recently left and left, in join order', () => {
    const { call, customer, me, colleague, transfer } = flexCall()
    const sid = call.conferenceSid
    store.dispatch(participantLeft({ conferenceSid: sid, callSid: customer, sequence: 100 }, call.now + 1))
    store.dispatch(recentlyLeftExpired({ now: call.now + 5_000 }))
    const view = selectConferenceView(store.getState(), sid)
    expect(view?.participants.map((leg) => [leg.callSid, leg.status])).toEqual([
      [customer, 'recently_left'],
      [me, 'joined'],
      [colleague, 'left'],
      [transfer, 'joined'],
    ])
    expectConferenceShape(view)
  })
})

describe('selectFlexConferencesState', () => {
  function twoCalls() {
    const first = flexCall(1)
    const second = flexCall(2)
    return { first, second }
  }

  it('derives `states`: a Map keyed by conference SID with { source } values', () => {
    const { first, second } = twoCalls()
    const state = store.getState()
    const { states } = selectFlexConferencesState(state)
    expect(states).toBeInstanceOf(Map)
    expect([...states.keys()]).toEqual([first.call.conferenceSid, second.call.conferenceSid])
    for (const [sid, value] of states) {
      expect(Object.keys(value)).toEqual(['source'])
      expect(value.source.conferenceSid).toBe(sid)
      expect(value.source).toEqual(selectConferenceView(state, sid))
      expectConferenceShape(value.source)
    }
  })

  it('is never stored: the slice state holds no Map', () => {
    twoCalls()
    selectFlexConferencesState(store.getState())
    const hasMap = (value: unknown): boolean =>
      value instanceof Map || (typeof value === 'object' && value !== null && Object.values(value).some(hasMap))
    expect(hasMap(store.getState())).toBe(false)
  })

  it('is empty for an empty slice', () => {
    expect(selectFlexConferencesState(store.getState()).states.size).toBe(0)
  })

  it('createFlexConferencesStateSelector(…, { keyBy: "taskSid" }) keys by task SID, else conference SID', () => {
    const { first, second } = twoCalls()
    const noTask = fakeSid('CF', 9)
    store.dispatch(participantJoined({ conferenceSid: noTask, callSid: fakeSid('CA', 9), sequence: 1 }, 0))
    const selectByTask = createFlexConferencesStateSelector((state: StateWithConferences) => state.conferences, {
      keyBy: 'taskSid',
    })
    const { states } = selectByTask(store.getState())
    expect([...states.keys()]).toEqual([first.call.taskSid, second.call.taskSid, noTask])
    expect(states.get(first.call.taskSid)?.source.conferenceSid).toBe(first.call.conferenceSid)
    expect(states.get(first.call.conferenceSid)).toBeUndefined()
  })

  it('returns the same object for the same state', () => {
    twoCalls()
    const state = store.getState()
    expect(selectFlexConferencesState(state)).toBe(selectFlexConferencesState(state))
  })

  it('rebuilds the Map after an event, keeping unchanged conferences` source objects identical', () => {
    const { first, second } = twoCalls()
    const before = selectFlexConferencesState(store.getState())
    const untouched = before.states.get(first.call.conferenceSid)?.source
    const touched = before.states.get(second.call.conferenceSid)?.source

    store.dispatch(participantHeld({ conferenceSid: second.call.conferenceSid, callSid: second.me, sequence: 100 }, 0))
    const after = selectFlexConferencesState(store.getState())

    expect(after).not.toBe(before)
    expect(after.states).not.toBe(before.states)
    expect(untouched).toBeDefined()
    expect(after.states.get(first.call.conferenceSid)?.source).toBe(untouched)
    expect(after.states.get(second.call.conferenceSid)?.source).not.toBe(touched)
    expect(after.states.get(second.call.conferenceSid)?.source.participants[1]?.onHold).toBe(true)
    // The legs the hold did not touch keep their view objects too.
    expect(after.states.get(second.call.conferenceSid)?.source.participants[0]).toBe(touched?.participants[0])
  })

  it("keeps a conference's liveWorkers identical when only its customer changes", () => {
    const { first } = twoCalls()
    const sid = first.call.conferenceSid
    const before = selectFlexConferencesState(store.getState()).states.get(sid)?.source
    store.dispatch(participantMuted({ conferenceSid: sid, callSid: first.customer, sequence: 100 }, 0))
    const after = selectFlexConferencesState(store.getState()).states.get(sid)?.source
    expect(after).not.toBe(before)
    expect(after?.liveWorkers).toBe(before?.liveWorkers)
  })
})

import { describe, expect, it } from 'vitest'
import {
  conferencesReducer,
  conferenceSnapshotReceived,
  createConferenceSelectors,
  currentWorkerIdentified,
  participantHeld,
  participantIdentified,
  participantJoined,
  participantModified,
  type ConferenceEvent,
  type ConferencesState,
  type ParticipantIdentity,
} from 'conference-state'
import { comparableState, fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)
const WK = fakeSid('WK', 1)
const slice = createConferenceSelectors((state: ConferencesState) => state)
const apply = (events: ReadonlyArray<{ type: string }>) =>
  events.reduce<ConferencesState>((state, event) => conferencesReducer(state, event as ConferenceEvent), conferencesReducer(undefined, { type: 'init' }))
const identify = (identity: unknown, sequence?: number) =>
  participantIdentified({ conferenceSid: CF, callSid: CA, identity: identity as ParticipantIdentity, ...(sequence === undefined ? {} : { sequence }) }, 10)

describe('identity is a closed set of validated registers', () => {
  it.each([
    ['a record field', { status: 'left', callSid: CA }, 'identity.status'],
    ['versions', { versions: 'abc' }, 'identity.versions'],
    ['a prototype name', JSON.parse('{"constructor": "x"}'), 'identity.constructor'],
    ['__proto__', JSON.parse('{"__proto__": {"polluted": true}}'), 'identity.__proto__'],
    ['a worker SID without its prefix', { workerSid: fakeSid('XX', 1) }, 'identity.workerSid'],
    ['a coached leg that is not a key', { callSidToCoach: 'CA 1; DROP' }, 'identity.callSidToCoach'],
    ['a monitored leg that is a prototype name', { monitoredCallSid: '__proto__' }, 'identity.monitoredCallSid'],
    ['a 1 MB display name', { displayName: 'x'.repeat(1 << 20) }, 'identity.displayName'],
    ['an unknown participant type', { participantType: 'boss' }, 'identity.participantType'],
  ])('refuses %s by name and changes nothing', (_name, identity, field) => {
    const joined = apply([participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 5)])
    const state = conferencesReducer(joined, identify(identity))
    expect(state.table).toBe(joined.table)
    expect(slice.selectRejectedEvents(state).at(-1)?.field).toBe(field)
    expect(JSON.stringify(slice.selectRejectedEvents(state)).length).toBeLessThan(2_000)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses a snapshot leg with an unknown identity key, naming it', () => {
    const state = apply([
      conferenceSnapshotReceived(
        { conferenceSid: CF, requestedAt: 0, source: 'test', participants: [{ callSid: CA, status: 'joined', identity: { nickname: 'x' } as ParticipantIdentity }] },
        1,
      ),
    ])
    expect(slice.selectRejectedEvents(state).at(-1)?.field).toBe('participants[0].identity.nickname')
  })

  it('a status callback and the Flex event it mirrors give the same leg in either order', () => {
    const callback = participantModified({ conferenceSid: CF, callSid: CA, sequence: 4, identity: { participantType: 'worker', label: 'worker' } }, 10)
    const flex = participantModified(
      { conferenceSid: CF, callSid: CA, sequence: 4, identity: { participantType: 'worker', workerSid: WK, label: `worker:${WK}`, displayName: 'Ada' } },
      11,
    )
    const me = currentWorkerIdentified({ workerSid: WK })
    const callbackFirst = apply([me, callback, flex])
    const flexFirst = apply([me, flex, callback])
    expect(comparableState(callbackFirst)).toEqual(comparableState(flexFirst))
    expect(slice.selectParticipant(callbackFirst, CF, CA)).toMatchObject({ isMyself: true, workerSid: WK, displayName: 'Ada' })
  })

  it('each identity field is its own register: a source that does not know one never erases it', () => {
    const state = apply([
      identify({ participantType: 'supervisor', workerSid: WK, callSidToCoach: fakeSid('CA', 2) }, 3),
      identify({ participantType: 'worker' }, 1),
      participantHeld({ conferenceSid: CF, callSid: CA, sequence: 5, identity: { label: 'supervisor' } }, 20),
      // The view names whom a supervisor whispers to only while it coaches.
      participantModified({ conferenceSid: CF, callSid: CA, sequence: 6, flags: { coaching: true } }, 21),
    ])
    expect(slice.selectParticipant(state, CF, CA)).toMatchObject({
      participantType: 'supervisor',
      workerSid: WK,
      label: 'supervisor',
    })
    // The view shows whom the leg whispers to only while it coaches; the register is kept.
    expect(slice.selectParticipant(state, CF, CA)?.callSidToCoach).toBe(fakeSid('CA', 2))
    const stopped = conferencesReducer(state, participantModified({ conferenceSid: CF, callSid: CA, sequence: 7, flags: { coaching: false } }, 22))
    expect(slice.selectConferenceRecord(stopped, CF)?.participants.find((leg) => leg.callSid === CA)?.callSidToCoach).toBe(fakeSid('CA', 2))
    expect(slice.selectParticipant(stopped, CF, CA)?.callSidToCoach).toBeUndefined()
  })
})

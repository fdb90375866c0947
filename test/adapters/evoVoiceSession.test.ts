import { describe, expect, it, test, vi } from 'vitest'
import {
  conferenceSnapshotReceived,
  currentWorkerIdentified,
  eventRejected,
  participantJoined,
  selectConferenceRecord,
  selectConferenceSids,
  selectIsCustomerOnHold,
  selectIsMyselfMuted,
  selectIsMyselfOnHold,
  selectMyParticipants,
  selectParticipant,
  selectRejectedEvents,
  type ConferenceEvent,
  type ConferenceSnapshotPayload,
  type EventRejectedPayload,
} from 'conference-state'
import {
  EVO_VOICE_SESSION,
  fromEvoVoiceSession,
  type EvoVoiceSessionInfo,
  type EvoVoiceSessionInput,
  type EvoVoiceSessionOptions,
} from 'conference-state/evo-voice'
import { createTestStore } from 'conference-state/testing'
import {
  conferenceWithTransfer,
  endedConference,
  EVO_CALL,
  SEED_SAMPLE_BODY,
  seedSample,
  twoPartyCall,
} from '../fixtures/evoVoiceSessions'

const requestedAt = 1_715_699_000_000
const receivedAt = requestedAt + 250

const read = (session: EvoVoiceSessionInput, options: EvoVoiceSessionOptions = {}) =>
  fromEvoVoiceSession(session, requestedAt, { receivedAt, ...options })

/** Feeds the adapter what a careless or hostile caller might: the types do not allow it. */
const readUntyped = (session: unknown, options: EvoVoiceSessionOptions = {}) => read(session as EvoVoiceSessionInput, options)

const snapshotOf = (action: ConferenceEvent): ConferenceSnapshotPayload => {
  if (!conferenceSnapshotReceived.match(action)) throw new Error(`expected a snapshot, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

const rejectionOf = (action: ConferenceEvent): EventRejectedPayload => {
  if (!eventRejected.match(action)) throw new Error(`expected a rejection, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

const withMember = (fields: Record<string, unknown>): EvoVoiceSessionInfo => ({
  ...conferenceWithTransfer,
  members: [{ ...conferenceWithTransfer.members![0], ...fields }],
})

const me: EvoVoiceSessionOptions = { myIdentity: EVO_CALL.agentIdentity, currentWorkerSid: EVO_CALL.workerSid }

describe('fromEvoVoiceSession', () => {
  it('turns a conference with a held caller, a muted agent and a ringing transfer into a snapshot', () => {
    expect(read(conferenceWithTransfer)).toStrictEqual({
      type: 'conferences/conferenceSnapshotReceived',
      payload: {
        conferenceSid: EVO_CALL.conferenceSid,
        requestedAt,
        source: EVO_VOICE_SESSION,
        status: 'active',
        participants: [
          {
            callSid: EVO_CALL.callerCallSid,
            status: 'joined',
            flags: { onHold: true, muted: false },
            identity: { participantType: 'customer', displayName: 'Caller', identity: '+15551230000' },
          },
          {
            callSid: EVO_CALL.agentCallSid,
            status: 'joined',
            flags: { onHold: false, muted: true },
            identity: { participantType: 'worker', displayName: 'Ada', identity: EVO_CALL.agentIdentity, endpointId: EVO_CALL.agentEndpointId },
          },
          {
            callSid: EVO_CALL.transferCallSid,
            status: 'connecting',
            flags: { onHold: false, muted: false },
            identity: { participantType: 'transfer', displayName: 'Bob', endpointId: EVO_CALL.transferEndpointId },
          },
        ],
      },
      meta: { receivedAt },
    })
  })

  test.each([
    ['Agent', 'worker'],
    ['Caller', 'customer'],
    ['Transfer', 'transfer'],
    ['None', 'unknown'],
    [undefined, 'unknown'],
  ])('role %s → participantType %s', (role, participantType) => {
    const [leg] = snapshotOf(read(withMember({ role }))).participants
    expect(leg!.identity?.participantType).toBe(participantType)
  })

  test.each([
    ['Connected', 'joined', false],
    ['Ringing', 'connecting', false],
    ['Hold', 'joined', true],
    ['None', 'left', false],
  ])('member callState %s → %s, onHold %s', (callState, status, onHold) => {
    const [leg] = snapshotOf(read(withMember({ callState }))).participants
    expect(leg!.status).toBe(status)
    expect(leg!.flags?.onHold).toBe(onHold)
  })

  test.each<[Partial<EvoVoiceSessionInfo>, string]>([
    [{}, 'active'],
    [{ callState: 'Hold' }, 'active'],
    [{ callState: 'Disconnected' }, 'closed'],
    [{ ended: true }, 'closed'],
  ])('session %j → conference %s', (fields, status) => {
    expect(snapshotOf(read({ ...conferenceWithTransfer, ...fields })).status).toBe(status)
  })

  it('keys a two-party call that is not yet a conference by its callSid', () => {
    expect(snapshotOf(read(twoPartyCall)).conferenceSid).toBe(EVO_CALL.sessionCallSid)
    expect(snapshotOf(read({ ...twoPartyCall, conferenceSid: '' })).conferenceSid).toBe(EVO_CALL.sessionCallSid)
    expect(snapshotOf(read({ ...twoPartyCall, conferenceSid: null })).conferenceSid).toBe(EVO_CALL.sessionCallSid)
  })

  it('reads a session without members as a snapshot with no legs', () => {
    expect(snapshotOf(read({ ...conferenceWithTransfer, members: undefined })).participants).toStrictEqual([])
    expect(snapshotOf(read({ ...conferenceWithTransfer, members: null })).participants).toStrictEqual([])
  })

  it('accepts the JSON text, whatever Content-Type it came with', () => {
    expect(read(JSON.stringify(conferenceWithTransfer))).toStrictEqual(read(conferenceWithTransfer))
  })

  describe('me', () => {
    it('gives the member matching myIdentity or myEndpointId the current worker SID', () => {
      const byIdentity = snapshotOf(read(conferenceWithTransfer, me)).participants
      expect(byIdentity.map((leg) => leg.identity?.workerSid)).toStrictEqual([undefined, EVO_CALL.workerSid, undefined])
      const byEndpoint = snapshotOf(read(conferenceWithTransfer, { myEndpointId: EVO_CALL.agentEndpointId, currentWorkerSid: EVO_CALL.workerSid })).participants
      expect(byEndpoint.map((leg) => leg.identity?.workerSid)).toStrictEqual([undefined, EVO_CALL.workerSid, undefined])
    })

    it('marks no one without currentWorkerSid; workerSidFor names the others', () => {
      const unmarked = snapshotOf(read(conferenceWithTransfer, { myIdentity: EVO_CALL.agentIdentity })).participants
      expect(unmarked.every((leg) => leg.identity?.workerSid === undefined)).toBe(true)
      const workerSidFor = vi.fn((member: { endpointId?: string }) => (member.endpointId === EVO_CALL.transferEndpointId ? 'WKb0b' : undefined))
      const named = snapshotOf(read(conferenceWithTransfer, { ...me, workerSidFor })).participants
      expect(named.map((leg) => leg.identity?.workerSid)).toStrictEqual([undefined, EVO_CALL.workerSid, 'WKb0b'])
      expect(workerSidFor).toHaveBeenCalledTimes(2)
      expect(workerSidFor).toHaveBeenCalledWith(expect.objectContaining({ callSid: EVO_CALL.transferCallSid, role: 'Transfer', callState: 'Ringing' }))
    })

    it('makes selectIsMyselfOnHold and selectMyParticipants work after currentWorkerIdentified', () => {
      const store = createTestStore()
      store.dispatch(currentWorkerIdentified({ workerSid: EVO_CALL.workerSid }))
      store.dispatch(read(withMember({ ...conferenceWithTransfer.members![1], callState: 'Hold' }), me))
      const state = store.getState()
      expect(selectMyParticipants(state, EVO_CALL.conferenceSid).map((leg) => leg.callSid)).toStrictEqual([EVO_CALL.agentCallSid])
      expect(selectIsMyselfOnHold(state, EVO_CALL.conferenceSid)).toBe(true)
      expect(selectIsMyselfMuted(state, EVO_CALL.conferenceSid)).toBe(true)
    })
  })

  describe('the seed sample (every value "String")', () => {
    it('is a clean rejection, as text and as parsed JSON, never a throw', () => {
      for (const sample of [SEED_SAMPLE_BODY, seedSample]) {
        const rejection = rejectionOf(read(sample))
        expect(rejection).toMatchObject({ source: EVO_VOICE_SESSION, field: 'callSid' })
        expect(rejection.reason).toMatch(/Twilio SID/)
        expect(rejection.summary.length).toBeLessThanOrEqual(200)
      }
    })

    it('with real SIDs in place of the placeholders, reads its None/None member as a left unknown', () => {
      const real = {
        ...seedSample,
        callSid: EVO_CALL.sessionCallSid,
        conferenceSid: EVO_CALL.conferenceSid,
        members: [{ ...seedSample.members![0], callSid: EVO_CALL.agentCallSid }],
      }
      const snapshot = snapshotOf(read(real))
      expect(snapshot.status).toBe('closed')
      expect(snapshot.participants).toStrictEqual([
        {
          callSid: EVO_CALL.agentCallSid,
          status: 'left',
          flags: { onHold: false, muted: false },
          identity: { participantType: 'unknown', displayName: 'String', identity: 'String', endpointId: 'String' },
        },
      ])
    })
  })

  describe('rejections name the field', () => {
    test.each<[string, unknown, string, RegExp]>([
      ['a member without callSid', withMember({ callSid: undefined }), 'members[0].callSid', /is required/],
      ['a member with null callSid', withMember({ callSid: null }), 'members[0].callSid', /is required/],
      ['__proto__ as a member callSid', withMember({ callSid: '__proto__' }), 'members[0].callSid', /Twilio SID/],
      ['an unknown member callState', withMember({ callState: 'Passive' }), 'members[0].callState', /must be one of/],
      ['a missing member callState', withMember({ callState: undefined }), 'members[0].callState', /is required/],
      ['an unknown role', withMember({ role: 'Supervisor' }), 'members[0].role', /must be one of/],
      ['a string muted', withMember({ muted: 'false' }), 'members[0].muted', /boolean/],
      ['a numeric displayName', withMember({ displayName: 5 }), 'members[0].displayName', /string/],
      ['an oversized displayName', withMember({ displayName: 'x'.repeat(513) }), 'members[0].displayName', /at most 512/],
      ['a member that is not an object', { ...conferenceWithTransfer, members: ['x'] }, 'members[0]', /object/],
      ['members that are not an array', { ...conferenceWithTransfer, members: {} }, 'members', /array/],
      ['a bad conferenceSid', { ...conferenceWithTransfer, conferenceSid: '__proto__' }, 'conferenceSid', /Twilio SID/],
      ['an unknown session callState', { ...conferenceWithTransfer, callState: 'Gone' }, 'callState', /must be one of/],
      ['a string ended', { ...conferenceWithTransfer, ended: 'true' }, 'ended', /boolean/],
      ['no conferenceSid and no callSid', { ...twoPartyCall, callSid: undefined }, 'conferenceSid', /is required/],
      [
        'a member listed twice, held as the caller and muted as an agent',
        { ...conferenceWithTransfer, members: [conferenceWithTransfer.members![0], { ...conferenceWithTransfer.members![0], role: 'Agent', callState: 'None', muted: true }] },
        'members[1].callSid',
        /is listed twice \(first at index 0\)/,
      ],
    ])('%s', (_name, session, field, reason) => {
      const rejection = rejectionOf(readUntyped(session))
      expect(rejection.source).toBe(EVO_VOICE_SESSION)
      expect(rejection.field).toBe(field)
      expect(rejection.reason).toMatch(reason)
    })

    it('more than 250 members', () => {
      const members = Array.from({ length: 251 }, (_, index) => ({ callSid: `CA${index.toString(16).padStart(32, '0')}`, callState: 'Connected' }))
      expect(rejectionOf(readUntyped({ ...conferenceWithTransfer, members }))).toMatchObject({ field: 'members', reason: expect.stringMatching(/at most 250/) as unknown })
    })

    test.each<[string, unknown]>([
      ['bad JSON', '{"members": ['],
      ['JSON that is not an object', '[1, 2]'],
      ['a number', 42],
      ['null', null],
      ['an oversized body', ' '.repeat(1_048_577)],
    ])('%s', (_name, session) => {
      const rejection = rejectionOf(readUntyped(session))
      expect(rejection.source).toBe(EVO_VOICE_SESSION)
      expect(rejection.summary.length).toBeLessThanOrEqual(200)
    })

    it('a workerSidFor that throws, or returns what the reducer would refuse', () => {
      const throwing = rejectionOf(read(conferenceWithTransfer, { workerSidFor: () => { throw new Error('directory down') } }))
      expect(throwing).toMatchObject({ field: 'members[0]', reason: expect.stringMatching(/directory down/) as unknown })
      const polluting = rejectionOf(read(conferenceWithTransfer, { workerSidFor: () => '__proto__' }))
      expect(polluting.field).toBe('members[0].identity.workerSid')
    })

    it('a requestedAt that is not a number', () => {
      expect(rejectionOf(fromEvoVoiceSession(conferenceWithTransfer, Number.POSITIVE_INFINITY)).field).toBe('requestedAt')
    })
  })

  it('never throws on a throwing getter', () => {
    const session = { ...conferenceWithTransfer }
    Object.defineProperty(session, 'members', { enumerable: true, get: () => { throw new Error('getter') } })
    expect(rejectionOf(readUntyped(session)).reason).toMatch(/could not be read: getter/)
    const member = Object.defineProperty({ callState: 'Connected' }, 'callSid', { enumerable: true, get: () => { throw 'raw' } })
    expect(rejectionOf(readUntyped({ ...conferenceWithTransfer, members: [member] })).reason).toMatch(/could not be read: raw/)
  })

  describe('dispatched into a store', () => {
    it('applies the session silently, and a later poll closes it', () => {
      const warn = vi.spyOn(console, 'warn')
      const error = vi.spyOn(console, 'error')
      const store = createTestStore()
      store.dispatch(read(conferenceWithTransfer))
      let state = store.getState()
      expect(selectConferenceRecord(state, EVO_CALL.conferenceSid)?.status).toBe('active')
      expect(selectIsCustomerOnHold(state, EVO_CALL.conferenceSid)).toBe(true)
      expect(selectParticipant(state, EVO_CALL.conferenceSid, EVO_CALL.transferCallSid)).toMatchObject({ connecting: true, participantType: 'transfer' })
      store.dispatch(fromEvoVoiceSession(endedConference, requestedAt + 10_000, { receivedAt: requestedAt + 10_200 }))
      state = store.getState()
      expect(selectConferenceRecord(state, EVO_CALL.conferenceSid)?.status).toBe('closed')
      expect(selectParticipant(state, EVO_CALL.conferenceSid, EVO_CALL.agentCallSid)?.status).not.toBe('joined')
      expect(selectRejectedEvents(state)).toStrictEqual([])
      expect(warn).not.toHaveBeenCalled()
      expect(error).not.toHaveBeenCalled()
    })

    it('does not undo a join received after requestedAt', () => {
      const store = createTestStore()
      store.dispatch(participantJoined({ conferenceSid: EVO_CALL.conferenceSid, callSid: EVO_CALL.transferCallSid }, requestedAt + 100))
      store.dispatch(read(withMember({})))
      expect(selectParticipant(store.getState(), EVO_CALL.conferenceSid, EVO_CALL.transferCallSid)?.status).toBe('joined')
    })

    it('records the seed sample as a rejection and changes nothing', () => {
      const store = createTestStore()
      store.dispatch(read(SEED_SAMPLE_BODY))
      expect(selectConferenceSids(store.getState())).toStrictEqual([])
      expect(selectRejectedEvents(store.getState())).toHaveLength(1)
    })
  })
})

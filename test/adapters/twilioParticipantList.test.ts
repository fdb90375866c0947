import { describe, expect, it, test, vi } from 'vitest'
import {
  conferenceSnapshotReceived,
  eventRejected,
  participantUnheld,
  participantJoined,
  selectConferenceSids,
  selectParticipant,
  selectRejectedEvents,
  type ConferenceEvent,
  type ConferenceSnapshotPayload,
  type EventRejectedPayload,
} from 'conference-state'
import {
  fromTwilioParticipantList,
  TWILIO_PARTICIPANT_LIST,
  type TwilioParticipantListInput,
  type TwilioParticipantListOptions,
  type TwilioParticipantStatus,
} from 'conference-state/twilio'
import { createTestStore } from 'conference-state/testing'
import { LIST_CALL, participantResource, threeLegs, threeLegsPage } from '../fixtures/twilioParticipants'

const requestedAt = 1_715_699_000_000
const receivedAt = requestedAt + 300

const read = (participants: TwilioParticipantListInput, options: TwilioParticipantListOptions = {}) =>
  fromTwilioParticipantList(LIST_CALL.conferenceSid, participants, requestedAt, { receivedAt, ...options })

/** Feeds the adapter what a careless or hostile caller might: the types do not allow it. */
const readUntyped = (participants: unknown, conferenceSid: unknown = LIST_CALL.conferenceSid) =>
  fromTwilioParticipantList(conferenceSid as string, participants as TwilioParticipantListInput, requestedAt, { receivedAt })

const snapshotOf = (action: ConferenceEvent): ConferenceSnapshotPayload => {
  if (!conferenceSnapshotReceived.match(action)) throw new Error(`expected a snapshot, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

const rejectionOf = (action: ConferenceEvent): EventRejectedPayload => {
  if (!eventRejected.match(action)) throw new Error(`expected a rejection, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

const customer = (status: TwilioParticipantStatus, fields = {}) => participantResource(LIST_CALL.customerCallSid, status, fields)

describe('fromTwilioParticipantList', () => {
  it('turns the three-leg list into a snapshot with flags and classified labels', () => {
    expect(read(threeLegs)).toStrictEqual({
      type: 'conferences/conferenceSnapshotReceived',
      payload: {
        conferenceSid: LIST_CALL.conferenceSid,
        requestedAt,
        source: TWILIO_PARTICIPANT_LIST,
        participants: [
          {
            callSid: LIST_CALL.customerCallSid,
            status: 'joined',
            flags: { muted: false, onHold: true, coaching: false, startConferenceOnEnter: true, endConferenceOnExit: false },
            identity: { participantType: 'customer', label: 'customer' },
          },
          {
            callSid: LIST_CALL.workerCallSid,
            status: 'joined',
            flags: { muted: true, onHold: false, coaching: false, startConferenceOnEnter: true, endConferenceOnExit: true },
            identity: { participantType: 'worker', label: `worker:${LIST_CALL.workerSid}`, workerSid: LIST_CALL.workerSid },
          },
          {
            callSid: LIST_CALL.supervisorCallSid,
            status: 'joined',
            flags: { muted: true, onHold: false, coaching: true, startConferenceOnEnter: false, endConferenceOnExit: false },
            identity: {
              participantType: 'supervisor',
              label: `supervisor:${LIST_CALL.supervisorWorkerSid}:2`,
              workerSid: LIST_CALL.supervisorWorkerSid,
              callSidToCoach: LIST_CALL.workerCallSid,
            },
          },
        ],
      },
      meta: { receivedAt },
    })
  })

  it('reads the whole page object the same as its participants array', () => {
    expect(read(threeLegsPage)).toStrictEqual(read(threeLegs))
  })

  it('reads an empty list as a snapshot with no legs', () => {
    expect(snapshotOf(read([])).participants).toStrictEqual([])
    expect(snapshotOf(read({ participants: [] })).participants).toStrictEqual([])
  })

  test.each<[TwilioParticipantStatus, string]>([
    ['queued', 'connecting'],
    ['connecting', 'connecting'],
    ['ringing', 'connecting'],
    ['connected', 'joined'],
    ['complete', 'left'],
    ['failed', 'left'],
  ])('status %s lists the leg as %s', (status, expected) => {
    expect(snapshotOf(read([customer(status)])).participants[0]!.status).toBe(expected)
  })

  it('sets no identity when there is no label, and a custom classifier reads labels', () => {
    expect(snapshotOf(read([customer('connected')])).participants[0]).not.toHaveProperty('identity')
    const classifyParticipant = vi.fn(() => ({ participantType: 'external' as const, displayName: 'Pat' }))
    const [leg] = snapshotOf(read([customer('connected', { label: 'pat' })], { classifyParticipant })).participants
    expect(classifyParticipant).toHaveBeenCalledWith('pat')
    expect(leg!.identity).toStrictEqual({ participantType: 'external', displayName: 'Pat' })
  })

  it('keeps only the flags that were sent', () => {
    const { muted: _m, hold: _h, coaching: _c, start_conference_on_enter: _s, end_conference_on_exit: _e, ...bare } = customer('connected')
    expect(snapshotOf(readUntyped([bare])).participants[0]!.flags).toStrictEqual({})
  })

  it('defaults meta.receivedAt to now', () => {
    const before = Date.now()
    const action = fromTwilioParticipantList(LIST_CALL.conferenceSid, threeLegs, requestedAt)
    expect(action.meta.receivedAt).toBeGreaterThanOrEqual(before)
  })

  describe('rejections name the field', () => {
    test.each<[string, unknown, string, RegExp]>([
      ['a bad call_sid', [customer('connected', { call_sid: 'CA123' })], 'participants[0].call_sid', /Twilio SID/],
      ['__proto__ as call_sid', [customer('connected', { call_sid: '__proto__' })], 'participants[0].call_sid', /Twilio SID/],
      ['a missing call_sid', [{ status: 'connected' }], 'participants[0].call_sid', /is required/],
      ['a string muted', [customer('connected', { muted: 'true' as unknown as boolean })], 'participants[0].muted', /boolean/],
      ['a numeric hold', [customer('connected', { hold: 1 as unknown as boolean })], 'participants[0].hold', /boolean/],
      ['an unknown status', [customer('in-progress' as TwilioParticipantStatus)], 'participants[0].status', /must be one of queued/],
      ['a numeric label', [customer('connected', { label: 7 as unknown as string })], 'participants[0].label', /string/],
      ['a bad call_sid_to_coach', [customer('connected', { call_sid_to_coach: 'nope' })], 'participants[0].call_sid_to_coach', /Twilio SID/],
      ['another conference_sid', [customer('connected', { conference_sid: LIST_CALL.otherConferenceSid })], 'participants[0].conference_sid', /listed conference/],
      ['a leg listed twice', [customer('connected'), customer('ringing')], 'participants[1].call_sid', /twice/],
      ['a leg that is not an object', [customer('connected'), 'CA0f1e2d3c4b5a69788796a5b4c3d2e1f0'], 'participants[1]', /object/],
      ['a non-array', 'CA0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'participants', /array/],
      ['null', null, 'participants', /array/],
      ['a page without an array', { participants: { 0: customer('connected') } }, 'participants', /array/],
    ])('%s', (_name, participants, field, reason) => {
      const rejection = rejectionOf(readUntyped(participants))
      expect(rejection.source).toBe(TWILIO_PARTICIPANT_LIST)
      expect(rejection.field).toBe(field)
      expect(rejection.reason).toMatch(reason)
      expect(rejection.reason).toContain(`\`${field}\``)
    })

    it('more than 250 legs', () => {
      const legs = Array.from({ length: 251 }, (_, index) =>
        participantResource(`CA${index.toString(16).padStart(32, '0')}`, 'connected'),
      )
      const rejection = rejectionOf(read(legs))
      expect(rejection).toMatchObject({ field: 'participants', reason: expect.stringMatching(/at most 250/) as unknown })
      expect(snapshotOf(read(legs.slice(0, 250))).participants).toHaveLength(250)
    })

    test.each<[string, unknown]>([
      ['a bad SID', 'CF123'],
      ['__proto__', '__proto__'],
      ['a number', 42],
    ])('a conferenceSid that is %s', (_name, conferenceSid) => {
      expect(rejectionOf(readUntyped(threeLegs, conferenceSid)).field).toBe('conferenceSid')
    })

    it('a requestedAt that is not a number', () => {
      const action = fromTwilioParticipantList(LIST_CALL.conferenceSid, threeLegs, Number.NaN, { receivedAt })
      expect(rejectionOf(action).field).toBe('requestedAt')
    })

    it('a classifier that throws, or returns what the reducer would refuse', () => {
      const throwing = rejectionOf(read([customer('connected', { label: 'x' })], { classifyParticipant: () => { throw new Error('boom') } }))
      expect(throwing).toMatchObject({ field: 'participants[0].label', reason: expect.stringMatching(/boom/) as unknown })
      const polluting = rejectionOf(read([customer('connected', { label: 'x' })], { classifyParticipant: () => ({ workerSid: '__proto__' }) }))
      expect(polluting.field).toBe('participants[0].identity.workerSid')
    })
  })

  describe('never throws', () => {
    it('on a throwing getter', () => {
      const leg = { ...customer('connected') }
      Object.defineProperty(leg, 'muted', { enumerable: true, get: () => { throw new Error('getter') } })
      const rejection = rejectionOf(readUntyped([leg]))
      expect(rejection.reason).toMatch(/could not be read: getter/)
    })

    it('on a throwing participants getter of the page object', () => {
      const page = Object.defineProperty({}, 'participants', { enumerable: true, get: () => { throw Object.create(null) as Error } })
      expect(rejectionOf(readUntyped(page)).reason).toMatch(/could not be read/)
    })

    it('on a JSON-parsed __proto__ key', () => {
      const leg = JSON.parse(`{"__proto__": {"polluted": true}, "call_sid": "${LIST_CALL.customerCallSid}", "status": "connected"}`) as unknown
      expect(snapshotOf(readUntyped([leg])).participants).toHaveLength(1)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })
  })

  describe('dispatched into a store', () => {
    const watchConsole = () => ({ warn: vi.spyOn(console, 'warn'), error: vi.spyOn(console, 'error') })

    it('applies the list, silently', () => {
      const console = watchConsole()
      const store = createTestStore()
      store.dispatch(read(threeLegsPage))
      const state = store.getState()
      expect(selectParticipant(state, LIST_CALL.conferenceSid, LIST_CALL.customerCallSid)).toMatchObject({ status: 'joined', onHold: true, participantType: 'customer' })
      expect(selectParticipant(state, LIST_CALL.conferenceSid, LIST_CALL.supervisorCallSid)).toMatchObject({ coaching: true, workerSid: LIST_CALL.supervisorWorkerSid })
      expect(selectRejectedEvents(state)).toStrictEqual([])
      expect(console.warn).not.toHaveBeenCalled()
      expect(console.error).not.toHaveBeenCalled()
    })

    it('a known joined leg absent from the list leaves', () => {
      const store = createTestStore()
      store.dispatch(participantJoined({ conferenceSid: LIST_CALL.conferenceSid, callSid: LIST_CALL.transferCallSid, sequence: 1 }, requestedAt - 5_000))
      store.dispatch(read(threeLegs))
      const leg = selectParticipant(store.getState(), LIST_CALL.conferenceSid, LIST_CALL.transferCallSid)
      expect(leg?.status).not.toBe('joined')
      expect(leg?.leftReason).toBe('absent_from_snapshot')
    })

    it('does not undo an event received after requestedAt (the race)', () => {
      const store = createTestStore()
      store.dispatch(participantJoined({ conferenceSid: LIST_CALL.conferenceSid, callSid: LIST_CALL.transferCallSid, sequence: 1 }, requestedAt + 100))
      store.dispatch(participantUnheld({ conferenceSid: LIST_CALL.conferenceSid, callSid: LIST_CALL.customerCallSid, sequence: 2 }, requestedAt + 200))
      store.dispatch(read([customer('connected', { hold: true })]))
      const state = store.getState()
      expect(selectParticipant(state, LIST_CALL.conferenceSid, LIST_CALL.transferCallSid)?.status).toBe('joined')
      expect(selectParticipant(state, LIST_CALL.conferenceSid, LIST_CALL.customerCallSid)?.onHold).toBe(false)
    })

    it('a rejection changes no conference and is recorded', () => {
      const store = createTestStore()
      store.dispatch(readUntyped([customer('connected', { muted: 'yes' })]))
      expect(selectConferenceSids(store.getState())).toStrictEqual([])
      expect(selectRejectedEvents(store.getState())).toMatchObject([{ source: TWILIO_PARTICIPANT_LIST, field: 'participants[0].muted' }])
    })
  })
})

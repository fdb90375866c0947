import { describe, expect, it, test, vi } from 'vitest'
import {
  eventRejected,
  selectConferenceRecord,
  selectConferenceSids,
  selectParticipant,
  selectRejectedEvents,
  type ConferenceEvent,
  type EventRejectedPayload,
  type ParticipantFlags,
} from 'conference-state'
import {
  fromTwilioStatusCallback,
  TWILIO_STATUS_CALLBACK,
  type TwilioStatusCallbackEvent,
  type TwilioStatusCallbackInput,
  type TwilioStatusCallbackOptions,
} from 'conference-state/twilio'
import { createTestStore } from 'conference-state/testing'
import {
  FLEX_CALL,
  flexCallInOrder,
  flexMediaParticipantHold,
  PUBLIC_LOG,
  publicLogParticipantJoin,
  statusCallbacks,
  type TwilioCallback,
} from '../fixtures/twilioCallbacks'

const receivedAt = 1_715_699_300_000

const read = (input: TwilioStatusCallbackInput, options: TwilioStatusCallbackOptions = {}) =>
  fromTwilioStatusCallback(input, { receivedAt, ...options })

/** Feeds the adapter what a careless or hostile caller might: the types do not allow it. */
const readUntyped = (input: unknown) => read(input as TwilioStatusCallbackInput)

const rejectionOf = (action: ConferenceEvent): EventRejectedPayload => {
  if (!eventRejected.match(action)) throw new Error(`expected a rejection, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

const without = (callback: TwilioCallback, name: string): Record<string, string> => {
  const { [name]: _dropped, ...rest } = callback
  return rest
}

const withParameters = (callback: TwilioCallback, parameters: Record<string, unknown>): TwilioStatusCallbackInput =>
  ({ ...callback, ...parameters }) as TwilioStatusCallbackInput

const extraParameters = (count: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`Extra${index}`, 'x']))

describe('fromTwilioStatusCallback', () => {
  describe('the participant-join from the 2019 public log', () => {
    it('becomes participantJoined with every field read from its strings', () => {
      expect(read(publicLogParticipantJoin)).toStrictEqual({
        type: 'conferences/participantJoined',
        payload: {
          conferenceSid: PUBLIC_LOG.conferenceSid,
          sequence: 1,
          timestamp: 1_571_985_464_000, // Fri, 25 Oct 2019 06:37:44 UTC
          friendlyName: 'room1',
          accountSid: PUBLIC_LOG.accountSid,
          callSid: PUBLIC_LOG.callSid,
          flags: { muted: true, onHold: false, coaching: false, endConferenceOnExit: true, startConferenceOnEnter: true },
        },
        meta: { receivedAt },
      })
    })

    it('sets no taskSid and no identity: the room is not a task and no label was sent', () => {
      const { payload } = read(publicLogParticipantJoin)
      expect(payload).not.toHaveProperty('taskSid')
      expect(payload).not.toHaveProperty('identity')
    })
  })

  describe('each of the 13 StatusCallbackEvent values', () => {
    const flexConference = (sequence: number, timestamp: number) => ({
      conferenceSid: FLEX_CALL.conferenceSid,
      sequence,
      timestamp,
      friendlyName: FLEX_CALL.taskSid,
      taskSid: FLEX_CALL.taskSid,
      accountSid: FLEX_CALL.accountSid,
    })
    const customer = (flags: Partial<ParticipantFlags> = {}) => ({
      callSid: FLEX_CALL.customerCallSid,
      flags: { muted: false, onHold: false, coaching: false, endConferenceOnExit: false, startConferenceOnEnter: true, ...flags },
      identity: { participantType: 'customer', label: 'customer' },
    })
    const worker = (flags: Partial<ParticipantFlags> = {}) => ({
      callSid: FLEX_CALL.workerCallSid,
      flags: { muted: false, onHold: false, coaching: false, endConferenceOnExit: true, startConferenceOnEnter: true, ...flags },
      identity: { participantType: 'worker', workerSid: FLEX_CALL.workerSid, label: FLEX_CALL.workerLabel },
    })
    const supervisor = {
      callSid: FLEX_CALL.supervisorCallSid,
      flags: { muted: false, onHold: false, coaching: true, endConferenceOnExit: false, startConferenceOnEnter: false },
      identity: { participantType: 'supervisor', workerSid: FLEX_CALL.supervisorWorkerSid, label: FLEX_CALL.supervisorLabel },
    }

    // Timestamps are the epoch milliseconds of the fixtures' RFC 2822 dates (14 May 2024, UTC).
    test.each<[TwilioStatusCallbackEvent, string, Record<string, unknown>]>([
      ['conference-start', 'conferences/conferenceStarted', flexConference(3, 1_715_698_939_000)],
      [
        'conference-end',
        'conferences/conferenceEnded',
        {
          ...flexConference(15, 1_715_699_266_000),
          reasonEnded: 'participant-with-end-conference-on-exit-left',
          reason: `Participant ${FLEX_CALL.workerCallSid} with EndConferenceOnExit left the conference`,
          callSidEndingConference: FLEX_CALL.workerCallSid,
          participantLabelEndingConference: FLEX_CALL.workerLabel,
        },
      ],
      ['participant-join', 'conferences/participantJoined', { ...flexConference(1, 1_715_698_927_000), ...customer() }],
      [
        'participant-leave',
        'conferences/participantLeft',
        { ...flexConference(13, 1_715_699_265_000), ...customer(), reason: 'participant_hung_up', callStatus: 'completed' },
      ],
      ['participant-mute', 'conferences/participantMuted', { ...flexConference(6, 1_715_698_985_000), ...worker({ muted: true }) }],
      ['participant-unmute', 'conferences/participantUnmuted', { ...flexConference(7, 1_715_698_992_000), ...worker() }],
      ['participant-hold', 'conferences/participantHeld', { ...flexConference(8, 1_715_699_080_000), ...customer({ onHold: true }) }],
      ['participant-unhold', 'conferences/participantUnheld', { ...flexConference(9, 1_715_699_102_000), ...customer() }],
      ['participant-modify', 'conferences/participantModified', { ...flexConference(10, 1_715_699_130_000), ...supervisor }],
      ['participant-speech-start', 'conferences/participantSpeechStarted', { ...flexConference(4, 1_715_698_944_000), ...customer() }],
      ['participant-speech-stop', 'conferences/participantSpeechStopped', { ...flexConference(5, 1_715_698_951_000), ...customer() }],
      ['announcement-end', 'conferences/announcementEnded', { ...flexConference(11, 1_715_699_160_000), announceUrl: FLEX_CALL.announceUrl }],
      [
        'announcement-fail',
        'conferences/announcementFailed',
        {
          ...flexConference(12, 1_715_699_161_000),
          callSid: FLEX_CALL.customerCallSid,
          reason: 'AnnounceUrl returned HTTP 404',
          announceUrl: FLEX_CALL.announceUrl,
        },
      ],
    ])('%s becomes %s with exactly the payload the callback carries', (event, type, payload) => {
      expect(read(statusCallbacks[event])).toStrictEqual({ type, payload, meta: { receivedAt } })
    })
  })

  describe('fields', () => {
    it('keeps a WT… FriendlyName as taskSid too, as Flex names rooms after tasks', () => {
      expect(read(statusCallbacks['conference-start']).payload).toMatchObject({
        friendlyName: FLEX_CALL.taskSid,
        taskSid: FLEX_CALL.taskSid,
      })
    })

    it.each(['room1', `WT${'0'.repeat(31)}`, `WT${'g'.repeat(32)}`, `${FLEX_CALL.taskSid}x`])(
      'sets no taskSid for the FriendlyName %s, which is not a task SID',
      (friendlyName) => {
        const { payload } = read(withParameters(statusCallbacks['conference-start'], { FriendlyName: friendlyName }))
        expect(payload).toMatchObject({ friendlyName })
        expect(payload).not.toHaveProperty('taskSid')
      },
    )

    it('reads a Timestamp with a non-UTC offset as the same instant', () => {
      const { payload } = read(withParameters(publicLogParticipantJoin, { Timestamp: 'Fri, 25 Oct 2019 01:37:44 -0500' }))
      expect(payload).toMatchObject({ timestamp: 1_571_985_464_000 })
    })

    it('reads each flag "false" and "true" as the boolean', () => {
      const allTrue = read(
        withParameters(publicLogParticipantJoin, {
          Muted: 'true',
          Hold: 'true',
          Coaching: 'true',
          EndConferenceOnExit: 'true',
          StartConferenceOnEnter: 'true',
        }),
      )
      const allFalse = read(
        withParameters(publicLogParticipantJoin, {
          Muted: 'false',
          Hold: 'false',
          Coaching: 'false',
          EndConferenceOnExit: 'false',
          StartConferenceOnEnter: 'false',
        }),
      )
      expect(allTrue.payload).toMatchObject({
        flags: { muted: true, onHold: true, coaching: true, endConferenceOnExit: true, startConferenceOnEnter: true },
      })
      expect(allFalse.payload).toMatchObject({
        flags: { muted: false, onHold: false, coaching: false, endConferenceOnExit: false, startConferenceOnEnter: false },
      })
    })

    it('leaves out the flags a callback does not send', () => {
      const { payload } = read(without(without(publicLogParticipantJoin, 'Hold'), 'Coaching'))
      expect(payload).toMatchObject({ flags: { muted: true, endConferenceOnExit: true, startConferenceOnEnter: true } })
      expect((payload as { flags: object }).flags).not.toHaveProperty('onHold')
      expect((payload as { flags: object }).flags).not.toHaveProperty('coaching')
    })

    it('ignores parameters it does not know, as Twilio adds new ones', () => {
      expect(read(withParameters(publicLogParticipantJoin, { FutureParameter: 'anything' }))).toStrictEqual(
        read(publicLogParticipantJoin),
      )
    })

    it('stamps meta.receivedAt with options.receivedAt, not the source time', () => {
      expect(read(publicLogParticipantJoin, { receivedAt: 42 }).meta).toStrictEqual({ receivedAt: 42 })
    })

    it('stamps the current time when no receivedAt is given', () => {
      vi.useFakeTimers({ now: 1_800_000_000_000 })
      try {
        expect(fromTwilioStatusCallback(publicLogParticipantJoin).meta.receivedAt).toBe(1_800_000_000_000)
      } finally {
        vi.useRealTimers()
      }
    })
  })

  describe('input forms', () => {
    const handWrittenBody = [
      'Coaching=false',
      'FriendlyName=room1',
      'SequenceNumber=1',
      `ConferenceSid=${PUBLIC_LOG.conferenceSid}`,
      'EndConferenceOnExit=true',
      `CallSid=${PUBLIC_LOG.callSid}`,
      'StatusCallbackEvent=participant-join',
      'Timestamp=Fri%2C+25+Oct+2019+06%3A37%3A44+%2B0000',
      'StartConferenceOnEnter=true',
      'Hold=false',
      `AccountSid=${PUBLIC_LOG.accountSid}`,
      'Muted=true',
    ].join('&')

    test.each<[string, TwilioStatusCallbackInput]>([
      ['a body encoded by URLSearchParams', new URLSearchParams(publicLogParticipantJoin).toString()],
      ['a hand-written body with + for spaces and %2C for commas', handWrittenBody],
      ['URLSearchParams', new URLSearchParams(publicLogParticipantJoin)],
      ['a record of string arrays', Object.fromEntries(Object.entries(publicLogParticipantJoin).map(([name, value]) => [name, [value]]))],
    ])('%s gives the same action as the record of strings', (_form, input) => {
      const expected = read(publicLogParticipantJoin)
      expect(expected.type).toBe('conferences/participantJoined')
      expect(read(input)).toStrictEqual(expected)
    })

    it('decodes + and %2C inside values', () => {
      const body = new URLSearchParams(statusCallbacks['conference-start']).toString().replace(
        `FriendlyName=${FLEX_CALL.taskSid}`,
        'FriendlyName=Sales+room%2C+floor+2',
      )
      expect(read(body).payload).toMatchObject({ friendlyName: 'Sales room, floor 2' })
    })

    it('reads Flex media properties (string arrays) like the callback they came from', () => {
      const expected = read(statusCallbacks['participant-hold'])
      expect(expected.type).toBe('conferences/participantHeld')
      expect(read(flexMediaParticipantHold)).toStrictEqual(expected)
    })

    it('takes the first value of a parameter that repeats, in a body or an array', () => {
      const body = `${new URLSearchParams(without(publicLogParticipantJoin, 'Muted')).toString()}&Muted=false&Muted=true`
      const arrays = withParameters(publicLogParticipantJoin, { Muted: ['false', 'true'] })
      expect(read(body).payload).toMatchObject({ flags: { muted: false } })
      expect(read(arrays).payload).toMatchObject({ flags: { muted: false } })
    })

    it('accepts exactly 64 parameters and a body of exactly 16384 characters', () => {
      const sixtyFour = { ...publicLogParticipantJoin, ...extraParameters(64 - 12) }
      const body = new URLSearchParams(publicLogParticipantJoin).toString() + '&Padding='
      const fullBody = body + 'x'.repeat(16_384 - body.length)
      expect(Object.keys(sixtyFour)).toHaveLength(64)
      expect(fullBody).toHaveLength(16_384)
      expect(read(sixtyFour).type).toBe('conferences/participantJoined')
      expect(read(fullBody).type).toBe('conferences/participantJoined')
    })

    it('accepts a FriendlyName of exactly 128 characters', () => {
      const friendlyName = 'r'.repeat(128)
      expect(read(withParameters(publicLogParticipantJoin, { FriendlyName: friendlyName })).payload).toMatchObject({ friendlyName })
    })

    it('does not pollute prototypes when parameters are named __proto__ or constructor', () => {
      const body = `__proto__=polluted&constructor=polluted&${new URLSearchParams(publicLogParticipantJoin).toString()}`
      // JSON.parse makes `__proto__` an own property, as a body parser might.
      const record = Object.assign(JSON.parse('{"__proto__":"polluted","constructor":"polluted"}') as object, publicLogParticipantJoin)
      expect(read(body)).toStrictEqual(read(publicLogParticipantJoin))
      expect(read(record)).toStrictEqual(read(publicLogParticipantJoin))
      expect(Object.prototype).not.toHaveProperty('polluted')
      expect(({} as Record<string, unknown>).constructor).toBe(Object)
    })
  })

  describe('rejections', () => {
    const join = publicLogParticipantJoin
    const huge = 'x'.repeat(5_000)
    const tooMany = { ...join, ...extraParameters(65 - 12) }
    const tooManyInBody = new URLSearchParams(tooMany).toString()
    const oversizedBody = `${new URLSearchParams(join).toString()}&Padding=${'x'.repeat(16_384)}`

    // [what is wrong, input, the field to blame (undefined: the input as a whole), the reason]
    test.each<[string, unknown, string | undefined, RegExp]>([
      ['an unknown StatusCallbackEvent', { ...join, StatusCallbackEvent: 'participant-dance' }, 'StatusCallbackEvent', /^`StatusCallbackEvent` must be one of .*participant-join/],
      ['no StatusCallbackEvent', without(join, 'StatusCallbackEvent'), 'StatusCallbackEvent', /^`StatusCallbackEvent` is required$/],
      ['no ConferenceSid', without(join, 'ConferenceSid'), 'ConferenceSid', /^`ConferenceSid` is required$/],
      ['a call SID as ConferenceSid', { ...join, ConferenceSid: PUBLIC_LOG.callSid }, 'ConferenceSid', /^`ConferenceSid` must be a Twilio SID \(CF/],
      ['a ConferenceSid cut short', { ...join, ConferenceSid: 'CF4a29' }, 'ConferenceSid', /^`ConferenceSid` must be a Twilio SID/],
      ['__proto__ as ConferenceSid', { ...join, ConferenceSid: '__proto__' }, 'ConferenceSid', /^`ConferenceSid` must be a Twilio SID/],
      ['an oversized ConferenceSid', { ...join, ConferenceSid: `CF${huge}` }, 'ConferenceSid', /^`ConferenceSid` must be a Twilio SID/],
      ['a CallSid that is not a CA SID', { ...join, CallSid: PUBLIC_LOG.conferenceSid }, 'CallSid', /^`CallSid` must be a Twilio SID \(CA/],
      ['an AccountSid that is not an AC SID', { ...join, AccountSid: 'AC10f3' }, 'AccountSid', /^`AccountSid` must be a Twilio SID \(AC/],
      ['Muted "yes"', { ...join, Muted: 'yes' }, 'Muted', /^`Muted` must be "true" or "false"$/],
      ['Hold "yes"', { ...join, Hold: 'yes' }, 'Hold', /^`Hold` must be "true" or "false"$/],
      ['Coaching "yes"', { ...join, Coaching: 'yes' }, 'Coaching', /^`Coaching` must be "true" or "false"$/],
      ['EndConferenceOnExit "1"', { ...join, EndConferenceOnExit: '1' }, 'EndConferenceOnExit', /^`EndConferenceOnExit` must be "true" or "false"$/],
      ['StartConferenceOnEnter ""', { ...join, StartConferenceOnEnter: '' }, 'StartConferenceOnEnter', /^`StartConferenceOnEnter` must be "true" or "false"$/],
      ['SequenceNumber "1.5"', { ...join, SequenceNumber: '1.5' }, 'SequenceNumber', /^`SequenceNumber` must be a non-negative integer$/],
      ['SequenceNumber "-1"', { ...join, SequenceNumber: '-1' }, 'SequenceNumber', /^`SequenceNumber` must be a non-negative integer$/],
      ['SequenceNumber "abc"', { ...join, SequenceNumber: 'abc' }, 'SequenceNumber', /^`SequenceNumber` must be a non-negative integer$/],
      ['SequenceNumber ""', { ...join, SequenceNumber: '' }, 'SequenceNumber', /^`SequenceNumber` must be a non-negative integer$/],
      ['SequenceNumber "1e3"', { ...join, SequenceNumber: '1e3' }, 'SequenceNumber', /^`SequenceNumber` must be a non-negative integer$/],
      ['SequenceNumber above 2^32 - 1', { ...join, SequenceNumber: '4294967296' }, 'SequenceNumber', /^`SequenceNumber` must be at most 4294967295$/],
      ['Timestamp "yesterday"', { ...join, Timestamp: 'yesterday' }, 'Timestamp', /^`Timestamp` must be an RFC 2822 date/],
      ['an ISO 8601 Timestamp', { ...join, Timestamp: '2019-10-25T06:37:44Z' }, 'Timestamp', /^`Timestamp` must be an RFC 2822 date/],
      ['an epoch Timestamp', { ...join, Timestamp: '1571985464' }, 'Timestamp', /^`Timestamp` must be an RFC 2822 date/],
      ['a Timestamp with no time', { ...join, Timestamp: 'Fri, 25 Oct 2019' }, 'Timestamp', /^`Timestamp` must be an RFC 2822 date/],
      ['a Timestamp on 32 October', { ...join, Timestamp: 'Thu, 32 Oct 2019 06:37:44 +0000' }, 'Timestamp', /^`Timestamp` must be a valid date$/],
      ['a Timestamp on 31 February', { ...join, Timestamp: 'Sun, 31 Feb 2019 06:37:44 +0000' }, 'Timestamp', /^`Timestamp` must be a valid date$/],
      ['a Timestamp at 25:61:99', { ...join, Timestamp: 'Fri, 25 Oct 2019 25:61:99 +0000' }, 'Timestamp', /^`Timestamp` must be a valid date$/],
      ['a FriendlyName over 128 characters', { ...join, FriendlyName: huge }, 'FriendlyName', /^`FriendlyName` must be at most 128 characters$/],
      ['a ParticipantLabel over 128 characters', { ...join, ParticipantLabel: 'l'.repeat(129) }, 'ParticipantLabel', /^`ParticipantLabel` must be at most 128 characters$/],
      ['a Reason over 512 characters', { ...statusCallbacks['conference-end'], Reason: huge }, 'Reason', /^`Reason` must be at most 512 characters$/],
      ['a ReasonParticipantLeft that is not a token', { ...statusCallbacks['participant-leave'], ReasonParticipantLeft: 'hung up!' }, 'ReasonParticipantLeft', /^`ReasonParticipantLeft` must be a short token/],
      ['a body over 16384 characters', oversizedBody, undefined, /^body is larger than 16384 characters$/],
      ['65 parameters in a record', tooMany, 'Extra52', /^`Extra52` is one parameter too many: a callback has at most 64$/],
      ['65 parameters in a body', tooManyInBody, 'Extra52', /^`Extra52` is one parameter too many: a callback has at most 64$/],
      ['a number as a value', { ...join, Muted: 1 }, 'Muted', /^`Muted` must be a string or an array of strings$/],
      ['a boolean as a value', { ...join, Hold: false }, 'Hold', /^`Hold` must be a string or an array of strings$/],
      ['null as a value', { ...join, CallSid: null }, 'CallSid', /^`CallSid` must be a string or an array of strings$/],
      ['a nested object as a value', { ...join, FriendlyName: { room: 'room1' } }, 'FriendlyName', /^`FriendlyName` must be a string or an array of strings$/],
      ['an array of numbers', { ...join, SequenceNumber: [1] }, 'SequenceNumber', /^`SequenceNumber` must be a string or an array of strings$/],
      ['an array of objects', { ...join, FriendlyName: [{ room: 'room1' }] }, 'FriendlyName', /^`FriendlyName` must be a string or an array of strings$/],
      ['an empty array', { ...join, CallSid: [] }, 'CallSid', /^`CallSid` must be a string or an array of strings$/],
      ['a number as input', 42, undefined, /^input must be a form-encoded string, URLSearchParams or a record of strings$/],
      ['null as input', null, undefined, /^input must be a form-encoded string, URLSearchParams or a record of strings$/],
      ['undefined as input', undefined, undefined, /^input must be a form-encoded string, URLSearchParams or a record of strings$/],
      ['an array as input', [join], undefined, /^input must be a form-encoded string, URLSearchParams or a record of strings$/],
    ])('refuses %s, naming the culprit', (_what, input, field, reason) => {
      const action = readUntyped(input)
      const rejection = rejectionOf(action)
      expect(rejection.source).toBe(TWILIO_STATUS_CALLBACK)
      expect(rejection.source).toBe('twilio-status-callback')
      expect(rejection.field).toBe(field)
      expect(rejection.reason).toMatch(reason)
      if (field !== undefined) expect(rejection.reason).toContain(`\`${field}\``)
      expect(action.meta.receivedAt).toBe(receivedAt)
      expect(rejection.summary.length).toBeLessThanOrEqual(200)
      // Never the whole payload: the oversized values above are 5,000 characters and more.
      expect(JSON.stringify(action).length).toBeLessThan(1_000)
    })

    test.each([
      'participant-join',
      'participant-leave',
      'participant-mute',
      'participant-unmute',
      'participant-hold',
      'participant-unhold',
      'participant-modify',
      'participant-speech-start',
      'participant-speech-stop',
    ] as const)('refuses %s without a CallSid', (event) => {
      const rejection = rejectionOf(read(without(statusCallbacks[event], 'CallSid')))
      expect(rejection).toMatchObject({ source: TWILIO_STATUS_CALLBACK, field: 'CallSid', reason: `\`CallSid\` is required for ${event}` })
    })

    it('accepts conference-start, conference-end and announcement-end without a CallSid', () => {
      for (const event of ['conference-start', 'conference-end', 'announcement-end'] as const) {
        expect(statusCallbacks[event]).not.toHaveProperty('CallSid')
        expect(read(statusCallbacks[event]).type).not.toBe('conferences/eventRejected')
      }
    })

    it('summarizes a refused callback by its event, conference, call and sequence', () => {
      const rejection = rejectionOf(read({ ...join, Muted: 'yes' }))
      expect(rejection.summary).toBe(
        `StatusCallbackEvent=participant-join ConferenceSid=${PUBLIC_LOG.conferenceSid} CallSid=${PUBLIC_LOG.callSid} SequenceNumber=1`,
      )
    })

    it('keeps a summary of an oversized ConferenceSid short and without the value', () => {
      const conferenceSid = `CF${'a'.repeat(50_000)}`
      const rejection = rejectionOf(read({ ...join, ConferenceSid: conferenceSid }))
      expect(rejection.summary.length).toBeLessThanOrEqual(200)
      expect(rejection.summary).not.toContain(conferenceSid)
      expect(rejection.reason).not.toContain(conferenceSid)
    })

    it('keeps a summary of an oversized body short and without the body', () => {
      const body = `${new URLSearchParams(join).toString()}&Padding=${'y'.repeat(100_000)}`
      const rejection = rejectionOf(read(body))
      expect(rejection.summary.length).toBeLessThanOrEqual(200)
      expect(rejection.summary).not.toContain('y'.repeat(200))
    })
  })

  describe('input that throws when read', () => {
    const throwingGetter = (thrown: unknown) => {
      const input: Record<string, string> = { ...publicLogParticipantJoin }
      Object.defineProperty(input, 'Muted', {
        enumerable: true,
        get() {
          throw thrown
        },
      })
      return input
    }
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    const throwingSearchParams = new URLSearchParams('a=1')
    Object.defineProperty(throwingSearchParams, Symbol.iterator, {
      value: () => {
        throw new Error('iterator exploded')
      },
    })

    test.each<[string, unknown, RegExp]>([
      ['a getter that throws an Error', throwingGetter(new Error('getter exploded')), /getter exploded/],
      ['a getter that throws a value with no string form', throwingGetter(Object.create(null)), /cannot be shown/],
      ['a getter that throws a string', throwingGetter('plain string'), /plain string/],
      ['a Proxy that throws on ownKeys', new Proxy({}, { ownKeys: () => { throw new Error('ownKeys exploded') } }), /ownKeys exploded/],
      ['a Proxy that throws on getPrototypeOf', new Proxy({}, { getPrototypeOf: () => { throw new Error('prototype exploded') } }), /prototype exploded/],
      ['a revoked Proxy', revoked.proxy, /revoked/],
      ['URLSearchParams whose iterator throws', throwingSearchParams, /iterator exploded/],
    ])('returns eventRejected for %s instead of throwing', (_what, input, reason) => {
      let action: ConferenceEvent | undefined
      expect(() => {
        action = readUntyped(input)
      }).not.toThrow()
      const rejection = rejectionOf(action as ConferenceEvent)
      expect(rejection.source).toBe(TWILIO_STATUS_CALLBACK)
      expect(rejection.reason).toMatch(/^input could not be read: /)
      expect(rejection.reason).toMatch(reason)
      expect(rejection.summary.length).toBeLessThanOrEqual(200)
    })
  })

  describe('in a store with RTK development checks', () => {
    const watchConsole = () => ({ warn: vi.spyOn(console, 'warn'), error: vi.spyOn(console, 'error') })

    test.each<[string, TwilioStatusCallbackInput]>([
      ['2019 public-log participant-join', publicLogParticipantJoin],
      ...Object.entries(statusCallbacks).map(([event, callback]): [string, TwilioStatusCallbackInput] => [event, callback]),
      ['Flex media participant-hold', flexMediaParticipantHold],
    ])('%s is applied without a rejection or a console warning', (_name, callback) => {
      const spies = watchConsole()
      const store = createTestStore()
      const action = read(callback)
      store.dispatch(action)
      const conferenceSid = (action.payload as { conferenceSid: string }).conferenceSid
      expect(selectConferenceSids(store.getState())).toStrictEqual([conferenceSid])
      expect(selectRejectedEvents(store.getState())).toStrictEqual([])
      expect(spies.warn).not.toHaveBeenCalled()
      expect(spies.error).not.toHaveBeenCalled()
    })

    it('plays the whole Flex call through to a closed conference', () => {
      const spies = watchConsole()
      const store = createTestStore()
      for (const callback of flexCallInOrder) store.dispatch(read(callback))
      const state = store.getState()
      expect(selectRejectedEvents(state)).toStrictEqual([])
      expect(selectConferenceRecord(state, FLEX_CALL.conferenceSid)).toMatchObject({
        status: 'closed',
        taskSid: FLEX_CALL.taskSid,
        endReason: 'participant-with-end-conference-on-exit-left',
        callSidEndingConference: FLEX_CALL.workerCallSid,
      })
      expect(selectParticipant(state, FLEX_CALL.conferenceSid, FLEX_CALL.customerCallSid)).toMatchObject({
        participantType: 'customer',
        leftReason: 'participant_hung_up',
        callStatus: 'completed',
        onHold: false,
      })
      expect(selectParticipant(state, FLEX_CALL.conferenceSid, FLEX_CALL.supervisorCallSid)).toMatchObject({
        participantType: 'supervisor',
        workerSid: FLEX_CALL.supervisorWorkerSid,
        coaching: true,
      })
      expect(spies.warn).not.toHaveBeenCalled()
      expect(spies.error).not.toHaveBeenCalled()
    })

    it('records a refused callback and changes no conference', () => {
      const spies = watchConsole()
      const store = createTestStore()
      store.dispatch(read({ ...publicLogParticipantJoin, SequenceNumber: '1.5' }))
      expect(selectConferenceSids(store.getState())).toStrictEqual([])
      expect(selectRejectedEvents(store.getState())).toMatchObject([
        { source: TWILIO_STATUS_CALLBACK, field: 'SequenceNumber', receivedAt },
      ])
      expect(spies.warn).not.toHaveBeenCalled()
      expect(spies.error).not.toHaveBeenCalled()
    })
  })
})

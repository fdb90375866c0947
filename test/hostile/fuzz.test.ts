/**
 * Random input never throws out of an adapter, never pollutes a prototype, and whatever an
 * adapter accepts, the reducer accepts too.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  conferencesReducer,
  fromEvoVoiceSession,
  fromTwilioParticipantList,
  fromTwilioStatusCallback,
  type ConferencesState,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const RUNS = 10_000
const initial = (): ConferencesState => conferencesReducer(undefined, { type: 'init' })

/** Values shaped like wire input: mostly plausible keys and values, with junk mixed in. */
const TWILIO_KEYS = ['StatusCallbackEvent', 'ConferenceSid', 'CallSid', 'SequenceNumber', 'Timestamp', 'Muted', 'Hold', 'ParticipantLabel', 'FriendlyName', '__proto__', 'constructor']
const plausibleValue = fc.oneof(
  fc.constantFrom('participant-join', 'participant-hold', 'conference-end', 'true', 'false', '1', '-1', '1.5', fakeSid('CF', 1), fakeSid('CA', 1), '__proto__', 'worker:__proto__', 'Thu, 1 Jun 2017 20:48:32 +0000'),
  fc.string({ maxLength: 40 }),
)
const callbackRecord = fc.dictionary(fc.oneof(fc.constantFrom(...TWILIO_KEYS), fc.string({ maxLength: 12 })), fc.oneof(plausibleValue, fc.array(plausibleValue, { maxLength: 3 }), fc.anything()))
const anyInput = fc.oneof(fc.anything(), callbackRecord, fc.string({ maxLength: 300 }), callbackRecord.map((record) => new URLSearchParams(Object.entries(record).map(([key, value]) => [key, String(value)]))))

function expectHarmless(action: { type: string; payload?: unknown }) {
  expect(typeof action.type).toBe('string')
  const state = conferencesReducer(initial(), action)
  if (action.type !== 'conferences/eventRejected') expect(state.rejected).toEqual([])
  expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain(fakeSid('CA', 1))
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

describe('adapters under random input', () => {
  it(`fromTwilioStatusCallback never throws (${RUNS} inputs)`, () => {
    fc.assert(fc.property(anyInput, (input) => expectHarmless(fromTwilioStatusCallback(input as never, { receivedAt: 1 }))), { numRuns: RUNS })
  }, 120_000)

  it(`fromTwilioParticipantList never throws (${RUNS} inputs)`, () => {
    const leg = fc.dictionary(
      fc.constantFrom('call_sid', 'status', 'muted', 'hold', 'label', 'coaching', '__proto__'),
      fc.oneof(fc.constantFrom('connected', 'ringing', 'complete', fakeSid('CA', 2), '__proto__'), fc.boolean(), fc.anything()),
    )
    fc.assert(
      fc.property(fc.oneof(fc.constant(fakeSid('CF', 1)), fc.anything()), fc.oneof(fc.array(leg, { maxLength: 5 }), fc.anything()), fc.oneof(fc.integer(), fc.anything()), (sid, list, at) =>
        expectHarmless(fromTwilioParticipantList(sid as never, list as never, at as never)),
      ),
      { numRuns: RUNS },
    )
  }, 120_000)

  it(`fromEvoVoiceSession never throws (${RUNS} inputs)`, () => {
    const member = fc.dictionary(
      fc.constantFrom('callSid', 'role', 'callState', 'muted', 'identity', 'displayName', '__proto__'),
      fc.oneof(fc.constantFrom('Agent', 'Caller', 'Transfer', 'Connected', 'Hold', 'Ringing', fakeSid('CA', 3), 'String'), fc.boolean(), fc.anything()),
    )
    const session = fc.record(
      { conferenceSid: fc.oneof(fc.constant(fakeSid('CF', 2)), fc.anything()), callSid: fc.oneof(fc.constant(fakeSid('CA', 4)), fc.anything()), ended: fc.anything(), callState: fc.anything(), members: fc.oneof(fc.array(member, { maxLength: 4 }), fc.anything()) },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.oneof(session, session.map((value) => JSON.stringify(value) ?? ''), fc.anything()), fc.integer(), (input, at) =>
        expectHarmless(fromEvoVoiceSession(input as never, at)),
      ),
      { numRuns: RUNS },
    )
  }, 120_000)
})

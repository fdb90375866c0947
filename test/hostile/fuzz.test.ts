/**
 * Random input never throws out of an adapter, never pollutes a prototype, and whatever an
 * adapter accepts, the reducer accepts too.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conferencesReducer, type ConferencesState } from 'conference-state'
import { fromEvoVoiceSession } from 'conference-state/evo-voice'
import { fromFlexConference, fromFlexParticipantEvent, fromFlexSyncConferenceItems } from 'conference-state/flex'
import { fromTwilioParticipantList, fromTwilioStatusCallback } from 'conference-state/twilio'
import { fakeSid } from 'conference-state/testing'
import { scaledRuns } from '../runs'

const RUNS = scaledRuns(10_000, 500)
const initial = (): ConferencesState => conferencesReducer(undefined, { type: 'init' })

/** Values shaped like wire input: mostly plausible keys and values, with junk mixed in. */
const TWILIO_KEYS = ['StatusCallbackEvent', 'ConferenceSid', 'CallSid', 'SequenceNumber', 'Timestamp', 'Muted', 'Hold', 'ParticipantLabel', 'FriendlyName', '__proto__', 'constructor']
const plausibleValue = fc.oneof(
  fc.constantFrom('participant-join', 'participant-hold', 'conference-end', 'true', 'false', '1', '-1', '1.5', fakeSid('CF', 1), fakeSid('CA', 1), '__proto__', 'worker:__proto__', 'Thu, 1 Jun 2017 20:48:32 +0000'),
  fc.string({ maxLength: 40 }),
)
const callbackKey = fc.oneof(fc.constantFrom(...TWILIO_KEYS), fc.string({ maxLength: 12 }))
const callbackRecord = fc.dictionary(callbackKey, fc.oneof(plausibleValue, fc.array(plausibleValue, { maxLength: 3 }), fc.anything()))
/** A form as servers parse it: every value is already text (`String()` of `fc.anything()` can throw). */
const callbackForm = fc.dictionary(callbackKey, plausibleValue).map((record) => new URLSearchParams(Object.entries(record)))
/** Mostly `value`, sometimes anything at all. */
const likely = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: fc.anything(), weight: 1 })
const anyInput = fc.oneof(fc.anything(), callbackRecord, fc.string({ maxLength: 300 }), callbackForm)

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

  it(`fromFlexParticipantEvent never throws (${RUNS} inputs)`, () => {
    const routing = fc.dictionary(
      fc.constantFrom('worker_sid', 'reservation_sid', 'task_sid', 'queue_sid', 'queue_name', '__proto__', 'constructor'),
      fc.oneof(fc.constantFrom(fakeSid('WK', 1), fakeSid('WR', 1), fakeSid('WT', 1), fakeSid('WQ', 1), '', '__proto__'), fc.anything()),
    )
    const randomMedia = fc.dictionary(
      fc.oneof(fc.constantFrom(...TWILIO_KEYS), fc.string({ maxLength: 12 })),
      fc.oneof(fc.array(plausibleValue, { maxLength: 2 }), plausibleValue, fc.anything()),
    )
    const one = <T>(value: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: value.map((inner) => [inner]), weight: 8 }, { arbitrary: value, weight: 2 }, { arbitrary: fc.array(fc.anything(), { maxLength: 2 }), weight: 1 })
    // Mostly valid media properties, so that the accepting path is fuzzed too.
    const media = fc.oneof(
      randomMedia,
      { weight: 4, arbitrary: fc.record(
        {
          StatusCallbackEvent: one(fc.constantFrom('participant-join', 'participant-leave', 'participant-hold', 'participant-mute', 'conference-end')),
          ConferenceSid: fc.constant([fakeSid('CF', 1)]),
          CallSid: fc.oneof({ arbitrary: fc.constant([fakeSid('CA', 1)]), weight: 3 }, one(fc.constantFrom('__proto__', fakeSid('CA', 2)))),
          SequenceNumber: one(fc.oneof(fc.nat().map(String), fc.constantFrom('-1', '1.5', '4294967296'))),
          Muted: one(fc.constantFrom('true', 'false', 'false', 'yes')),
          Hold: one(fc.constantFrom('true', 'false')),
          ParticipantLabel: one(fc.oneof(fc.constantFrom('customer', `worker:${fakeSid('WK', 1)}`, 'worker:__proto__', 'supervisor:constructor:2'), fc.string({ maxLength: 20 }))),
        },
        { requiredKeys: ['StatusCallbackEvent', 'ConferenceSid', 'CallSid'] },
      ) },
    )
    const event = fc.record(
      {
        type: fc.oneof(fc.constantFrom('agent', 'customer', 'external', 'unknown', 'supervisor', '', '__proto__'), fc.anything()),
        participant_type: fc.anything(),
        routing_properties: fc.oneof(routing, routing.map((value) => JSON.stringify(value)), fc.constant(null), fc.anything()),
        media_properties: fc.oneof(media, media.map((value) => JSON.stringify(value) ?? ''), fc.anything()),
      },
      { requiredKeys: [] },
    )
    const plausibleEvent = fc.record(
      {
        type: fc.constantFrom('agent', 'customer', 'external', 'unknown', 'supervisor', '', 'robot'),
        routing_properties: fc.oneof(
          fc.constant(null),
          fc.record(
            { worker_sid: fc.constantFrom(fakeSid('WK', 1), '', 'constructor'), reservation_sid: fc.constant(fakeSid('WR', 1)), task_sid: fc.constant(fakeSid('WT', 1)) },
            { requiredKeys: [] },
          ),
        ),
        media_properties: media,
      },
      { requiredKeys: ['media_properties'] },
    )
    fc.assert(
      fc.property(fc.oneof({ arbitrary: plausibleEvent, weight: 3 }, event, fc.anything()), (input) => expectHarmless(fromFlexParticipantEvent(input as never, { receivedAt: 1 }))),
      { numRuns: RUNS },
    )
  }, 120_000)

  it(`fromFlexSyncConferenceItems never throws (${RUNS} inputs)`, () => {
    const data = fc.dictionary(
      fc.constantFrom('participant_type', 'status', 'hold', 'muted', 'connecting', 'worker_sid', 'reservation_sid', 'call_sid', 'conf_status', '__proto__'),
      fc.oneof(fc.constantFrom('agent', 'customer', 'joined', 'left', 'true', 'in-progress', 'completed', fakeSid('WK', 2), fakeSid('CA', 5), ''), fc.boolean(), fc.anything()),
    )
    const key = fc.oneof(fc.constant(fakeSid('CA', 5)), fc.constant(fakeSid('CA', 6)), fc.constantFrom('__proto__', 'constructor'), fc.anything())
    const plausibleData = fc.record(
      {
        status: fc.constantFrom('joined', 'left'),
        participant_type: fc.constantFrom('agent', 'customer', 'external', 'unknown', '', 'supervisor'),
        hold: fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'yes')),
        muted: fc.boolean(),
        connecting: fc.boolean(),
        worker_sid: fc.constantFrom(fakeSid('WK', 2), '', 'constructor'),
        conf_status: fc.constantFrom('in-progress', 'completed', 'active', 'over'),
      },
      { requiredKeys: ['status'] },
    )
    const items = fc.oneof(
      fc.array(fc.record({ key, data }, { requiredKeys: [] }), { maxLength: 4 }),
      { weight: 4, arbitrary: fc.uniqueArray(fc.record({ key: fc.nat({ max: 20 }).map((n) => fakeSid('CA', n)), data: plausibleData }), { maxLength: 5, selector: (item) => item.key }) },
      fc.dictionary(fc.oneof(fc.constantFrom(fakeSid('CA', 5), fakeSid('CA', 6), '__proto__'), fc.string({ maxLength: 34 })), data, { maxKeys: 4 }),
      fc.anything(),
    )
    fc.assert(
      fc.property(likely(fc.constant(fakeSid('WT', 1))), likely(fc.constant(fakeSid('CF', 3))), items, likely(fc.integer()), (taskSid, conferenceSid, list, at) =>
        expectHarmless(fromFlexSyncConferenceItems(taskSid as never, conferenceSid as never, list as never, at as never, { receivedAt: 1 })),
      ),
      { numRuns: RUNS },
    )
  }, 120_000)

  it(`fromFlexConference never throws (${RUNS} inputs)`, () => {
    const participant = fc.dictionary(
      fc.constantFrom('callSid', 'participantType', 'status', 'onHold', 'muted', 'connecting', 'workerSid', 'reservationSid', 'worker', 'queue', '__proto__'),
      fc.oneof(
        fc.constantFrom('worker', 'customer', 'transfer', 'joined', 'recently_left', 'left', fakeSid('CA', 7), fakeSid('WK', 3), ''),
        fc.boolean(),
        fc.record({ sid: fc.oneof(fc.constant(fakeSid('WK', 3)), fc.anything()), fullName: fc.anything() }, { requiredKeys: [] }),
        fc.anything(),
      ),
    )
    const conference = fc.record(
      {
        sid: likely(fc.constantFrom(fakeSid('WT', 2), fakeSid('CF', 4))),
        conferenceSid: likely(fc.constant(fakeSid('CF', 4))),
        status: likely(fc.constantFrom('setup', 'active', 'closed', 'failed', 'joined')),
        participants: fc.oneof(
          fc.array(participant, { maxLength: 5 }),
          { weight: 4, arbitrary: fc.uniqueArray(
            fc.record(
              {
                callSid: fc.oneof(fc.nat({ max: 20 }).map((n) => fakeSid('CA', n)), fc.constantFrom(null, '', '__proto__')),
                status: fc.constantFrom('joined', 'recently_left', 'left'),
                participantType: fc.constantFrom('worker', 'customer', 'transfer', 'unknown', '', 'agent'),
                onHold: fc.boolean(),
                muted: fc.oneof(fc.boolean(), fc.constant('true')),
                connecting: fc.boolean(),
                workerSid: fc.constantFrom(fakeSid('WK', 3), '', 'prototype'),
                queue: fc.record({ sid: fc.constantFrom(fakeSid('WQ', 1), 'x'), name: fc.string({ maxLength: 10 }) }),
              },
              { requiredKeys: ['status'] },
            ),
            { maxLength: 5, selector: (leg) => leg.callSid },
          ) },
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(likely(conference), likely(fc.integer()), (input, at) =>
        expectHarmless(fromFlexConference(input as never, at as never, { receivedAt: 1 })),
      ),
      { numRuns: RUNS },
    )
  }, 120_000)
})

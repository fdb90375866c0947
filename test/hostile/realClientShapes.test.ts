/**
 * Hostile input in the shapes the real client libraries hand around (twilio's
 * `ParticipantInstance`s, Flex 2.17.1's decoded participants, `conf_status` items and transfer
 * placeholders), one row each: refused naming the field in the input's own spelling, recorded,
 * no conference changed, no prototype reached.
 */
import { describe, expect, test, vi } from 'vitest'
import { createTestStore } from 'conference-state/testing'
import { expectRefusedAlone } from './expectRefusedAlone'
import { FLEX_CONFERENCE, FLEX_PARTICIPANT_EVENT, FLEX_SYNC, fromFlexConference, fromFlexParticipantEvent, fromFlexSyncConferenceItems } from 'conference-state/flex'
import { fromTwilioParticipantList, TWILIO_PARTICIPANT_LIST } from 'conference-state/twilio'
import decoded from '../fixtures/real-clients/flex-2.17.1/b-decoded-participant-events.json'
import sync from '../fixtures/real-clients/flex-2.17.1/e-sync-map-source.json'
import SIDS from '../fixtures/real-clients/flex-2.17.1/sids.json'
import recorded from '../fixtures/real-clients/twilio-node-6/b-participant-instances.json'
import { revive } from '../fixtures/real-clients/revive'

const receivedAt = 1_765_379_600_000
const requestedAt = receivedAt - 100
const untyped = <T>(value: unknown) => value as T

const instance = recorded.instances[2]!.toJSON
const list = (fields: Record<string, unknown>) =>
  fromTwilioParticipantList(SIDS.CONFERENCE, untyped([{ ...instance, ...fields }]), requestedAt, { receivedAt })
const workerJoin = revive(decoded.items[1]!.decoded)
const event = (fields: Record<string, unknown>) => fromFlexParticipantEvent(untyped({ ...workerJoin, ...fields }), { receivedAt })
const media = (fields: Record<string, unknown>) => event({ mediaProperties: { ...workerJoin.mediaProperties, ...fields } })
const routing = (fields: Record<string, unknown>) => event({ routingProperties: { ...workerJoin.routingProperties, ...fields } })
const confStatus = (data: Record<string, unknown>) =>
  fromFlexSyncConferenceItems(SIDS.TASK, SIDS.CONFERENCE, untyped([{ key: 'conf_status', data }]), requestedAt, { receivedAt })
const placeholder = (fields: Record<string, unknown>) =>
  fromFlexConference(
    untyped({ sid: SIDS.TASK, conferenceSid: SIDS.CONFERENCE, status: 'active', participants: [{ participantType: 'transfer', status: 'joined', connecting: true, ...fields }] }),
    requestedAt,
    { receivedAt },
  )

const rows: Array<[string, { source: string; reason: RegExp; act: () => { type: string; payload?: unknown } }]> = [
  ['twilio instance: __proto__ as callSid', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.callSid` must be a Twilio SID/, act: () => list({ callSid: '__proto__' }) }],
  ['twilio instance: a Date as status', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.status` must be one of/, act: () => list({ status: new Date(0) }) }],
  ['twilio instance: coaching as "true"', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.coaching` must be a boolean/, act: () => list({ coaching: 'true' }) }],
  ['twilio instance: callSidToCoach not a call SID', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.callSidToCoach` must be a Twilio SID/, act: () => list({ callSidToCoach: 'WK7c8828611cab2980a0ac1ed0cde91eff' }) }],
  ['twilio instance: another conference', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.conferenceSid` must be the listed conference/, act: () => list({ conferenceSid: 'CF00112233445566778899aabbccddeeff' }) }],
  ['flex decoded: workerSid not a SID', { source: FLEX_PARTICIPANT_EVENT, reason: /^`routingProperties\.workerSid` must be a Twilio SID/, act: () => routing({ workerSid: 'constructor' }) }],
  ['flex decoded: reservationSid of the wrong kind', { source: FLEX_PARTICIPANT_EVENT, reason: /^`routingProperties\.reservationSid` must be a Twilio SID \(WR/, act: () => routing({ reservationSid: SIDS.WORKER_A }) }],
  ['flex decoded: hold as an object', { source: FLEX_PARTICIPANT_EVENT, reason: /^`mediaProperties\.hold`/, act: () => media({ hold: { toString: () => 'true' } }) }],
  ['flex decoded: a negative sequenceNumber', { source: FLEX_PARTICIPANT_EVENT, reason: /^`mediaProperties\.sequenceNumber` must be a non-negative integer/, act: () => media({ sequenceNumber: -1 }) }],
  ['flex decoded: an invalid Date timestamp', { source: FLEX_PARTICIPANT_EVENT, reason: /^`mediaProperties\.timestamp` must be an RFC 2822 date/, act: () => media({ timestamp: new Date(Number.NaN) }) }],
  ['flex decoded: callSid __proto__', { source: FLEX_PARTICIPANT_EVENT, reason: /^`mediaProperties\.callSid` must be a Twilio SID/, act: () => media({ callSid: '__proto__' }) }],
  ['flex sync: conf_status with an unknown status', { source: FLEX_SYNC, reason: /^`items\[0\]\.data\.status` must be one of/, act: () => confStatus({ status: 'dancing' }) }],
  ['flex sync: conf_status without data', { source: FLEX_SYNC, reason: /^`items\[0\]\.data` is required/, act: () => confStatus(untyped(undefined)) }],
  ['flex sync: an item of the real page with a string hold', { source: FLEX_SYNC, reason: /^`items\[1\]\.data\.hold` must be a boolean or "true"\/"false"/, act: () => fromFlexSyncConferenceItems(SIDS.TASK, SIDS.CONFERENCE, untyped(sync.syncItemsPage.items.map((item, index) => (index === 1 ? { ...item, data: { ...item.data, hold: 'yes' } } : item))), requestedAt, { receivedAt }) }],
  ['flex conference: a placeholder targeting a task', { source: FLEX_CONFERENCE, reason: /^`participants\[0\]\.workerSid` must be a worker SID \(WK…\) or/, act: () => placeholder({ workerSid: SIDS.TASK }) }],
  ['flex conference: a placeholder targeting __proto__', { source: FLEX_CONFERENCE, reason: /^`participants\[0\]\.workerSid` must be a worker SID/, act: () => placeholder({ workerSid: '__proto__' }) }],
]

describe('hostile input in the real clients’ shapes', () => {
  test.each(rows)('%s: refused naming the field; state unchanged; prototypes untouched', (_name, row) => {
    const warn = vi.spyOn(console, 'warn')
    expectRefusedAlone(createTestStore(), row)
    expect(warn.mock.calls.filter(([message]) => !String(message).includes('took'))).toEqual([])
  })
})

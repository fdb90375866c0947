/**
 * Hostile input, one row each, across every adapter and straight into the reducer
 * (docs/architecture.md, "Bad input and bounds"): each is refused with a reason naming the field, is recorded in the rejection log,
 * changes no conference, and reaches no prototype.
 */
import fc from 'fast-check'
import { describe, expect, test, vi } from 'vitest'
import {
  announcementFailed,
  conferencesReducer,
  selectConferenceExport,
  conferenceEnded,
  conferencesMerged,
  conferenceSnapshotReceived,
  conferenceStarted,
  participantModified,
  eventsReceived,
  participantHeld,
  participantIdentified,
  participantJoined,
  participantLeft,
  participantMuted,
} from 'conference-state'
import { EVO_VOICE_SESSION, fromEvoVoiceSession } from 'conference-state/evo-voice'
import {
  FLEX_CONFERENCE,
  FLEX_PARTICIPANT_EVENT,
  FLEX_SYNC,
  fromFlexConference,
  fromFlexParticipantEvent,
  fromFlexSyncConferenceItems,
} from 'conference-state/flex'
import {
  fromTwilioParticipantList,
  fromTwilioStatusCallback,
  TWILIO_PARTICIPANT_LIST,
  TWILIO_STATUS_CALLBACK,
} from 'conference-state/twilio'
import { createTestStore, fakeSid } from 'conference-state/testing'
import { conferenceWithTransfer, EVO_CALL, SEED_SAMPLE_BODY } from '../fixtures/evoVoiceSessions'
import { agentJoined, customerJoined, FLEX_CONFERENCE_PARTICIPANTS, FLEX_TASK, flexConferencePlain, syncData, syncItems, workerRouting } from '../fixtures/flex'
import { PUBLIC_LOG, publicLogParticipantJoin } from '../fixtures/twilioCallbacks'
import { LIST_CALL, participantResource } from '../fixtures/twilioParticipants'
import { scaledRuns } from '../runs'
import { expectRefusedAlone } from './expectRefusedAlone'

const requestedAt = 1_715_699_000_000
const receivedAt = requestedAt + 500
const CF = FLEX_TASK.conferenceSid
const CA = FLEX_TASK.customerCallSid

/** A value no adapter is typed to take: hostile callers ignore the types. */
const untyped = <T>(value: unknown) => value as T
const join = publicLogParticipantJoin
/** The public-log join with `fields` over it; a field set to `undefined` is left out. */
const callback = (fields: Record<string, unknown>, options = {}) =>
  fromTwilioStatusCallback(untyped(Object.fromEntries(Object.entries({ ...join, ...fields }).filter(([, value]) => value !== undefined))), { receivedAt, ...options })
const list = (legs: unknown, conferenceSid: unknown = LIST_CALL.conferenceSid, at: unknown = requestedAt) =>
  fromTwilioParticipantList(untyped(conferenceSid), untyped(legs), untyped(at), { receivedAt })
const customerLeg = (fields: Record<string, unknown>) => [{ ...participantResource(LIST_CALL.customerCallSid, 'connected'), ...fields }]
const evo = (session: unknown) => fromEvoVoiceSession(untyped(session), requestedAt, { receivedAt })
const evoMember = (fields: Record<string, unknown>) => evo({ ...conferenceWithTransfer, members: [{ ...conferenceWithTransfer.members![0], ...fields }] })
const flexEvent = (event: unknown) => fromFlexParticipantEvent(untyped(event), { receivedAt })
const flexMedia = (fields: Record<string, unknown>) =>
  flexEvent({ ...agentJoined, media_properties: { ...(agentJoined.media_properties as object), ...fields } })
const sync = (items: unknown, taskSid: unknown = FLEX_TASK.taskSid, at: unknown = requestedAt) =>
  fromFlexSyncConferenceItems(untyped(taskSid), CF, untyped(items), untyped(at), { receivedAt })
const syncItem = (data: Record<string, unknown>) => sync([{ key: CA, data: { ...syncData[CA], ...data } }])
const conference = (fields: Record<string, unknown>) => fromFlexConference(untyped({ ...flexConferencePlain, ...fields }), requestedAt, { receivedAt })
const conferenceLeg = (fields: Record<string, unknown>) => conference({ participants: [{ ...FLEX_CONFERENCE_PARTICIPANTS[0], ...fields }] })

/** Hand-made actions for the reducer's own door: plugin authors dispatch our actions directly. */
const raw = <A>(action: A) => () => action
const MB = 'x'.repeat(1 << 20)

interface Row {
  /** `reducer` for a hand-made action the reducer itself refuses. */
  source: string
  /** Names the field, in the reason. */
  reason: RegExp
  act: () => { type: string; payload?: unknown; meta?: unknown }
}

const rows: Array<[string, Row]> = [
  // fromTwilioStatusCallback
  ['callback: unknown StatusCallbackEvent', { source: TWILIO_STATUS_CALLBACK, reason: /^`StatusCallbackEvent` must be one of/, act: () => callback({ StatusCallbackEvent: 'participant-dance' }) }],
  ['callback: missing ConferenceSid', { source: TWILIO_STATUS_CALLBACK, reason: /^`ConferenceSid` is required/, act: () => callback({ ConferenceSid: undefined }) }],
  ['callback: participant event without CallSid', { source: TWILIO_STATUS_CALLBACK, reason: /^`CallSid` is required for participant-join/, act: () => callback({ CallSid: undefined }) }],
  ['callback: Muted "yes"', { source: TWILIO_STATUS_CALLBACK, reason: /^`Muted` must be "true" or "false"/, act: () => callback({ Muted: 'yes' }) }],
  ['callback: Hold "TRUE"', { source: TWILIO_STATUS_CALLBACK, reason: /^`Hold` must be "true" or "false"/, act: () => callback({ Hold: 'TRUE' }) }],
  ['callback: negative SequenceNumber', { source: TWILIO_STATUS_CALLBACK, reason: /^`SequenceNumber` must be a non-negative integer/, act: () => callback({ SequenceNumber: '-3' }) }],
  ['callback: fractional SequenceNumber', { source: TWILIO_STATUS_CALLBACK, reason: /^`SequenceNumber` must be a non-negative integer/, act: () => callback({ SequenceNumber: '1.5' }) }],
  ['callback: SequenceNumber beyond 2^32', { source: TWILIO_STATUS_CALLBACK, reason: /^`SequenceNumber` must be at most/, act: () => callback({ SequenceNumber: '9999999999' }) }],
  ['callback: unparseable Timestamp', { source: TWILIO_STATUS_CALLBACK, reason: /^`Timestamp` must be an RFC 2822 date/, act: () => callback({ Timestamp: 'yesterday' }) }],
  ['callback: Timestamp on 31 February', { source: TWILIO_STATUS_CALLBACK, reason: /^`Timestamp` must be a valid date/, act: () => callback({ Timestamp: 'Sun, 31 Feb 2019 06:37:44 +0000' }) }],
  ['callback: __proto__ as ConferenceSid', { source: TWILIO_STATUS_CALLBACK, reason: /^`ConferenceSid` must be a Twilio SID/, act: () => callback({ ConferenceSid: '__proto__' }) }],
  ['callback: constructor as CallSid', { source: TWILIO_STATUS_CALLBACK, reason: /^`CallSid` must be a Twilio SID/, act: () => callback({ CallSid: 'constructor' }) }],
  ['callback: oversized ParticipantLabel', { source: TWILIO_STATUS_CALLBACK, reason: /^`ParticipantLabel` must be at most 128/, act: () => callback({ ParticipantLabel: 'x'.repeat(129) }) }],
  ['callback: nested array where a string belongs', { source: TWILIO_STATUS_CALLBACK, reason: /^`CallSid` must be a string or an array of strings/, act: () => callback({ CallSid: [[PUBLIC_LOG.callSid]] }) }],
  ['callback: object where a string belongs', { source: TWILIO_STATUS_CALLBACK, reason: /^`FriendlyName` must be a string or an array of strings/, act: () => callback({ FriendlyName: { nested: { junk: [1] } } }) }],
  [
    'callback: __proto__ as a label worker SID, through a naive classifier',
    { source: TWILIO_STATUS_CALLBACK, reason: /^`identity\.workerSid` "__proto__" is reserved/, act: () => callback({ ParticipantLabel: 'worker:__proto__' }, { classifyParticipant: (label: string) => ({ participantType: 'worker' as const, workerSid: label.split(':')[1] }) }) },
  ],
  [
    'callback: an own __proto__ key carrying a CallSid',
    { source: TWILIO_STATUS_CALLBACK, reason: /^`__proto__` must be a string or an array of strings/, act: () => fromTwilioStatusCallback(untyped(JSON.parse(`{"__proto__": {"CallSid": "${PUBLIC_LOG.callSid}"}, "StatusCallbackEvent": "participant-join", "ConferenceSid": "${PUBLIC_LOG.conferenceSid}"}`)), { receivedAt }) },
  ],
  ['callback: oversized body', { source: TWILIO_STATUS_CALLBACK, reason: /^body is larger than 16384/, act: () => fromTwilioStatusCallback(`CallSid=${'A'.repeat(16_400)}`, { receivedAt }) }],
  ['callback: ReasonConferenceEnded with markup', { source: TWILIO_STATUS_CALLBACK, reason: /^`ReasonConferenceEnded` must be a short token/, act: () => callback({ StatusCallbackEvent: 'conference-end', CallSid: undefined, ReasonConferenceEnded: '<script>' }) }],

  // fromTwilioParticipantList
  ['list: __proto__ as call_sid', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.call_sid` must be a Twilio SID/, act: () => list(customerLeg({ call_sid: '__proto__' })) }],
  ['list: unknown status', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.status` must be one of queued/, act: () => list(customerLeg({ status: 'in-progress' })) }],
  ['list: string boolean', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.muted` must be a boolean/, act: () => list(customerLeg({ muted: 'true' })) }],
  ['list: array where the label string belongs', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.label` must be a string/, act: () => list(customerLeg({ label: ['customer'] })) }],
  ['list: nested junk as call_sid', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants\[0\]\.call_sid` must be a string/, act: () => list(customerLeg({ call_sid: { deep: { deeper: [null] } } })) }],
  ['list: prototype as conferenceSid', { source: TWILIO_PARTICIPANT_LIST, reason: /^`conferenceSid` must be a Twilio SID/, act: () => list([], 'prototype') }],
  ['list: unparseable requestedAt', { source: TWILIO_PARTICIPANT_LIST, reason: /^`requestedAt` must be epoch milliseconds/, act: () => list([], LIST_CALL.conferenceSid, 'Tue, 14 May 2024') }],
  ['list: a page whose participants hide behind __proto__', { source: TWILIO_PARTICIPANT_LIST, reason: /^`participants` must be an array/, act: () => list(JSON.parse('{"__proto__": {"participants": []}}')) }],

  // fromEvoVoiceSession
  ['evo: the seed sample ("String" SIDs)', { source: EVO_VOICE_SESSION, reason: /^`callSid` must be a Twilio SID/, act: () => fromEvoVoiceSession(SEED_SAMPLE_BODY, requestedAt, { receivedAt }) }],
  ['evo: unknown member callState', { source: EVO_VOICE_SESSION, reason: /^`members\[0\]\.callState` must be one of/, act: () => evoMember({ callState: 'Dancing' }) }],
  ['evo: member muted "no"', { source: EVO_VOICE_SESSION, reason: /^`members\[0\]\.muted` must be a boolean/, act: () => evoMember({ muted: 'no' }) }],
  ['evo: constructor as member callSid', { source: EVO_VOICE_SESSION, reason: /^`members\[0\]\.callSid` must be a Twilio SID/, act: () => evoMember({ callSid: 'constructor' }) }],
  ['evo: oversized displayName', { source: EVO_VOICE_SESSION, reason: /^`members\[0\]\.displayName` must be at most 512/, act: () => evoMember({ displayName: 'x'.repeat(513) }) }],
  ['evo: numeric ended', { source: EVO_VOICE_SESSION, reason: /^`ended` must be a boolean/, act: () => evo({ ...conferenceWithTransfer, ended: 1 }) }],
  ['evo: members as an object', { source: EVO_VOICE_SESSION, reason: /^`members` must be an array/, act: () => evo({ ...conferenceWithTransfer, members: { 0: conferenceWithTransfer.members![0] } }) }],
  ['evo: JSON text cut short', { source: EVO_VOICE_SESSION, reason: /^body is not valid JSON/, act: () => evo('{"conferenceSid": "CF') }],

  // fromFlexParticipantEvent
  ['flex event: __proto__ as media CallSid', { source: FLEX_PARTICIPANT_EVENT, reason: /^`media_properties\.CallSid` must be a Twilio SID/, act: () => flexMedia({ CallSid: ['__proto__'] }) }],
  ['flex event: fractional media SequenceNumber', { source: FLEX_PARTICIPANT_EVENT, reason: /^`media_properties\.SequenceNumber` must be a non-negative integer/, act: () => flexMedia({ SequenceNumber: ['1.5'] }) }],
  ['flex event: ISO media Timestamp', { source: FLEX_PARTICIPANT_EVENT, reason: /^`media_properties\.Timestamp` must be an RFC 2822 date/, act: () => flexMedia({ Timestamp: ['2024-05-14T15:02:07Z'] }) }],
  ['flex event: bad media Hold', { source: FLEX_PARTICIPANT_EVENT, reason: /^`media_properties\.Hold` must be "true" or "false"/, act: () => flexMedia({ Hold: ['1'] }) }],
  ['flex event: constructor as worker_sid', { source: FLEX_PARTICIPANT_EVENT, reason: /^`routing_properties\.worker_sid` must be a Twilio SID/, act: () => flexEvent({ ...agentJoined, routing_properties: { ...workerRouting, worker_sid: 'constructor' } }) }],
  ['flex event: unknown type', { source: FLEX_PARTICIPANT_EVENT, reason: /^`type` must be one of agent/, act: () => flexEvent({ ...agentJoined, type: 'robot' }) }],
  ['flex event: no media properties', { source: FLEX_PARTICIPANT_EVENT, reason: /^`media_properties` is required/, act: () => flexEvent({ type: 'customer', routing_properties: null }) }],
  ['flex event: routing properties as an array', { source: FLEX_PARTICIPANT_EVENT, reason: /^`routing_properties` must be an object/, act: () => flexEvent({ ...customerJoined, routing_properties: [workerRouting] }) }],

  // fromFlexSyncConferenceItems
  ['sync: an own __proto__ key as a call SID', { source: FLEX_SYNC, reason: /^`items\.__proto__` must be a Twilio SID/, act: () => sync(JSON.parse('{"__proto__": {"status": "joined", "polluted": true}}')) }],
  ['sync: constructor as an item key', { source: FLEX_SYNC, reason: /^`items\[0\]\.key` must be a Twilio SID/, act: () => sync([{ key: 'constructor', data: { status: 'joined' } }]) }],
  ['sync: bad hold', { source: FLEX_SYNC, reason: /^`items\[0\]\.data\.hold` must be a boolean or "true"\/"false"/, act: () => syncItem({ hold: 'maybe' }) }],
  ['sync: unknown status', { source: FLEX_SYNC, reason: /^`items\[0\]\.data\.status` must be one of joined, left/, act: () => syncItem({ status: 'gone' }) }],
  ['sync: unknown conf_status', { source: FLEX_SYNC, reason: /^`items\[0\]\.data\.conf_status` must be one of setup/, act: () => syncItem({ conf_status: 'over' }) }],
  ['sync: array where worker_sid belongs', { source: FLEX_SYNC, reason: /^`items\[0\]\.data\.worker_sid` must be a Twilio SID/, act: () => syncItem({ worker_sid: [FLEX_TASK.workerSid] }) }],
  ['sync: prototype as taskSid', { source: FLEX_SYNC, reason: /^`taskSid` must be a Twilio SID/, act: () => sync(syncItems, 'prototype') }],
  ['sync: NaN requestedAt', { source: FLEX_SYNC, reason: /^`requestedAt` must be epoch milliseconds/, act: () => sync(syncItems, FLEX_TASK.taskSid, Number.NaN) }],

  // fromFlexConference
  ['flex conference: missing conferenceSid', { source: FLEX_CONFERENCE, reason: /^`conferenceSid` is required/, act: () => conference({ conferenceSid: undefined }) }],
  [
    'flex conference: a conferenceSid hidden behind __proto__',
    { source: FLEX_CONFERENCE, reason: /^`conferenceSid` is required/, act: () => fromFlexConference(untyped(JSON.parse(`{"__proto__": {"conferenceSid": "${CF}"}, "sid": "${FLEX_TASK.taskSid}"}`)), requestedAt, { receivedAt }) },
  ],
  ['flex conference: unknown status', { source: FLEX_CONFERENCE, reason: /^`status` must be one of setup/, act: () => conference({ status: 'joined' }) }],
  ['flex conference: string onHold', { source: FLEX_CONFERENCE, reason: /^`participants\[0\]\.onHold` must be a boolean/, act: () => conferenceLeg({ onHold: 'yes' }) }],
  ['flex conference: unknown participant status', { source: FLEX_CONFERENCE, reason: /^`participants\[0\]\.status` must be one of joined/, act: () => conferenceLeg({ status: 'talking' }) }],
  ['flex conference: array where participantType belongs', { source: FLEX_CONFERENCE, reason: /^`participants\[0\]\.participantType` must be a string/, act: () => conferenceLeg({ participantType: ['worker'] }) }],
  ['flex conference: oversized worker name', { source: FLEX_CONFERENCE, reason: /^`participants\[0\]\.worker\.fullName` must be at most 512/, act: () => conferenceLeg({ worker: { fullName: 'x'.repeat(10_000) } }) }],
  ['flex conference: a customer without callSid', { source: FLEX_CONFERENCE, reason: /^`participants\[0\]\.callSid` is required/, act: () => conferenceLeg({ callSid: null }) }],

  // Hand-made actions dispatched straight into the reducer
  ['reducer: __proto__ as callSid', { source: 'reducer', reason: /`callSid` "__proto__" is reserved/, act: raw(participantJoined({ conferenceSid: CF, callSid: '__proto__' }, receivedAt)) }],
  ['reducer: constructor as conferenceSid', { source: 'reducer', reason: /`conferenceSid` "constructor" is reserved/, act: raw(conferenceStarted({ conferenceSid: 'constructor' }, receivedAt)) }],
  ['reducer: negative sequence', { source: 'reducer', reason: /`sequence` must be an integer/, act: raw(participantHeld({ conferenceSid: CF, callSid: CA, sequence: -1 }, receivedAt)) }],
  ['reducer: fractional sequence', { source: 'reducer', reason: /`sequence` must be an integer/, act: raw(participantMuted({ conferenceSid: CF, callSid: CA, sequence: 2.5 }, receivedAt)) }],
  ['reducer: NaN timestamp', { source: 'reducer', reason: /`timestamp` must be epoch milliseconds/, act: raw(participantJoined({ conferenceSid: CF, callSid: CA, timestamp: Number.NaN }, receivedAt)) }],
  ['reducer: string flag', { source: 'reducer', reason: /`flags\.muted` must be a boolean/, act: raw(participantJoined(untyped({ conferenceSid: CF, callSid: CA, flags: { muted: 'yes' } }), receivedAt)) }],
  ['reducer: unknown participant type', { source: 'reducer', reason: /`identity\.participantType` must be one of/, act: raw(participantIdentified(untyped({ conferenceSid: CF, callSid: CA, identity: { participantType: 'boss' } }), receivedAt)) }],
  ['reducer: oversized leave reason', { source: 'reducer', reason: /`reason` must be at most 512/, act: raw(participantLeft({ conferenceSid: CF, callSid: CA, reason: 'x'.repeat(513) }, receivedAt)) }],
  [
    'reducer: a snapshot leg with an unknown status',
    { source: 'reducer', reason: /`participants\[0\]\.status` must be/, act: raw(conferenceSnapshotReceived(untyped({ conferenceSid: CF, requestedAt, source: 'app', participants: [{ callSid: CA, status: 'dancing' }] }), receivedAt)) },
  ],
  [
    'reducer: a snapshot with an unparseable requestedAt',
    { source: 'reducer', reason: /`requestedAt` must be epoch milliseconds/, act: raw(conferenceSnapshotReceived(untyped({ conferenceSid: CF, requestedAt: 'yesterday', source: 'app', participants: [] }), receivedAt)) },
  ],
  ['reducer: a batch member that is no conference event', { source: 'reducer', reason: /`type` a batch member must be a conference event/, act: raw(eventsReceived(untyped([{ type: 'conferences/participantDanced', payload: {} }]))) }],

  // Identity is a closed set of validated fields
  ...(['status', 'versions', 'changedAt', 'callSid', 'order'] as const).map((key): [string, Row] => [
    `reducer: identity key "${key}" (a record field)`,
    { source: 'reducer', reason: new RegExp(`\`identity\\.${key}\` is not a participant identity field`), act: raw(participantIdentified(untyped({ conferenceSid: CF, callSid: CA, identity: { [key]: 'left' } }), receivedAt)) },
  ]),
  ['reducer: identity key "constructor"', { source: 'reducer', reason: /`identity\.constructor` is not a participant identity field/, act: raw(participantIdentified(untyped({ conferenceSid: CF, callSid: CA, identity: JSON.parse('{"constructor":"x"}') }), receivedAt)) }],
  ['reducer: a worker SID without WK', { source: 'reducer', reason: /`identity\.workerSid` must be a SID starting with WK/, act: raw(participantJoined(untyped({ conferenceSid: CF, callSid: CA, identity: { workerSid: CA } }), receivedAt)) }],
  ['reducer: a coached leg that is not a key', { source: 'reducer', reason: /`identity\.callSidToCoach`/, act: raw(participantModified(untyped({ conferenceSid: CF, callSid: CA, identity: { callSidToCoach: 'CA 1; DROP' } }), receivedAt)) }],
  ['reducer: a coached call SID that is __proto__', { source: 'reducer', reason: /`identity\.callSidToCoach` "__proto__" is reserved/, act: raw(participantModified(untyped({ conferenceSid: CF, callSid: CA, identity: { callSidToCoach: '__proto__' } }), receivedAt)) }],
  ['reducer: a snapshot leg with an unknown identity key', { source: 'reducer', reason: /`participants\[0\]\.identity\.nickname` is not a participant identity field/, act: raw(conferenceSnapshotReceived(untyped({ conferenceSid: CF, requestedAt, source: 'app', participants: [{ callSid: CA, status: 'joined', identity: { nickname: 'x' } }] }), receivedAt)) }],
  ['reducer: a snapshot asOf that is no version clock', { source: 'reducer', reason: /`asOf` must be a version clock/, act: raw(conferenceSnapshotReceived(untyped({ conferenceSid: CF, requestedAt, asOf: 'now', source: 'app', participants: [] }), receivedAt)) }],

  // 1 MB in every string field an event carries
  ...([
    ['friendlyName', () => conferenceStarted(untyped({ conferenceSid: CF, friendlyName: MB }), receivedAt)],
    ['conferenceSid', () => conferenceStarted(untyped({ conferenceSid: MB }), receivedAt)],
    ['taskSid', () => conferenceStarted(untyped({ conferenceSid: CF, taskSid: MB }), receivedAt)],
    ['callSid', () => participantJoined(untyped({ conferenceSid: CF, callSid: MB }), receivedAt)],
    ['reason', () => participantLeft(untyped({ conferenceSid: CF, callSid: CA, reason: MB }), receivedAt)],
    ['callStatus', () => participantLeft(untyped({ conferenceSid: CF, callSid: CA, callStatus: MB }), receivedAt)],
    ['reasonEnded', () => conferenceEnded(untyped({ conferenceSid: CF, reasonEnded: MB }), receivedAt)],
    ['participantLabelEndingConference', () => conferenceEnded(untyped({ conferenceSid: CF, participantLabelEndingConference: MB }), receivedAt)],
    ['announceUrl', () => announcementFailed(untyped({ conferenceSid: CF, announceUrl: MB }), receivedAt)],
    ['identity.displayName', () => participantIdentified(untyped({ conferenceSid: CF, callSid: CA, identity: { displayName: MB } }), receivedAt)],
    ['identity.label', () => participantJoined(untyped({ conferenceSid: CF, callSid: CA, identity: { label: MB } }), receivedAt)],
    ['source', () => conferenceSnapshotReceived(untyped({ conferenceSid: CF, requestedAt, source: MB, participants: [] }), receivedAt)],
  ] as const).map(([field, make]): [string, Row] => [
    `reducer: 1 MB in ${field}`,
    { source: 'reducer', reason: new RegExp(`\`${field.replace('.', '\\.')}\` must be at most`), act: make },
  ]),
  [`reducer: a 1 MB identity key`, { source: 'reducer', reason: /is not a participant identity field/, act: raw(participantIdentified(untyped({ conferenceSid: CF, callSid: CA, identity: { [MB]: 'x' } }), receivedAt)) }],

  // State transfer
  [
    'merge: a conference with an unknown key',
    {
      source: 'conferences-merged',
      reason: /`conferences\[0\]\.evil` is not a field of an exported conference/,
      act: () => {
        const exported = selectConferenceExport({ conferences: conferencesReducer(undefined, participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, receivedAt)) })
        return conferencesMerged(untyped({ format: 1, conferences: [{ ...exported.conferences[0], evil: 1 }] }), receivedAt)
      },
    },
  ],
  ['merge: a conference SID that is __proto__', { source: 'conferences-merged', reason: /`conferences\[0\]\.conferenceSid`/, act: raw(conferencesMerged(untyped(JSON.parse('{"format":1,"conferences":[{"conferenceSid":"__proto__"}]}')), receivedAt)) }],
  ['merge: another format', { source: 'conferences-merged', reason: /`format` must be 1/, act: raw(conferencesMerged(untyped({ format: 2, conferences: [] }), receivedAt)) }],
]

/** A store that already holds the conferences the rows aim at, so that "unchanged" means something. */
function seededStore() {
  const store = createTestStore()
  store.dispatch(fromFlexParticipantEvent(customerJoined, { receivedAt: requestedAt - 60_000 }))
  store.dispatch(fromFlexParticipantEvent(agentJoined, { receivedAt: requestedAt - 59_000 }))
  store.dispatch(fromTwilioStatusCallback(join, { receivedAt: requestedAt - 58_000 }))
  store.dispatch(fromTwilioParticipantList(LIST_CALL.conferenceSid, [participantResource(LIST_CALL.customerCallSid, 'connected')], requestedAt - 57_000, { receivedAt: requestedAt - 56_000 }))
  store.dispatch(fromEvoVoiceSession(conferenceWithTransfer, requestedAt - 55_000, { receivedAt: requestedAt - 54_000 }))
  expect(store.getState().conferences.sidChunks.flat()).toEqual([CF, PUBLIC_LOG.conferenceSid, LIST_CALL.conferenceSid, EVO_CALL.conferenceSid])
  expect(store.getState().conferences.rejectedCount).toBe(0)
  return store
}

describe('hostile input', () => {
  test('the table holds at least 40 rows, from every adapter and the reducer', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
    const sources = new Set(rows.map(([, row]) => row.source))
    expect([...sources].sort()).toEqual(
      [EVO_VOICE_SESSION, FLEX_CONFERENCE, FLEX_PARTICIPANT_EVENT, FLEX_SYNC, TWILIO_PARTICIPANT_LIST, TWILIO_STATUS_CALLBACK, 'reducer', 'conferences-merged'].sort(),
    )
  })

  test.each(rows)('%s: refused naming the field; state unchanged; prototypes untouched', (_name, row) => {
    const warn = vi.spyOn(console, 'warn')
    const error = vi.spyOn(console, 'error')
    expectRefusedAlone(seededStore(), row, row.source === 'reducer' || row.source === 'conferences-merged' ? 'reducer' : 'adapter')
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
  })
})

/**
 * Getters and proxies in payloads, straight into the reducer: a store's development middlewares
 * read actions before the reducer does (and may throw there), so these rows skip the store.
 */
describe('hostile payloads that throw when read', () => {
  const throwingProxy = () =>
    new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') }, getPrototypeOf: () => { throw new Error('trap') } })
  test.each([
    ['a payload with a throwing getter', { type: participantJoined.type, get payload(): never { throw new Error('boom') }, meta: { receivedAt } }, /`payload` could not be read as plain data \(boom\)/],
    ['a payload behind a throwing proxy', { type: participantHeld.type, payload: throwingProxy(), meta: { receivedAt } }, /`payload` could not be read as plain data \(trap\)/],
    ['a meta behind a throwing proxy', { type: participantHeld.type, payload: { conferenceSid: CF, callSid: CA }, meta: throwingProxy() }, /`meta` could not be read as plain data \(trap\)/],
    ['a batch member with a throwing getter', eventsReceived(untyped([{ type: participantJoined.type, get payload(): never { throw new Error('boom') } }])), /a batch member could not be read as plain data/],
    ['a merge whose export throws when read', conferencesMerged(untyped({ format: 1, get conferences(): never { throw new Error('boom') } }), receivedAt), /could not be read/],
  ])('%s: recorded, nothing else changes, nothing throws', (_name, action, reason) => {
    const state = conferencesReducer(undefined, participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, receivedAt))
    const next = conferencesReducer(state, action as never)
    expect(next.table).toBe(state.table)
    expect(next.rejectedCount).toBe(state.rejectedCount + 1)
    expect(next.rejected.at(-1)?.reason).toMatch(reason)
  })
})

/**
 * A single action is read once into plain data before its check, as a batch member is: a getter
 * or proxy cannot answer one thing to the check and another to the reducer, and what the check
 * does not see (a non-enumerable or symbol-keyed property) the reducer does not read either.
 */
describe('single actions are read once into plain data', () => {
  const joined = () => conferencesReducer(undefined, participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, receivedAt))
  const modify = (payload: unknown) => ({ type: participantModified.type, payload, meta: { receivedAt } })
  const base = () => ({ conferenceSid: CF, callSid: CA, sequence: 2, flags: { muted: false } as Record<string, unknown>, identity: { label: 'customer' } as Record<string, unknown> })
  /** `base()` with `value` at `place` (`callSid`, `flags.onHold`, …), set by `define`. */
  const payloadWith = (place: string, define: (target: Record<string, unknown>, key: string) => void) => {
    const payload = base() as Record<string, unknown>
    const [outer, inner] = place.split('.') as [string, string | undefined]
    if (inner === undefined) define(payload, outer)
    else define(payload[outer] as Record<string, unknown>, inner)
    return payload
  }
  const places = ['conferenceSid', 'callSid', 'sequence', 'timestamp', 'flags.onHold', 'flags.muted', 'identity.displayName', 'identity.participantType', 'identity.workerSid']
  const value = fc.oneof(
    fc.constantFrom<unknown>(true, false, 'worker', 'not-a-type', fakeSid('WK', 1), fakeSid('CA', 9), 3, 'x'.repeat(100_000), { not: 'a boolean' }),
    fc.anything(),
  )

  test('a getter is read once, and the state is that of a plain payload holding its first answer', () => {
    fc.assert(
      fc.property(fc.constantFrom(...places), value, value, (place, first, later) => {
        let reads = 0
        const hostile = payloadWith(place, (target, key) => {
          Reflect.deleteProperty(target, key)
          Object.defineProperty(target, key, { enumerable: true, configurable: true, get: () => (reads++ === 0 ? first : later) })
        })
        // Deleted and set again, so its key comes last in both (the rejection log shows the payload).
        const plain = payloadWith(place, (target, key) => {
          Reflect.deleteProperty(target, key)
          target[key] = first
        })
        const state = joined()
        const next = conferencesReducer(state, modify(hostile))
        expect(reads).toBe(1)
        expect(next).toEqual(conferencesReducer(state, modify(plain)))
      }),
      { numRuns: scaledRuns(2_000, 200) },
    )
  })

  test.each([
    ['a non-enumerable flag that is not a boolean', 'flags.onHold', { not: 'a boolean' }],
    ['a non-enumerable 1 MB display name', 'identity.displayName', 'z'.repeat(1 << 20)],
    ['a non-enumerable participant type that is not one', 'identity.participantType', 'boss'],
    ['a non-enumerable call SID of 100,000 characters', 'callSid', 'x'.repeat(100_000)],
  ])('%s is neither checked nor read: the state is that of the payload without it', (_name, place, hidden) => {
    const hostile = payloadWith(place, (target, key) => {
      Reflect.deleteProperty(target, key)
      Object.defineProperty(target, key, { enumerable: false, value: hidden })
    })
    const without = payloadWith(place, (target, key) => { Reflect.deleteProperty(target, key) })
    const state = joined()
    const next = conferencesReducer(state, modify(hostile))
    expect(next).toEqual(conferencesReducer(state, modify(without)))
    expect(JSON.stringify(next)).not.toContain(typeof hidden === 'string' ? hidden.slice(0, 200) : 'a boolean')
  })

  test('a symbol-keyed member is neither checked nor read', () => {
    const hostile = payloadWith('identity.label', (target) => { (target as Record<symbol, unknown>)[Symbol('displayName')] = 'z'.repeat(1 << 20) })
    const state = joined()
    expect(conferencesReducer(state, modify(hostile))).toEqual(conferencesReducer(state, modify(base())))
  })
})

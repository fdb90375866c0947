/**
 * Hostile input for the Amazon Connect and Genesys Cloud sources, one row each (as in
 * table.test.ts), then random input (as in fuzz.test.ts): each row is refused with a reason naming
 * the field, recorded, changes no conference and reaches no prototype; random input never throws,
 * and whatever the adapters accept, the reducer accepts too.
 */
import fc from 'fast-check'
import { describe, expect, it, test, vi } from 'vitest'
import {
  selectConferenceSids,
  conferencesReducer,
  type ConferencesState,
} from 'conference-state'
import {
  CONNECT_CONTACT,
  fromConnectContact,
} from 'conference-state/connect'
import {
  createGenesysConversationReader,
  fromGenesysConversation,
  GENESYS_CONVERSATION,
} from 'conference-state/genesys'
import { createTestStore } from 'conference-state/testing'
import { expectRefusedAlone } from './expectRefusedAlone'
import agentView from '../fixtures/real-clients/amazon-connect-streams-2/a-agent-view-3-party-call.json'
import rest from '../fixtures/real-clients/genesys-cloud/a-rest-conversation.json'
import callsTopic from '../fixtures/real-clients/genesys-cloud/d-notification-v2.users.id.conversations.calls.json'
import { revive } from '../fixtures/real-clients/revive'

const receivedAt = 1_765_379_400_000
const untyped = <T>(value: unknown) => value as T

const contactData = revive(agentView.steps[4]!.snapshotView.contactData)
const connect = (input: unknown, options = {}) => fromConnectContact(untyped(input), { receivedAt, ...options })
const contactWith = (fields: Record<string, unknown>) => connect({ ...contactData, ...fields })
const connectionWith = (fields: Record<string, unknown>) => contactWith({ connections: [{ ...contactData.connections[0], ...fields }] })

const restConversation = rest.steps[6]!.returnedBySdk
const notification = callsTopic.steps[6]!.message
const genesys = (input: unknown, options = {}) => fromGenesysConversation(untyped(input), { receivedAt, ...options })
const conversationWith = (fields: Record<string, unknown>) => genesys({ ...restConversation, ...fields })
const participantWith = (fields: Record<string, unknown>) =>
  genesys({ ...notification, eventBody: { ...notification.eventBody, participants: [{ ...notification.eventBody.participants[0], ...fields }] } })
const callWith = (fields: Record<string, unknown>) =>
  conversationWith({ participants: [{ ...restConversation.participants[0], calls: [{ ...restConversation.participants[0]!.calls[0], ...fields }] }] })

const rows: Array<[string, { source: string; reason: RegExp; act: () => { type: string; payload?: unknown } }]> = [
  ['connect: not an object', { source: CONNECT_CONTACT, reason: /contact must be a Connect contact/, act: () => connect('contact') }],
  ['connect: a snapshot without contactData', { source: CONNECT_CONTACT, reason: /^`contactData` is required/, act: () => connect({ contactData: undefined }) }],
  ['connect: __proto__ as contactId', { source: CONNECT_CONTACT, reason: /^`contactId` must not be a reserved name/, act: () => contactWith({ contactId: '__proto__' }) }],
  ['connect: a contactId with a slash', { source: CONNECT_CONTACT, reason: /^`contactId` must be a plain identifier/, act: () => contactWith({ contactId: 'a/b' }) }],
  ['connect: a chat contact', { source: CONNECT_CONTACT, reason: /^`type` must be one of voice, queue_callback/, act: () => contactWith({ type: 'chat' }) }],
  ['connect: unknown contact state', { source: CONNECT_CONTACT, reason: /^`state\.type` must be one of/, act: () => contactWith({ state: { type: 'dancing' } }) }],
  ['connect: connections not an array', { source: CONNECT_CONTACT, reason: /^`connections` must be an array/, act: () => contactWith({ connections: {} }) }],
  ['connect: too many connections', { source: CONNECT_CONTACT, reason: /^`connections` must list at most 250/, act: () => contactWith({ connections: Array.from({ length: 251 }, () => contactData.connections[0]) }) }],
  ['connect: constructor as connectionId', { source: CONNECT_CONTACT, reason: /^`connections\[0\]\.connectionId` must not be a reserved name/, act: () => connectionWith({ connectionId: 'constructor' }) }],
  ['connect: unknown connection type', { source: CONNECT_CONTACT, reason: /^`connections\[0\]\.type` must be one of agent, inbound/, act: () => connectionWith({ type: 'robot' }) }],
  ['connect: unknown connection state', { source: CONNECT_CONTACT, reason: /^`connections\[0\]\.state\.type` must be one of/, act: () => connectionWith({ state: { type: 'ringing' } }) }],
  ['connect: mute as a string', { source: CONNECT_CONTACT, reason: /^`connections\[0\]\.mute` must be a boolean/, act: () => connectionWith({ mute: 'true' }) }],
  ['connect: unknown monitorStatus', { source: CONNECT_CONTACT, reason: /^`connections\[0\]\.monitorStatus` must be one of/, act: () => connectionWith({ monitorStatus: 'WHISPER' }) }],
  ['connect: oversized endpoint name', { source: CONNECT_CONTACT, reason: /^`connections\[0\]\.endpoint\.name` must be at most 512/, act: () => connectionWith({ endpoint: { name: 'x'.repeat(10_000) } }) }],
  ['connect: a bad state timestamp', { source: CONNECT_CONTACT, reason: /^`connections\[0\]\.state\.timestamp` must be an ISO-8601 date/, act: () => connectionWith({ state: { type: 'connected', timestamp: 'yesterday' } }) }],
  ['connect: a connection listed twice', { source: CONNECT_CONTACT, reason: /^`connections\[1\]\.connectionId` lists/, act: () => contactWith({ connections: [contactData.connections[0], contactData.connections[0]] }) }],
  ['connect: a throwing toSnapshot', { source: CONNECT_CONTACT, reason: /could not be read: gone/, act: () => connect({ toSnapshot: () => { throw new Error('gone') } }) }],
  ['connect: an agentId with a slash', { source: CONNECT_CONTACT, reason: /^`agentId` must be a plain identifier/, act: () => connect(contactData, { agentId: 'arn:aws:connect:x/agent/y' }) }],
  ['connect: a non-numeric requestedAt', { source: CONNECT_CONTACT, reason: /^`requestedAt` must be epoch milliseconds/, act: () => connect(contactData, { requestedAt: untyped('now') }) }],

  ['genesys: not an object', { source: GENESYS_CONVERSATION, reason: /conversation must be a Genesys conversation/, act: () => genesys(42) }],
  ['genesys: an envelope without a body', { source: GENESYS_CONVERSATION, reason: /^`eventBody` is required/, act: () => genesys({ topicName: 'v2.users.x.conversations', eventBody: undefined }) }],
  ['genesys: prototype as conversation id', { source: GENESYS_CONVERSATION, reason: /^`id` must not be a reserved name/, act: () => conversationWith({ id: 'prototype' }) }],
  ['genesys: participants not an array', { source: GENESYS_CONVERSATION, reason: /^`participants` must be an array/, act: () => conversationWith({ participants: 'all' }) }],
  ['genesys: too many participants', { source: GENESYS_CONVERSATION, reason: /^`participants` must list at most 250/, act: () => conversationWith({ participants: Array.from({ length: 251 }, () => restConversation.participants[0]) }) }],
  ['genesys: __proto__ as participant id', { source: GENESYS_CONVERSATION, reason: /^`eventBody\.participants\[0\]\.id` must not be a reserved name/, act: () => participantWith({ id: '__proto__' }) }],
  ['genesys: unknown call state', { source: GENESYS_CONVERSATION, reason: /^`eventBody\.participants\[0\]\.state` must be one of/, act: () => participantWith({ state: 'ringing' }) }],
  ['genesys: held as a string', { source: GENESYS_CONVERSATION, reason: /^`eventBody\.participants\[0\]\.held` must be a boolean/, act: () => participantWith({ held: 'false' }) }],
  ['genesys: a purpose that is not a token', { source: GENESYS_CONVERSATION, reason: /^`eventBody\.participants\[0\]\.purpose` must be a short token/, act: () => participantWith({ purpose: 'agent; drop table' }) }],
  ['genesys: a monitored id with a slash', { source: GENESYS_CONVERSATION, reason: /^`eventBody\.participants\[0\]\.monitoredParticipantId` must be a plain identifier/, act: () => participantWith({ monitoredParticipantId: '../x' }) }],
  ['genesys: a user id that is reserved', { source: GENESYS_CONVERSATION, reason: /^`eventBody\.participants\[0\]\.user\.id` must not be a reserved name/, act: () => participantWith({ user: { id: 'constructor' } }) }],
  ['genesys: oversized name', { source: GENESYS_CONVERSATION, reason: /^`eventBody\.participants\[0\]\.name` must be at most 512/, act: () => participantWith({ name: 'x'.repeat(10_000) }) }],
  ['genesys: a bad connectedTime', { source: GENESYS_CONVERSATION, reason: /^`participants\[0\]\.calls\[0\]\.connectedTime` must be an ISO-8601 date/, act: () => callWith({ connectedTime: 'Wed, 10 Dec 2025' }) }],
  ['genesys: a call state that is a number', { source: GENESYS_CONVERSATION, reason: /^`participants\[0\]\.calls\[0\]\.state` must be one of/, act: () => callWith({ state: 3 }) }],
  ['genesys: a participant listed twice', { source: GENESYS_CONVERSATION, reason: /^`participants\[1\]\.id` lists/, act: () => conversationWith({ participants: [restConversation.participants[0], restConversation.participants[0]] }) }],
  ['genesys: a throwing getter', { source: GENESYS_CONVERSATION, reason: /could not be read: trap/, act: () => genesys(Object.defineProperty({ id: 'c1' }, 'participants', { enumerable: true, get: () => { throw new Error('trap') } })) }],
]

describe('hostile Connect and Genesys input', () => {
  test('rows from both sources', () => {
    expect(new Set(rows.map(([, row]) => row.source))).toEqual(new Set([CONNECT_CONTACT, GENESYS_CONVERSATION]))
  })

  test.each(rows)('%s: refused naming the field; state unchanged; prototypes untouched', (_name, row) => {
    const warn = vi.spyOn(console, 'warn')
    const error = vi.spyOn(console, 'error')
    const store = createTestStore()
    store.dispatch(connect(contactData))
    store.dispatch(genesys(restConversation))
    expect(selectConferenceSids(store.getState())).toHaveLength(2)
    expectRefusedAlone(store, row)
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
  })
})

const RUNS = 1_500
const initial = (): ConferencesState => conferencesReducer(undefined, { type: 'init' })
function expectHarmless(action: { type: string; payload?: unknown } | null) {
  if (action === null) return
  const state = conferencesReducer(initial(), action)
  if (action.type !== 'conferences/eventRejected') expect(state.rejected).toEqual([])
  expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

/** Mostly `value`, sometimes anything at all. */
const likely = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: fc.anything(), weight: 1 })
const id = fc.oneof(fc.uuid(), fc.constantFrom('__proto__', 'constructor', 'a/b', ''), fc.string({ maxLength: 12 }))
const time = fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.string({ maxLength: 10 }))

describe('Connect and Genesys adapters under random input', () => {
  it(`fromConnectContact never throws (${RUNS} inputs)`, () => {
    const connection = fc.record(
      {
        connectionId: likely(id),
        type: likely(fc.constantFrom('agent', 'inbound', 'outbound', 'monitoring')),
        initial: likely(fc.boolean()),
        state: likely(fc.record({ type: likely(fc.constantFrom('init', 'connecting', 'connected', 'hold', 'disconnected', 'silent_monitor', 'barge')), timestamp: likely(fc.oneof(time, fc.date())) })),
        mute: likely(fc.boolean()),
        forcedMute: likely(fc.boolean()),
        monitorStatus: likely(fc.constantFrom('SILENT_MONITOR', 'BARGE', null)),
        endpoint: likely(fc.record({ type: likely(fc.constantFrom('agent', 'queue', 'phone_number')), name: likely(fc.string({ maxLength: 20 })) })),
      },
      { requiredKeys: [] },
    )
    const contact = fc.record(
      {
        contactId: likely(id),
        type: likely(fc.constantFrom('voice', 'chat')),
        state: likely(fc.record({ type: likely(fc.constantFrom('connected', 'ended', 'init')) })),
        initiationMethod: likely(fc.constantFrom('inbound', 'monitor')),
        connections: likely(fc.array(connection, { maxLength: 5 })),
      },
      { requiredKeys: [] },
    )
    const input = fc.oneof(contact, contact.map((contactData) => ({ contactData })), contact.map((data) => ({ toSnapshot: () => ({ contactData: data }) })), fc.anything())
    fc.assert(fc.property(input, fc.option(likely(id)), (value, agentId) => expectHarmless(fromConnectContact(untyped(value), untyped({ receivedAt: 1, agentId: agentId ?? undefined })))), { numRuns: RUNS })
  }, 120_000)

  it(`fromGenesysConversation and its reader never throw (${RUNS} inputs)`, () => {
    const call = fc.record(
      {
        state: likely(fc.constantFrom('alerting', 'connected', 'disconnected', 'terminated', 'dialing')),
        held: likely(fc.boolean()),
        muted: likely(fc.boolean()),
        confined: likely(fc.boolean()),
        connectedTime: likely(time),
      },
      { requiredKeys: [] },
    )
    const participant = fc.record(
      {
        id: likely(id),
        purpose: likely(fc.constantFrom('agent', 'user', 'customer', 'acd', 'ivr', 'external')),
        userId: likely(id),
        monitoredParticipantId: likely(id),
        coachedParticipantId: likely(id),
        state: likely(fc.constantFrom('connected', 'alerting', 'disconnected')),
        muted: likely(fc.boolean()),
        endTime: likely(time),
        calls: likely(fc.array(call, { maxLength: 3 })),
      },
      { requiredKeys: [] },
    )
    const conversation = fc.record({ id: likely(id), participants: likely(fc.array(participant, { maxLength: 5 })) }, { requiredKeys: [] })
    const input = fc.oneof(conversation, conversation.map((eventBody) => ({ topicName: 'v2.users.u.conversations.calls', eventBody })), fc.anything())
    const reader = createGenesysConversationReader({ maxConversations: 8 })
    fc.assert(
      fc.property(input, (value) => {
        expectHarmless(fromGenesysConversation(untyped(value), { receivedAt: 1 }))
        expectHarmless(reader(untyped(value), { receivedAt: 1 }))
      }),
      { numRuns: RUNS },
    )
  }, 120_000)
})

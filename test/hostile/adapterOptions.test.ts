/**
 * An adapter's `options` are input too: `null`, a number, a getter that throws or a revoked
 * proxy is refused with a rejection naming `options`, never thrown, and options are read once,
 * so a getter cannot hand the check one value and the reading another.
 */
import { describe, expect, it } from 'vitest'
import { conferenceSnapshotReceived, eventRejected, type ConferenceEvent } from 'conference-state'
import { fromConnectContact } from 'conference-state/connect'
import { fromEvoVoiceSession } from 'conference-state/evo-voice'
import { fromFlexConference, fromFlexParticipantEvent, fromFlexSyncConferenceItems } from 'conference-state/flex'
import { createGenesysConversationReader, fromGenesysConversation } from 'conference-state/genesys'
import { fakeSid } from 'conference-state/testing'
import { fromTwilioParticipantList, fromTwilioStatusCallback } from 'conference-state/twilio'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)
const receivedAt = 1_700_000_000_000

/** Each adapter with input it accepts, called with the options given. */
const ADAPTERS: Record<string, (options: never) => ConferenceEvent | null> = {
  fromTwilioStatusCallback: (options) =>
    fromTwilioStatusCallback({ StatusCallbackEvent: 'participant-join', ConferenceSid: CF, CallSid: CA, SequenceNumber: '1' }, options),
  fromTwilioParticipantList: (options) => fromTwilioParticipantList(CF, [], receivedAt, options),
  fromFlexParticipantEvent: (options) =>
    fromFlexParticipantEvent({ media_properties: { StatusCallbackEvent: 'participant-join', ConferenceSid: CF, CallSid: CA, SequenceNumber: '1' } }, options),
  fromFlexSyncConferenceItems: (options) => fromFlexSyncConferenceItems(fakeSid('WT', 1), CF, [], receivedAt, options),
  fromFlexConference: (options) => fromFlexConference({ conferenceSid: CF }, receivedAt, options),
  fromEvoVoiceSession: (options) => fromEvoVoiceSession({ conferenceSid: CF }, receivedAt, options),
  fromConnectContact: (options) => fromConnectContact({ contactId: 'contact-1', connections: [] } as never, options),
  fromGenesysConversation: (options) => fromGenesysConversation({ id: 'conversation-1', participants: [] }, options),
  'a Genesys conversation reader': (options) => createGenesysConversationReader()({ id: 'conversation-1', participants: [] }, options),
}

const revoked = Proxy.revocable({}, {})
revoked.revoke()

const HOSTILE_OPTIONS: Array<[string, unknown, RegExp]> = [
  ['null', null, /`options` must be an object, got null/],
  ['a number', 42, /`options` must be an object, got number/],
  ['a getter that throws', { get receivedAt(): number { throw new Error('getter threw') } }, /`options` could not be read: getter threw/],
  ['a revoked proxy', revoked.proxy, /`options` could not be read/],
]

describe.each(Object.entries(ADAPTERS))('%s', (_name, adapt) => {
  it.each(HOSTILE_OPTIONS)('refuses options that are %s, naming `options`', (_kind, options, reason) => {
    const action = adapt(options as never)
    if (action === null || !eventRejected.match(action)) throw new Error(`expected a rejection, got ${action?.type}`)
    expect(action.payload.field).toBe('options')
    expect(action.payload.reason).toMatch(reason)
  })

  it('reads options once: a getter cannot change its answer between reads', () => {
    let reads = 0
    const flipping = {
      get receivedAt() {
        reads += 1
        return reads === 1 ? receivedAt : Number.NaN
      },
    }
    const action = adapt(flipping as never)
    expect(action?.meta.receivedAt).toBe(receivedAt)
    expect(reads).toBe(1)
  })
})

it('a Genesys reader made with null options keeps its default bound', () => {
  const read = createGenesysConversationReader(null as never)
  const action = read({ id: 'conversation-1', participants: [] }, { receivedAt })
  expect(action !== null && conferenceSnapshotReceived.match(action)).toBe(true)
})

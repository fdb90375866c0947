/**
 * Every snapshot adapter takes `asOf` (the conference's clock read before the request) as an
 * option: it is carried onto the payload, and a value that is not a version clock is refused
 * naming `asOf`, never thrown. Then, through the reducer: a late Twilio participant list taken
 * before a hold does not undo the hold (docs/architecture.md, "Snapshots").
 */
import { describe, expect, it } from 'vitest'
import {
  conferenceSnapshotReceived,
  eventRejected,
  participantHeld,
  participantJoined,
  selectConferenceClock,
  selectParticipant,
  selectRejectedEvents,
  type ConferenceEvent,
} from 'conference-state'
import { fromConnectContact, type ConnectContactInput } from 'conference-state/connect'
import { fromEvoVoiceSession } from 'conference-state/evo-voice'
import { fromFlexConference, fromFlexSyncConferenceItems } from 'conference-state/flex'
import { createGenesysConversationReader, fromGenesysConversation, type GenesysConversationInput } from 'conference-state/genesys'
import { createTestStore } from 'conference-state/testing'
import { fromTwilioParticipantList } from 'conference-state/twilio'
import { conferenceWithTransfer } from '../fixtures/evoVoiceSessions'
import { FLEX_TASK, flexConferencePlain, syncItems } from '../fixtures/flex'
import agentView from '../fixtures/real-clients/amazon-connect-streams-2/a-agent-view-3-party-call.json'
import rest from '../fixtures/real-clients/genesys-cloud/a-rest-conversation.json'
import { LIST_CALL, participantResource, threeLegs } from '../fixtures/twilioParticipants'

const requestedAt = 1_765_379_200_000
const receivedAt = requestedAt + 250

/** Each snapshot adapter, reading a valid input of its own with the given `asOf`. */
const ADAPTERS: ReadonlyArray<[string, (asOf: unknown) => ConferenceEvent | null]> = [
  ['fromTwilioParticipantList', (asOf) => fromTwilioParticipantList(LIST_CALL.conferenceSid, threeLegs, requestedAt, { receivedAt, asOf: asOf as number })],
  ['fromEvoVoiceSession', (asOf) => fromEvoVoiceSession(conferenceWithTransfer, requestedAt, { receivedAt, asOf: asOf as number })],
  ['fromFlexConference', (asOf) => fromFlexConference(flexConferencePlain, requestedAt, { receivedAt, asOf: asOf as number })],
  [
    'fromFlexSyncConferenceItems',
    (asOf) => fromFlexSyncConferenceItems(FLEX_TASK.taskSid, FLEX_TASK.conferenceSid, syncItems, requestedAt, { receivedAt, asOf: asOf as number }),
  ],
  [
    'fromConnectContact',
    (asOf) => fromConnectContact(agentView.steps[4]!.snapshotView as unknown as ConnectContactInput, { receivedAt, agentId: 'alice', asOf: asOf as number }),
  ],
  [
    'fromGenesysConversation',
    (asOf) => fromGenesysConversation(rest.steps[6]!.returnedBySdk as GenesysConversationInput, { receivedAt, requestedAt, asOf: asOf as number }),
  ],
  [
    'createGenesysConversationReader',
    (asOf) => createGenesysConversationReader()(rest.steps[6]!.returnedBySdk as GenesysConversationInput, { receivedAt, requestedAt, asOf: asOf as number }),
  ],
]

const NOT_A_CLOCK: readonly unknown[] = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3', null, { valueOf: () => 3 }]

describe.each(ADAPTERS)('%s takes asOf', (_name, read) => {
  it('carries asOf onto the snapshot payload', () => {
    for (const asOf of [0, 7, 123_456]) {
      const action = read(asOf)
      expect(action !== null && conferenceSnapshotReceived.match(action)).toBe(true)
      expect((action as ReturnType<typeof conferenceSnapshotReceived>).payload.asOf).toBe(asOf)
    }
  })

  it('leaves asOf off the payload when it is not given', () => {
    const action = read(undefined) as ReturnType<typeof conferenceSnapshotReceived>
    expect(conferenceSnapshotReceived.match(action)).toBe(true)
    expect(Object.hasOwn(action.payload, 'asOf')).toBe(false)
  })

  it('refuses a value that is not a version clock, naming asOf, without throwing', () => {
    for (const asOf of NOT_A_CLOCK) {
      const action = read(asOf)
      expect(action !== null && eventRejected.match(action), String(asOf)).toBe(true)
      const { payload } = action as ReturnType<typeof eventRejected>
      expect(payload.field).toBe('asOf')
      expect(payload.reason).toMatch(/^`asOf` must be a version clock/)
    }
  })
})

describe('a late snapshot taken before a hold does not undo the hold (Twilio participant list, through the reducer)', () => {
  const CF = LIST_CALL.conferenceSid
  const [first, second] = threeLegs.map((leg) => leg.call_sid) as [string, string]
  const T = requestedAt

  /** Two legs joined; the list is requested, then (in the same millisecond) the first leg is held. */
  function heldWhileListing() {
    const store = createTestStore()
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: first, sequence: 1 }, T - 2_000))
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: second, sequence: 2 }, T - 1_000))
    const asOf = selectConferenceClock(store.getState(), CF) // read before the request is sent
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: first, sequence: 3 }, T))
    // The list Twilio answered was taken before the hold: both legs connected, neither on hold.
    const list = [
      participantResource(first, 'connected', { hold: false }),
      participantResource(second, 'connected', { hold: false }),
    ]
    return { store, asOf, list }
  }

  it('with asOf, the hold stands although the list arrives after it', () => {
    const { store, asOf, list } = heldWhileListing()
    expect(asOf).toBeGreaterThan(0)
    store.dispatch(fromTwilioParticipantList(CF, list, T, { receivedAt: T + 300, asOf }))
    const state = store.getState()
    expect(selectRejectedEvents(state)).toEqual([])
    expect(selectParticipant(state, CF, first)).toMatchObject({ status: 'joined', onHold: true })
    expect(selectParticipant(state, CF, second)).toMatchObject({ status: 'joined', onHold: false })
    // The list's own news still lands: it wrote just above asOf, below the hold.
    expect(selectConferenceClock(state, CF)).toBeGreaterThan(asOf)
  })

  it('with only requestedAt, a hold in the same millisecond as the request cannot be told apart, and is undone', () => {
    // What asOf is for: the clock log records arrivals by the millisecond.
    const { store, list } = heldWhileListing()
    store.dispatch(fromTwilioParticipantList(CF, list, T, { receivedAt: T + 300 }))
    expect(selectParticipant(store.getState(), CF, first)).toMatchObject({ onHold: false })
  })
})

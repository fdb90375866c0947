/**
 * `fromGenesysConversation` and its stale filter against the Genesys Cloud recordings
 * (test/fixtures/real-clients/genesys-cloud): what `purecloud-platform-client-v2` returns for
 * `getConversation` / `getConversationsCall` (the HTTP body, unchanged) and the notifications of
 * `v2.users.{id}.conversations` and `v2.users.{id}.conversations.calls`, for the same 8-step call.
 * The SDK itself is not installed here (it is large); the payloads type-check against its models.
 */
import { describe, expect, it } from 'vitest'
import {
  conferenceSnapshotReceived,
  currentWorkerIdentified,
  selectConferenceView,
  type ConferenceEvent,
  type ConferenceSnapshotPayload,
  type SnapshotParticipant,
} from 'conference-state'
import {
  createGenesysConversationReader,
  fromGenesysConversation,
  type GenesysConversationInput,
} from 'conference-state/genesys'
import { createTestStore } from 'conference-state/testing'
import rest from '../fixtures/real-clients/genesys-cloud/a-rest-conversation.json'
import restCall from '../fixtures/real-clients/genesys-cloud/b-rest-call-conversation.json'
import topic from '../fixtures/real-clients/genesys-cloud/c-notification-v2.users.id.conversations.json'
import callsTopic from '../fixtures/real-clients/genesys-cloud/d-notification-v2.users.id.conversations.calls.json'

const receivedAt = 1_765_379_300_000
const CONVERSATION = rest.steps[0]!.returnedBySdk.id
const ids = rest.steps[6]!.returnedBySdk.participants.map((p) => p.id)
const [CUSTOMER, ACD, AGENT, COLLEAGUE, SUPERVISOR] = ids as [string, string, string, string, string]
const AGENT_USER = '1a6f1d2e-0b7c-4e3a-9f5d-7c2b8e4a6d01'

const snapshotOf = (action: ConferenceEvent | null): ConferenceSnapshotPayload => {
  if (action === null || !conferenceSnapshotReceived.match(action)) throw new Error(`expected a snapshot, got ${JSON.stringify(action?.payload)}`)
  return action.payload
}
const read = (input: unknown, at = receivedAt) => fromGenesysConversation(input as GenesysConversationInput, { receivedAt: at })

/** Every shape of step `index`: REST conversation, REST call conversation, both notifications. */
const shapesOf = (index: number): unknown[] => [
  rest.steps[index]!.returnedBySdk,
  restCall.steps[index]!.returnedBySdk,
  topic.steps[index]!.message,
  callsTopic.steps[index]!.message,
]
/** Legs without what only some shapes carry (the ACD queue's name is only in the REST conversation). */
const comparable = (legs: readonly SnapshotParticipant[]) =>
  legs.map(({ identity, ...leg }) => {
    const { queueName: _onlyInRest, ...rest } = identity ?? {}
    return { ...leg, identity: rest }
  })

describe('fromGenesysConversation with the Genesys Cloud models', () => {
  it('reads the four shapes of every step into the same legs', () => {
    for (let index = 0; index < rest.steps.length; index++) {
      const [first, ...others] = shapesOf(index).map((shape) => snapshotOf(read(shape)))
      expect(first?.conferenceSid).toBe(CONVERSATION)
      for (const other of others) expect(comparable(other.participants), rest.steps[index]!.step).toStrictEqual(comparable(first!.participants))
    }
  })

  it('maps the 2-party call: the acd leg left, the agent is the user', () => {
    const snapshot = snapshotOf(read(rest.steps[0]!.returnedBySdk))
    expect(snapshot.status).toBe('active')
    expect(snapshot.participants).toStrictEqual([
      {
        callSid: CUSTOMER,
        status: 'joined',
        flags: { onHold: false, muted: false, coaching: false },
        identity: { participantType: 'customer', displayName: 'Mobile Number, California' },
      },
      {
        callSid: ACD,
        status: 'left',
        flags: { onHold: false, muted: false, coaching: false },
        identity: { participantType: 'transfer', displayName: 'Support', queueSid: '4d904051-3eaf-4b6d-8c80-af5ebc7d9004', queueName: 'Support' },
      },
      {
        callSid: AGENT,
        status: 'joined',
        flags: { onHold: false, muted: false, coaching: false },
        identity: { participantType: 'worker', workerSid: AGENT_USER, displayName: 'Alice Agent' },
      },
    ])
  })

  it('puts the confined customer on hold, not the agent who holds', () => {
    const legs = snapshotOf(read(topic.steps[1]!.message)).participants
    expect(legs.find((leg) => leg.callSid === CUSTOMER)?.flags?.onHold).toBe(true)
    expect(legs.find((leg) => leg.callSid === AGENT)?.flags?.onHold).toBe(false)
  })

  it('shows an alerting consult as connecting, then joined', () => {
    expect(snapshotOf(read(callsTopic.steps[2]!.message)).participants.find((leg) => leg.callSid === COLLEAGUE)?.status).toBe('connecting')
    expect(snapshotOf(read(callsTopic.steps[3]!.message)).participants.find((leg) => leg.callSid === COLLEAGUE)?.status).toBe('joined')
  })

  it('shows monitoring and coaching as a supervisor leg with its target', () => {
    const monitoring = snapshotOf(read(rest.steps[5]!.returnedBySdk)).participants.find((leg) => leg.callSid === SUPERVISOR)
    expect(monitoring).toMatchObject({
      status: 'joined',
      flags: { muted: true, coaching: false },
      identity: { participantType: 'supervisor', monitoredCallSid: AGENT },
    })
    const coaching = snapshotOf(read(rest.steps[6]!.returnedBySdk)).participants.find((leg) => leg.callSid === SUPERVISOR)
    expect(coaching).toMatchObject({
      flags: { muted: false, coaching: true },
      identity: { participantType: 'supervisor', monitoredCallSid: AGENT, callSidToCoach: AGENT },
    })
  })

  it('feeding each notification keeps the view right, with "me" from the user ID', () => {
    const store = createTestStore()
    store.dispatch(currentWorkerIdentified({ workerSid: AGENT_USER }))
    const views = callsTopic.steps.map((step, index) => {
      store.dispatch(read(step.message, receivedAt + index * 1000))
      return selectConferenceView(store.getState(), CONVERSATION)
    })
    expect(views[1]).toMatchObject({ isCustomerOnHold: true, isMyselfOnHold: false, liveParticipantCount: 2 })
    expect(views[4]).toMatchObject({ liveParticipantCount: 3, isGroupCall: true })
    expect(views[6]?.participants.find((leg) => leg.callSid === SUPERVISOR)).toMatchObject({ coaching: true, callSidToCoach: AGENT })
    expect(views[6]?.liveParticipantCount).toBe(3)
    expect(views[7]).toMatchObject({ isMyselfMuted: true })
    expect(views[7]?.participants.find((leg) => leg.callSid === COLLEAGUE)?.status).toBe('recently_left')
  })

  it('refuses what it cannot read, naming the field', () => {
    const message = callsTopic.steps[0]!.message
    const badState = { ...message, eventBody: { ...message.eventBody, participants: [{ ...message.eventBody.participants[0], state: 'ringing' }] } }
    expect(read(badState).payload).toMatchObject({ field: 'eventBody.participants[0].state' })
    expect(read({ ...rest.steps[0]!.returnedBySdk, id: 'constructor' }).payload).toMatchObject({ field: 'id' })
    expect(read(null).payload).toMatchObject({ source: 'genesys-conversation' })
  })
})

describe('createGenesysConversationReader', () => {
  it('drops a payload older than one already read, and reads equal or newer ones', () => {
    const reader = createGenesysConversationReader()
    expect(reader(callsTopic.steps[5]!.message as GenesysConversationInput)).not.toBeNull()
    // A REST response fetched before the supervisor joined arrives late.
    expect(reader(rest.steps[3]!.returnedBySdk as GenesysConversationInput)).toBeNull()
    // Coaching adds no time: same latest time, still read.
    expect(snapshotOf(reader(callsTopic.steps[6]!.message as GenesysConversationInput)).participants).toHaveLength(5)
    expect(reader(callsTopic.steps[7]!.message as GenesysConversationInput)).not.toBeNull()
  })

  it('reads the payload that ends a hold, though Genesys drops `startHoldTime` with it', () => {
    const reader = createGenesysConversationReader()
    const store = createTestStore()
    const held = callsTopic.steps[1]!.message
    // The agent resumes: the same conversation with nobody held or confined and no hold time, as
    // in the recording's step 4, where the customer's second hold has ended.
    const resumed = structuredClone(held)
    for (const participant of resumed.eventBody.participants as Array<Record<string, unknown>>) {
      participant.held = false
      participant.confined = false
      delete participant.startHoldTime
    }
    const muted = structuredClone(resumed)
    for (const participant of muted.eventBody.participants as Array<Record<string, unknown>>) {
      if (participant.purpose === 'agent') participant.muted = true
    }
    const legOf = (id: string) => selectConferenceView(store.getState(), CONVERSATION)?.participants.find((leg) => leg.callSid === id)
    for (const [payload, at] of [[held, receivedAt], [resumed, receivedAt + 10_000], [muted, receivedAt + 20_000]] as const) {
      const action = reader(payload as GenesysConversationInput, { receivedAt: at })
      expect(action).not.toBeNull()
      store.dispatch(action!)
      if (payload === held) expect(legOf(CUSTOMER)?.onHold).toBe(true)
    }
    expect(legOf(CUSTOMER)?.onHold).toBe(false)
    expect(legOf(AGENT)?.muted).toBe(true)
  })

  it('passes rejections on and forgets the oldest conversation past its bound', () => {
    const reader = createGenesysConversationReader({ maxConversations: 1 })
    expect(reader(null as never)?.type).toBe('conferences/eventRejected')
    const later = callsTopic.steps[7]!.message.eventBody
    const earlier = callsTopic.steps[0]!.message.eventBody
    expect(reader(later as GenesysConversationInput)).not.toBeNull()
    expect(reader({ ...later, id: 'other-conversation' } as GenesysConversationInput)).not.toBeNull()
    // The first conversation was forgotten: an older payload of it is read again.
    expect(reader(earlier as GenesysConversationInput)).not.toBeNull()
  })
})

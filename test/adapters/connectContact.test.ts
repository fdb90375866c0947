/**
 * `fromConnectContact` against the real `amazon-connect-streams` package: live `connect.Contact`
 * objects built by its `AgentDataProvider` and `Agent`, their `toSnapshot()`, and the recorded
 * contact data (test/fixtures/real-clients/amazon-connect-streams-2).
 */
import { describe, expect, it } from 'vitest'
import {
  conferenceSnapshotReceived,
  currentWorkerIdentified,
  eventRejected,
  selectConferenceView,
  type ConferenceEvent,
  type ConferenceSnapshotPayload,
} from 'conference-state'
import {
  fromConnectContact,
  type ConnectContactInput,
} from 'conference-state/connect'
import { createTestStore } from 'conference-state/testing'
import agentView from '../fixtures/real-clients/amazon-connect-streams-2/a-agent-view-3-party-call.json'
import supervisorView from '../fixtures/real-clients/amazon-connect-streams-2/b-supervisor-view-monitoring.json'
import { contactsAfterUpdate, streams } from '../fixtures/real-clients/connectStreams'
import { revive } from '../fixtures/real-clients/revive'

const receivedAt = 1_765_379_200_000
const agentId = 'alice'
const CONTACT = agentView.steps[0]!.snapshotView.contactData.contactId
const [AGENT, CUSTOMER, THIRD_PARTY, SUPERVISOR] = agentView.steps[4]!.snapshotView.contactData.connections.map((c) => c.connectionId) as [
  string,
  string,
  string,
  string,
]

const snapshotOf = (action: ConferenceEvent): ConferenceSnapshotPayload => {
  if (!conferenceSnapshotReceived.match(action)) throw new Error(`expected a snapshot, got ${JSON.stringify(action.payload)}`)
  return action.payload
}
const read = (input: unknown, at = receivedAt) => fromConnectContact(input as ConnectContactInput, { receivedAt: at, agentId })

/** The live Contact of a recorded step, as the CCP hands it to `connect.contact` callbacks. */
const liveContact = (step: { agentDataSentToCcp: { snapshot: unknown } }) => {
  const [contact] = contactsAfterUpdate(revive(step.agentDataSentToCcp.snapshot))
  if (contact === undefined) throw new Error('no contact')
  return contact
}

describe('fromConnectContact with amazon-connect-streams 2.x', () => {
  it('reads a live Contact, its toSnapshot() and the recorded contact data alike', () => {
    for (const step of agentView.steps) {
      const contact = liveContact(step)
      const fromContact = snapshotOf(read(contact))
      expect(snapshotOf(read(contact.toSnapshot())), step.step).toStrictEqual(fromContact)
      expect(snapshotOf(read(revive(step.snapshotView.contactData))), step.step).toStrictEqual(fromContact)
      expect(snapshotOf(read(new streams.ContactSnapshot(revive(step.snapshotView.contactData))))).toStrictEqual(fromContact)
    }
  })

  it('maps the three-party call: hold, mute, a connecting third party', () => {
    const snapshot = snapshotOf(read(liveContact(agentView.steps[1]!)))
    expect(snapshot).toMatchObject({ conferenceSid: CONTACT, status: 'active', source: 'connect-contact' })
    expect(snapshot.participants).toStrictEqual([
      { callSid: AGENT, status: 'joined', flags: { onHold: false, muted: true }, identity: { participantType: 'worker', workerSid: agentId } },
      { callSid: CUSTOMER, status: 'joined', flags: { onHold: true, muted: false }, identity: { participantType: 'customer' } },
      {
        callSid: THIRD_PARTY,
        status: 'connecting',
        flags: { onHold: false, muted: false },
        identity: { participantType: 'external', displayName: 'Billing desk' },
      },
    ])
  })

  it('shows a barging supervisor as a supervisor leg on the agent, and a forced mute as muted', () => {
    const barge = snapshotOf(read(liveContact(agentView.steps[5]!)))
    expect(barge.participants[3]).toStrictEqual({
      callSid: SUPERVISOR,
      status: 'joined',
      flags: { onHold: false, muted: false },
      identity: { participantType: 'supervisor', monitoredCallSid: AGENT },
    })
    expect(barge.participants[1]?.flags).toStrictEqual({ onHold: false, muted: true })
  })

  it('in the supervisor’s own monitoring contact, "me" is the monitoring connection', () => {
    const [silent, barging] = supervisorView.steps.map((step) => snapshotOf(read(revive(step.snapshotView.contactData))))
    const monitoredAgent = supervisorView.steps[0]!.snapshotView.contactData.connections[1]!.connectionId
    expect(silent?.participants[0]).toMatchObject({
      status: 'joined',
      flags: { muted: true },
      identity: { participantType: 'supervisor', workerSid: agentId, monitoredCallSid: monitoredAgent },
    })
    expect(silent?.participants[1]?.identity).toStrictEqual({ participantType: 'worker', displayName: 'Alice Agent' })
    expect(barging?.participants[0]?.flags).toStrictEqual({ onHold: false, muted: false })
  })

  it('feeding each refresh keeps the store right: the view follows the call step by step', () => {
    const store = createTestStore()
    store.dispatch(currentWorkerIdentified({ workerSid: agentId }))
    const views = agentView.steps.slice(0, 7).map((step, index) => {
      store.dispatch(read(liveContact(step), receivedAt + index * 1000))
      return selectConferenceView(store.getState(), CONTACT)
    })
    expect(views[1]).toMatchObject({ isCustomerOnHold: true, isMyselfMuted: true, liveParticipantCount: 2 })
    expect(views[3]).toMatchObject({ isCustomerOnHold: false, liveParticipantCount: 3, isGroupCall: true })
    expect(views[4]?.liveParticipantCount).toBe(3)
    expect(views[6]?.participants.find((leg) => leg.callSid === THIRD_PARTY)?.status).toBe('recently_left')
    expect(views[6]?.myParticipants.map((leg) => leg.callSid)).toStrictEqual([AGENT])
  })

  it('a new contact with the agent connection in init is connecting, its conference in setup', () => {
    const snapshot = snapshotOf(read(liveContact(agentView.steps[7]!)))
    expect(snapshot.status).toBe('setup')
    expect(snapshot.participants.map((leg) => leg.status)).toStrictEqual(['connecting', 'connecting'])
  })

  it('refuses what it cannot read, naming the field', () => {
    const data = revive(agentView.steps[0]!.snapshotView.contactData)
    const badState = { ...data, connections: [{ ...data.connections[0], state: { type: 'ringing' } }] }
    expect(read(badState).payload).toMatchObject({ field: 'connections[0].state.type' })
    expect(read({ contactData: { ...data, contactId: '__proto__' } }).payload).toMatchObject({ field: 'contactData.contactId' })
    expect(read({ ...data, type: 'chat' }).payload).toMatchObject({ field: 'type' })
    expect(eventRejected.match(fromConnectContact(data as never, { agentId: 'a/b' }))).toBe(true)
    expect(read({ toSnapshot: () => { throw new Error('gone') } }).payload).toMatchObject({ reason: expect.stringContaining('gone') as unknown })
  })
})

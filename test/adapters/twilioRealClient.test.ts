/**
 * `fromTwilioParticipantList` against what the real `twilio` package (6.x) hands an app:
 * `client.conferences(sid).participants.list()` built by the real client over a stubbed
 * `httpClient` answering with the recorded REST page (test/fixtures/real-clients/twilio-node-6).
 */
import { describe, expect, it } from 'vitest'
import twilio from 'twilio'
import {
  conferenceSnapshotReceived,
  eventRejected,
  selectConferenceView,
  type ConferenceEvent,
  type ConferenceSnapshotPayload,
  type EventRejectedPayload,
} from 'conference-state'
import {
  fromTwilioParticipantList,
  TWILIO_PARTICIPANT_LIST,
  type TwilioParticipantListInput,
} from 'conference-state/twilio'
import { createTestStore } from 'conference-state/testing'
import page from '../fixtures/real-clients/twilio-node-6/a-rest-participants-page.json'
import recorded from '../fixtures/real-clients/twilio-node-6/b-participant-instances.json'

const ACCOUNT_SID = 'ACe268443e43d93dab7ebef303bbe9642f'
const CONFERENCE_SID = 'CF46e593bb35f08f00ed459794a7b4ebce'
const [customerLeg, workerLeg, supervisorLeg] = page.body.participants.map((leg) => leg.call_sid) as [string, string, string]
/** The page as `fetch(…).json()` gives it (JSON imports widen `status` to `string`). */
const restPage = page.body as TwilioParticipantListInput
const requestedAt = 1_765_379_100_000
const receivedAt = requestedAt + 250

/** A real client whose HTTP layer answers every request with the recorded page. */
function clientAnswering(body: unknown) {
  const requests: Array<{ method: string; uri: string }> = []
  const httpClient = {
    request(options: { method: string; uri: string }) {
      requests.push({ method: options.method, uri: options.uri })
      return Promise.resolve({ statusCode: 200, body: JSON.stringify(body), headers: {} })
    },
  }
  // The stub covers the one method `list()` calls; the real RequestClient needs the network.
  const client = twilio(ACCOUNT_SID, 'test-auth-token', { httpClient: httpClient as never })
  return { client, requests }
}

const listed = async () => {
  const { client, requests } = clientAnswering(page.body)
  const instances = await client.conferences(CONFERENCE_SID).participants.list()
  return { instances, requests }
}

const snapshotOf = (action: ConferenceEvent): ConferenceSnapshotPayload => {
  if (!conferenceSnapshotReceived.match(action)) throw new Error(`expected a snapshot, got ${JSON.stringify(action.payload)}`)
  return action.payload
}
const rejectionOf = (action: ConferenceEvent): EventRejectedPayload => {
  if (!eventRejected.match(action)) throw new Error(`expected a rejection, got ${action.type}`)
  return action.payload
}

describe('fromTwilioParticipantList with the twilio package', () => {
  it('the stub answers the request the real client makes, and the client builds ParticipantInstances', async () => {
    const { instances, requests } = await listed()
    expect(requests).toStrictEqual([{ method: 'get', uri: recorded.httpRequestsMadeByClient[0]?.uri }])
    expect(instances).toHaveLength(3)
    expect(instances[0]?.constructor.name).toBe('ParticipantInstance')
    expect(instances[0]?.dateCreated).toBeInstanceOf(Date)
    expect(Object.keys(instances[2] ?? {})).toStrictEqual(recorded.instances[2]?.ownEnumerableKeys)
  })

  it('reads list() output, its toJSON() and the raw page into the same snapshot', async () => {
    const { instances } = await listed()
    const fromInstances = snapshotOf(fromTwilioParticipantList(CONFERENCE_SID, instances, requestedAt, { receivedAt }))
    const fromJson = snapshotOf(
      fromTwilioParticipantList(CONFERENCE_SID, instances.map((instance) => instance.toJSON()), requestedAt, { receivedAt }),
    )
    const fromPage = snapshotOf(fromTwilioParticipantList(CONFERENCE_SID, restPage, requestedAt, { receivedAt }))
    expect(fromInstances).toStrictEqual(fromPage)
    expect(fromJson).toStrictEqual(fromPage)
    expect(fromPage.source).toBe(TWILIO_PARTICIPANT_LIST)
    expect(fromPage.participants).toStrictEqual([
      {
        callSid: customerLeg,
        status: 'joined',
        flags: { muted: false, onHold: true, coaching: false, startConferenceOnEnter: true, endConferenceOnExit: true },
        identity: { participantType: 'customer', label: 'customer' },
      },
      {
        callSid: workerLeg,
        status: 'joined',
        flags: { muted: false, onHold: false, coaching: false, startConferenceOnEnter: true, endConferenceOnExit: false },
        identity: expect.objectContaining({ participantType: 'worker' }) as never,
      },
      {
        callSid: supervisorLeg,
        status: 'joined',
        flags: { muted: false, onHold: false, coaching: true, startConferenceOnEnter: false, endConferenceOnExit: false },
        identity: expect.objectContaining({ participantType: 'supervisor', callSidToCoach: workerLeg }) as never,
      },
    ])
  })

  it('reads the JSON text of toJSON() (ISO dates) as well', async () => {
    const { instances } = await listed()
    const roundTripped: unknown = JSON.parse(JSON.stringify(instances))
    const action = fromTwilioParticipantList(CONFERENCE_SID, roundTripped as typeof instances, requestedAt, { receivedAt })
    expect(snapshotOf(action).participants).toHaveLength(3)
  })

  it('shows on the view whom the coaching supervisor whispers to', async () => {
    const { instances } = await listed()
    const store = createTestStore()
    store.dispatch(fromTwilioParticipantList(CONFERENCE_SID, instances, requestedAt, { receivedAt }))
    const legs = selectConferenceView(store.getState(), CONFERENCE_SID)?.participants ?? []
    expect(legs.find((leg) => leg.callSid === supervisorLeg)?.callSidToCoach).toBe(workerLeg)
    expect(legs.find((leg) => leg.callSid === workerLeg)?.callSidToCoach).toBeUndefined()
  })

  it('names a bad field of an instance in its own camelCase spelling', async () => {
    const { instances } = await listed()
    const broken = instances.map((instance, index) => (index === 1 ? { ...instance.toJSON(), callSidToCoach: 'CA-not-a-sid' } : instance))
    const rejection = rejectionOf(fromTwilioParticipantList(CONFERENCE_SID, broken, requestedAt, { receivedAt }))
    expect(rejection.field).toBe('participants[1].callSidToCoach')
    expect(rejection.reason).toContain('`participants[1].callSidToCoach` must be a Twilio SID')
    const missing = instances.map((instance, index) => (index === 2 ? { ...instance.toJSON(), status: undefined } : instance))
    expect(rejectionOf(fromTwilioParticipantList(CONFERENCE_SID, missing as never, requestedAt, { receivedAt })).reason).toBe(
      '`participants[2].status` is required',
    )
  })

  it('refuses an instance listed under another conference', async () => {
    const { instances } = await listed()
    const other = 'CF00112233445566778899aabbccddeeff'
    expect(rejectionOf(fromTwilioParticipantList(other, instances, requestedAt, { receivedAt })).field).toBe(
      'participants[0].conferenceSid',
    )
  })
})

/**
 * The Flex adapters against what Flex UI 2.17.1's own code produced (recordings in
 * test/fixtures/real-clients/flex-2.17.1; see its README for how each file was made): raw
 * TaskRouter events, Flex's decoded events, the TaskRouter SDK's `getParticipants()` entries,
 * `ConferenceParticipant` instances and their `.source`, the Sync map `<TaskSid>.CS`, and the
 * outbound-transfer placeholder.
 */
import { describe, expect, it } from 'vitest'
import {
  conferenceSnapshotReceived,
  eventRejected,
  selectConferenceView,
  type ConferenceEvent,
  type ConferenceSnapshotPayload,
} from 'conference-state'
import {
  fromFlexConference,
  fromFlexParticipantEvent,
  fromFlexSyncConferenceItems,
  type FlexConferenceMirror,
  type FlexParticipantEvent,
  type FlexSyncConferenceItemsInput,
} from 'conference-state/flex'
import { createTestStore } from 'conference-state/testing'
import raw from '../fixtures/real-clients/flex-2.17.1/a-raw-taskrouter-participant-events.json'
import decoded from '../fixtures/real-clients/flex-2.17.1/b-decoded-participant-events.json'
import rest from '../fixtures/real-clients/flex-2.17.1/b2-rest-participants-and-decodeParticipantClass.json'
import timeline from '../fixtures/real-clients/flex-2.17.1/c-d-conference-state-timeline.json'
import sync from '../fixtures/real-clients/flex-2.17.1/e-sync-map-source.json'
import placeholders from '../fixtures/real-clients/flex-2.17.1/f-outbound-transfer-placeholder.json'
import SIDS from '../fixtures/real-clients/flex-2.17.1/sids.json'
import { revive } from '../fixtures/real-clients/revive'

const receivedAt = 1_765_379_500_000
const requestedAt = receivedAt - 100

const read = (event: unknown) => fromFlexParticipantEvent(event as FlexParticipantEvent, { receivedAt })
const accepted = (action: ConferenceEvent) => {
  if (eventRejected.match(action)) throw new Error(`rejected: ${action.payload.reason}`)
  return action
}
const snapshotOf = (action: ConferenceEvent): ConferenceSnapshotPayload => {
  if (!conferenceSnapshotReceived.match(action)) throw new Error(`expected a snapshot, got ${JSON.stringify(action.payload)}`)
  return action.payload
}

/**
 * A stand-in for Flex's `ConferenceParticipant` class: like the real one (see the recorded
 * `ownEnumerableKeys` and `getters`), only `_source`, `_participantType` and
 * `participantLeftTimestamp` are own properties; the rest are prototype getters over `_source`.
 */
class ConferenceParticipantLike {
  participantLeftTimestamp: number | undefined = undefined
  constructor(
    private readonly _source: { type: string; mediaProperties: Record<string, unknown>; routingProperties?: Record<string, unknown> },
    private readonly _participantType = _source.type === 'agent' ? 'worker' : _source.type,
  ) {}
  get source() {
    return this._source
  }
  get mediaProperties() {
    return this._source.mediaProperties
  }
  get participantType() {
    return this._participantType
  }
  get callSid() {
    return this._source.mediaProperties.callSid
  }
  get workerSid() {
    return this._source.routingProperties?.workerSid
  }
}

describe('fromFlexParticipantEvent with Flex 2.17.1 shapes', () => {
  const rawActions = raw.events.map((event) => accepted(read(event.payload)))

  it('accepts every raw TaskRouter event and keeps the worker’s routing properties', () => {
    const workerJoin = rawActions[1]
    expect(workerJoin?.payload).toMatchObject({
      callSid: SIDS.CALL_A,
      identity: { participantType: 'worker', workerSid: SIDS.WORKER_A, reservationSid: SIDS.RES_A, taskSid: SIDS.TASK },
    })
  })

  it('reads each decoded event (camelCase, real booleans, numeric sequence) exactly as its raw event', () => {
    expect(decoded.items.map((item) => item.name)).toStrictEqual(raw.events.map((event) => event.name))
    decoded.items.forEach((item, index) => {
      expect(accepted(read(revive(item.decoded))), item.name).toStrictEqual(rawActions[index])
    })
  })

  it('makes isMyself work from decoded camelCase routing properties', () => {
    const store = createTestStore()
    store.dispatch({ type: 'conferences/currentWorkerIdentified', payload: { workerSid: SIDS.WORKER_A } })
    for (const item of decoded.items.slice(0, 2)) store.dispatch(read(revive(item.decoded)))
    const me = selectConferenceView(store.getState(), SIDS.CONFERENCE)?.participants.filter((leg) => leg.isMyself)
    expect(me?.map((leg) => leg.callSid)).toStrictEqual([SIDS.CALL_A])
  })

  it('reads the TaskRouter SDK getParticipants() entries (camelCase keys, string arrays) as Flex decodes them', () => {
    rest.cbmParticipantInstances.forEach((entry, index) => {
      const fromSdk = accepted(read(revive(entry.instance)))
      const fromDecoder = accepted(read(revive(rest.decodeParticipantClassOutput[index])))
      expect(fromSdk).toStrictEqual(fromDecoder)
      expect(fromSdk.payload).toHaveProperty('callSid')
    })
  })

  it('reads a ConferenceParticipant instance and its .source alike, routing from the source', () => {
    const step = timeline.steps.find((s) => s.step === 'worker_join')
    const recorded = step?.state.conferences[0]?.conference.participants ?? []
    expect(recorded).toHaveLength(2)
    for (const participant of recorded) {
      const source = revive(participant.source)
      const fromSource = accepted(read(source))
      const fromInstance = accepted(read(new ConferenceParticipantLike(source)))
      expect(fromInstance).toStrictEqual(fromSource)
    }
    const worker = accepted(read(new ConferenceParticipantLike(revive(recorded[1]!.source))))
    expect(worker.payload).toMatchObject({ identity: { participantType: 'worker', workerSid: SIDS.WORKER_A } })
  })

  it('handles every ChannelParticipantType value, agent and external included', () => {
    const base = revive(decoded.items[0]!.decoded)
    const types = ['customer', 'supervisor', 'agent', 'worker', 'external', 'unknown', 'transfer']
    const readTypes = types.map((type) => accepted(read({ ...base, type })).payload)
    expect(readTypes.map((payload) => ('identity' in payload ? payload.identity?.participantType : undefined))).toStrictEqual([
      'customer', 'supervisor', 'worker', 'worker', 'external', undefined, 'transfer',
    ])
  })

  it('refuses a participant Flex decoded from a Sync item: it is no event', () => {
    const fromSync = revive(sync.decodeSyncParticipantOfInitialItems[0]!.decodeSyncParticipant)
    expect(read(fromSync).payload).toMatchObject({ field: 'mediaProperties.StatusCallbackEvent', reason: expect.stringContaining('is required') as unknown })
  })

  it('names a bad decoded field in the input’s spelling', () => {
    const base = revive(decoded.items[1]!.decoded)
    const bad = { ...base, routingProperties: { ...base.routingProperties, workerSid: 'not-a-sid' } }
    expect(read(bad).payload).toMatchObject({ field: 'routingProperties.workerSid' })
    const badMedia = { ...base, mediaProperties: { ...base.mediaProperties, callSid: 'CA-nope' } }
    expect(read(badMedia).payload).toMatchObject({ field: 'mediaProperties.callSid' })
  })
})

describe('fromFlexSyncConferenceItems with the Sync map Flex reads', () => {
  const page = sync.syncItemsPage as unknown as FlexSyncConferenceItemsInput

  it('reads the conf_status item as the conference and every other item as a leg keyed by call SID', () => {
    const snapshot = snapshotOf(fromFlexSyncConferenceItems(SIDS.TASK, SIDS.CONFERENCE, page, requestedAt, { receivedAt }))
    expect(snapshot.status).toBe('active')
    expect(snapshot.taskSid).toBe(SIDS.TASK)
    const keys = sync.syncItemsPage.items.map((item) => item.key).filter((key) => key !== 'conf_status')
    expect(snapshot.participants.map((leg) => leg.callSid)).toStrictEqual(keys)
    expect(snapshot.participants[0]).toMatchObject({ status: 'joined', flags: { onHold: false, muted: false, endConferenceOnExit: true } })
  })

  it('refuses a conf_status item of another conference, naming it', () => {
    const items = sync.syncItemsPage.items.map((item) =>
      item.key === 'conf_status' ? { ...item, data: { status: 'active', conference_sid: 'CF00112233445566778899aabbccddeeff' } } : item,
    )
    expect(fromFlexSyncConferenceItems(SIDS.TASK, SIDS.CONFERENCE, items as never, requestedAt, { receivedAt }).payload).toMatchObject({
      field: 'items[0].data.conference_sid',
    })
  })
})

describe('fromFlexConference with the outbound-transfer placeholder', () => {
  const conferenceWith = (placeholder: Record<string, unknown>): FlexConferenceMirror => ({
    sid: SIDS.TASK,
    conferenceSid: SIDS.CONFERENCE,
    status: 'active',
    participants: [
      { callSid: SIDS.CALL_CUST, participantType: 'customer', status: 'joined', onHold: true, muted: false, connecting: false },
      { callSid: SIDS.CALL_A, participantType: 'worker', status: 'joined', workerSid: SIDS.WORKER_A, reservationSid: SIDS.RES_A },
      placeholder as never,
    ],
  })

  it('turns a transfer to a queue (WQ… as workerSid) into a connecting transfer leg', () => {
    const getters = revive(placeholders.items[0]!.placeholder.getters)
    const snapshot = snapshotOf(fromFlexConference(conferenceWith(getters), requestedAt, { receivedAt }))
    expect(snapshot.participants[2]).toStrictEqual({
      callSid: `transfer:${SIDS.QUEUE_BILLING}`,
      status: 'connecting',
      flags: {},
      identity: { participantType: 'transfer', queueSid: SIDS.QUEUE_BILLING },
    })
  })

  it('turns a transfer to a worker into a transfer leg targeting that worker', () => {
    const toWorker = placeholders.items.find((item) => item.placeholder.getters.workerSid.startsWith('WK'))
    const snapshot = snapshotOf(fromFlexConference(conferenceWith(revive(toWorker!.placeholder.getters)), requestedAt, { receivedAt }))
    expect(snapshot.participants[2]?.identity).toStrictEqual({ participantType: 'transfer', workerSid: SIDS.WORKER_B })
  })

  it('still refuses a queue SID as the worker of a leg that is not a transfer', () => {
    const conference = conferenceWith({ callSid: SIDS.CALL_B, participantType: 'worker', status: 'joined', workerSid: SIDS.QUEUE_BILLING })
    expect(fromFlexConference(conference, requestedAt, { receivedAt }).payload).toMatchObject({ field: 'participants[2].workerSid' })
  })
})

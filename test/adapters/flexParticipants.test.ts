import { describe, expect, it, test, vi } from 'vitest'
import {
  conferenceEnded,
  conferenceSnapshotReceived,
  currentWorkerIdentified,
  eventRejected,
  participantJoined,
  selectConferenceRecord,
  selectConferenceViewByTaskSid,
  selectIsCustomerOnHold,
  selectIsMyselfMuted,
  selectLiveParticipantCount,
  selectLiveWorkerCount,
  selectParticipant,
  selectParticipants,
  selectRejectedEvents,
  type ConferenceEvent,
  type ConferenceSnapshotPayload,
  type EventRejectedPayload,
  type ParticipantEventPayload,
  type StateWithConferences,
} from 'conference-state'
import {
  createFlexConferencesStateSelector,
  FLEX_CONFERENCE,
  FLEX_PARTICIPANT_EVENT,
  FLEX_SYNC,
  fromFlexConference,
  fromFlexParticipantEvent,
  fromFlexSyncConferenceItems,
  type FlexConferenceMirror,
  type FlexMediaProperties,
  type FlexParticipantEvent,
  type FlexParticipantEventOptions,
  type FlexSyncConferenceItemsInput,
  type FlexSyncMapItem,
  type FlexSyncParticipantData,
} from 'conference-state/flex'
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import { createTestStore } from 'conference-state/testing'
import {
  agentJoined,
  agentLeft,
  agentMuted,
  customerHeld,
  customerJoined,
  externalJoined,
  FLEX_CONFERENCE_PARTICIPANTS,
  FLEX_TASK,
  flexConference,
  flexConferencePlain,
  mediaProperties,
  syncData,
  syncItems,
  transferAgentJoined,
  workerRouting,
} from '../fixtures/flex'

const requestedAt = 1_715_699_000_000
const receivedAt = requestedAt + 250

const rejectionOf = (action: ConferenceEvent): EventRejectedPayload => {
  if (!eventRejected.match(action)) throw new Error(`expected a rejection, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

const snapshotOf = (action: ConferenceEvent): ConferenceSnapshotPayload => {
  if (!conferenceSnapshotReceived.match(action)) throw new Error(`expected a snapshot, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

const participantPayloadOf = (action: ConferenceEvent): ParticipantEventPayload => {
  if (!('callSid' in action.payload) || eventRejected.match(action)) throw new Error(`expected a participant event, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload as ParticipantEventPayload
}

const watchConsole = () => ({ warn: vi.spyOn(console, 'warn'), error: vi.spyOn(console, 'error') })

describe('fromFlexParticipantEvent', () => {
  const read = (event: FlexParticipantEvent, options: FlexParticipantEventOptions = {}) => fromFlexParticipantEvent(event, { receivedAt, ...options })
  const readUntyped = (event: unknown, options: FlexParticipantEventOptions = {}) => read(event as FlexParticipantEvent, options)
  const withMedia = (event: FlexParticipantEvent, extra: Record<string, unknown>): FlexParticipantEvent => ({
    ...event,
    media_properties: { ...(event.media_properties as object), ...extra } as FlexMediaProperties,
  })

  it("turns an agent's join into participantJoined, identity from its type and routing properties", () => {
    expect(read(agentJoined)).toStrictEqual({
      type: 'conferences/participantJoined',
      payload: {
        conferenceSid: FLEX_TASK.conferenceSid,
        sequence: 2,
        timestamp: Date.parse('Tue, 14 May 2024 15:02:09 +0000'),
        friendlyName: FLEX_TASK.taskSid,
        taskSid: FLEX_TASK.taskSid,
        accountSid: FLEX_TASK.accountSid,
        callSid: FLEX_TASK.workerCallSid,
        flags: { muted: false, onHold: false, coaching: false, endConferenceOnExit: true, startConferenceOnEnter: true },
        identity: {
          participantType: 'worker',
          workerSid: FLEX_TASK.workerSid,
          reservationSid: FLEX_TASK.reservationSid,
          taskSid: FLEX_TASK.taskSid,
          queueSid: FLEX_TASK.queueSid,
        },
      },
      meta: { receivedAt },
    })
  })

  it('reads the media properties exactly as the status callback adapter reads the same parameters', () => {
    const flat = Object.fromEntries(Object.entries(customerHeld.media_properties as Record<string, string[]>).map(([name, [value]]) => [name, value as string]))
    const asCallback = fromTwilioStatusCallback(flat, { receivedAt })
    expect(read(customerHeld)).toStrictEqual(asCallback)
  })

  test.each<[string, string | undefined]>([
    ['agent', 'worker'],
    ['AGENT', 'worker'],
    ['worker', 'worker'],
    ['customer', 'customer'],
    ['external', 'external'],
    ['supervisor', 'supervisor'],
    ['transfer', 'transfer'],
    ['unknown', undefined],
    ['', undefined],
  ])('type %j → participantType %s', (type, participantType) => {
    const { identity } = participantPayloadOf(read({ type, media_properties: externalJoined.media_properties }))
    expect(identity?.participantType).toBe(participantType)
  })

  test.each([
    ['participant-join', 'conferences/participantJoined'],
    ['participant-leave', 'conferences/participantLeft'],
    ['participant-mute', 'conferences/participantMuted'],
    ['participant-unmute', 'conferences/participantUnmuted'],
    ['participant-hold', 'conferences/participantHeld'],
    ['participant-unhold', 'conferences/participantUnheld'],
    ['participant-modify', 'conferences/participantModified'],
    ['participant-speech-start', 'conferences/participantSpeechStarted'],
    ['participant-speech-stop', 'conferences/participantSpeechStopped'],
  ])('media StatusCallbackEvent %s → %s, enriched', (event, type) => {
    const action = read({ ...agentJoined, media_properties: mediaProperties(event, FLEX_TASK.workerCallSid, 3) })
    expect(action.type).toBe(type)
    expect(participantPayloadOf(action).identity).toMatchObject({ participantType: 'worker', workerSid: FLEX_TASK.workerSid })
  })

  it('passes a conference-level event on as the callback adapter reads it: there is no leg to enrich', () => {
    const media = mediaProperties('conference-end', FLEX_TASK.workerCallSid, 8, { ReasonConferenceEnded: 'last-participant-left' })
    const { CallSid: _callSid, ...withoutCall } = media
    const action = read({ ...agentJoined, media_properties: withoutCall })
    expect(conferenceEnded.match(action)).toBe(true)
    expect(action.payload).not.toHaveProperty('identity')
  })

  it('accepts media properties as arrays, single strings or JSON text, and camelCase names', () => {
    const expected = read(agentJoined)
    const single = Object.fromEntries(Object.entries(agentJoined.media_properties as Record<string, string[]>).map(([name, [value]]) => [name, value as string]))
    expect(read({ ...agentJoined, media_properties: single })).toStrictEqual(expected)
    expect(read({ ...agentJoined, media_properties: JSON.stringify(agentJoined.media_properties) })).toStrictEqual(expected)
    expect(read({ ...agentJoined, routing_properties: JSON.stringify(workerRouting) })).toStrictEqual(expected)
    expect(read({ participantType: 'agent', routingProperties: workerRouting, mediaProperties: agentJoined.media_properties })).toStrictEqual(expected)
    expect(read({ participant_type: 'Agent', routing_properties: workerRouting, media_properties: agentJoined.media_properties })).toStrictEqual(expected)
  })

  it('uses only the first value of a repeated media property', () => {
    const action = read(withMedia(customerHeld, { Hold: ['true', 'false'] }))
    expect(participantPayloadOf(action).flags?.onHold).toBe(true)
  })

  describe('identity precedence: routing properties, then type, then ParticipantLabel', () => {
    it('routing worker_sid wins over the label’s worker SID', () => {
      const labelled = withMedia(agentJoined, { ParticipantLabel: [`worker:${FLEX_TASK.supervisorWorkerSid}`] })
      expect(participantPayloadOf(read(labelled)).identity).toStrictEqual({
        participantType: 'worker',
        label: `worker:${FLEX_TASK.supervisorWorkerSid}`,
        workerSid: FLEX_TASK.workerSid,
        reservationSid: FLEX_TASK.reservationSid,
        taskSid: FLEX_TASK.taskSid,
        queueSid: FLEX_TASK.queueSid,
      })
    })

    it('the event type wins over the label’s type; the label’s worker SID stays without routing', () => {
      const event = { type: 'agent', media_properties: mediaProperties('participant-join', FLEX_TASK.supervisorCallSid, 3, { ParticipantLabel: `supervisor:${FLEX_TASK.supervisorWorkerSid}:2` }) }
      expect(participantPayloadOf(read(event)).identity).toStrictEqual({
        participantType: 'worker',
        workerSid: FLEX_TASK.supervisorWorkerSid,
        label: `supervisor:${FLEX_TASK.supervisorWorkerSid}:2`,
      })
    })

    it('type unknown (or none) says nothing: the label’s type stands', () => {
      for (const type of ['unknown', '', undefined]) {
        const event = { type, media_properties: mediaProperties('participant-join', FLEX_TASK.customerCallSid, 1, { ParticipantLabel: 'customer' }) }
        expect(participantPayloadOf(read(event)).identity).toStrictEqual({ participantType: 'customer', label: 'customer' })
      }
    })

    it('an event without type, label or routing carries no identity', () => {
      expect(participantPayloadOf(read({ media_properties: externalJoined.media_properties }))).not.toHaveProperty('identity')
    })

    it('queue_sid and queue_name of a transfer to a queue', () => {
      const event = { type: 'transfer', routing_properties: { queue_sid: FLEX_TASK.queueSid, queue_name: 'Billing', worker_sid: '' }, media_properties: externalJoined.media_properties }
      expect(participantPayloadOf(read(event)).identity).toStrictEqual({ participantType: 'transfer', queueSid: FLEX_TASK.queueSid, queueName: 'Billing' })
    })
  })

  it('takes extra type spellings and a label classifier from the options', () => {
    const classifyParticipant = vi.fn(() => ({ displayName: 'Grace' }))
    const event = { type: 'Bot', media_properties: mediaProperties('participant-join', FLEX_TASK.externalCallSid, 5, { ParticipantLabel: 'ivr-1' }) }
    const action = read(event, { participantTypes: { bot: 'external' }, classifyParticipant })
    expect(participantPayloadOf(action).identity).toStrictEqual({ displayName: 'Grace', participantType: 'external' })
    expect(classifyParticipant).toHaveBeenCalledWith('ivr-1')
  })

  it('defaults meta.receivedAt to now', () => {
    const before = Date.now()
    expect(fromFlexParticipantEvent(agentJoined).meta.receivedAt).toBeGreaterThanOrEqual(before)
    expect(fromFlexParticipantEvent({} as FlexParticipantEvent).meta.receivedAt).toBeGreaterThanOrEqual(before)
  })

  describe('rejections name the field', () => {
    test.each<[string, unknown, string | undefined, RegExp]>([
      ['no media properties', { type: 'agent', routing_properties: workerRouting }, 'media_properties', /is required/],
      ['media properties that are a number', { media_properties: 7 }, 'media_properties', /must be an object or its JSON text, got number/],
      ['media properties that are an array', { media_properties: [['participant-join']] }, 'media_properties', /must be an object/],
      ['media properties that are not JSON', { media_properties: 'StatusCallbackEvent=participant-join' }, 'media_properties', /not JSON/],
      ['a bad CallSid', withMedia(agentJoined, { CallSid: ['CA123'] }), 'media_properties.CallSid', /Twilio SID/],
      ['no CallSid on a participant event', withMedia(agentJoined, { CallSid: [] }), 'media_properties.CallSid', /string or an array of strings/],
      ['an unknown StatusCallbackEvent', withMedia(agentJoined, { StatusCallbackEvent: ['participant-wave'] }), 'media_properties.StatusCallbackEvent', /must be one of/],
      ['a negative SequenceNumber', withMedia(agentJoined, { SequenceNumber: ['-1'] }), 'media_properties.SequenceNumber', /non-negative integer/],
      ['a bad Hold', withMedia(agentJoined, { Hold: ['yes'] }), 'media_properties.Hold', /"true" or "false"/],
      ['a nested array', withMedia(agentJoined, { Muted: [['true']] }), 'media_properties.Muted', /string or an array of strings/],
      ['a bad worker_sid', { ...agentJoined, routing_properties: { ...workerRouting, worker_sid: 'WK1' } }, 'routing_properties.worker_sid', /Twilio SID \(WK/],
      ['a reservation_sid that is a task SID', { ...agentJoined, routing_properties: { reservation_sid: FLEX_TASK.taskSid } }, 'routing_properties.reservation_sid', /WR followed/],
      ['__proto__ as task_sid', { ...agentJoined, routing_properties: { task_sid: '__proto__' } }, 'routing_properties.task_sid', /Twilio SID/],
      ['routing properties that are an array', { ...agentJoined, routing_properties: [workerRouting] }, 'routing_properties', /must be an object/],
      ['routingProperties in camelCase, bad', { ...agentJoined, routing_properties: undefined, routingProperties: { worker_sid: 5 } }, 'routingProperties.worker_sid', /Twilio SID/],
      ['an unknown type', { ...agentJoined, type: 'boss' }, 'type', /must be one of agent/],
      ['a numeric type', { ...agentJoined, type: 1 }, 'type', /must be a string/],
      ['a participant_type that is an array', { ...agentJoined, type: undefined, participant_type: ['agent'] }, 'participant_type', /must be a string/],
      ['an event that is a string', 'participant-join', undefined, /event must be an object, got string/],
      ['an event that is null', null, undefined, /event must be an object, got null/],
    ])('%s', (_name, event, field, reason) => {
      const rejection = rejectionOf(readUntyped(event))
      expect(rejection.source).toBe(FLEX_PARTICIPANT_EVENT)
      expect(rejection.field).toBe(field)
      expect(rejection.reason).toMatch(reason)
      if (field !== undefined) expect(rejection.reason).toContain(`\`${field}\``)
      expect(rejection.summary.length).toBeLessThanOrEqual(200)
    })

    it('what a custom type table or classifier makes is checked by the reducer’s guard', () => {
      const badType = rejectionOf(read(agentJoined, { participantTypes: { agent: 'boss' as never } }))
      expect(badType.field).toBe('identity.participantType')
      const badLabel = rejectionOf(read(withMedia(customerHeld, { ParticipantLabel: ['x'] }), { classifyParticipant: () => ({ workerSid: '__proto__' }) }))
      expect(badLabel.field).toBe('identity.workerSid')
    })

    it('never throws on a throwing getter', () => {
      const event = Object.defineProperty({ type: 'agent' }, 'media_properties', { enumerable: true, get: () => { throw new Error('getter') } })
      expect(rejectionOf(readUntyped(event)).reason).toMatch(/could not be read: getter/)
      const media = Object.defineProperty({}, 'CallSid', { enumerable: true, get: () => { throw Object.create(null) as Error } })
      expect(rejectionOf(readUntyped({ media_properties: media }))).toMatchObject({ field: 'media_properties', reason: expect.stringMatching(/could not be read/) as unknown })
    })

    it('does not read a CallSid smuggled in through a JSON-parsed __proto__ key', () => {
      const media = JSON.parse(`{"__proto__": {"CallSid": ["${FLEX_TASK.workerCallSid}"]}, "StatusCallbackEvent": ["participant-join"], "ConferenceSid": ["${FLEX_TASK.conferenceSid}"]}`) as unknown
      const rejection = rejectionOf(readUntyped({ media_properties: media }))
      expect(rejection.field).toBe('media_properties.__proto__')
      expect(({} as Record<string, unknown>).CallSid).toBeUndefined()
    })
  })

  describe('dispatched into a store', () => {
    it('plays a warm transfer: identities, hold, mute and leave reconcile, silently', () => {
      const console = watchConsole()
      const store = createTestStore()
      store.dispatch(currentWorkerIdentified({ workerSid: FLEX_TASK.workerSid }))
      for (const event of [customerJoined, agentJoined, customerHeld, transferAgentJoined, externalJoined, agentMuted]) store.dispatch(read(event))
      let state = store.getState()
      const view = selectConferenceViewByTaskSid(state, FLEX_TASK.taskSid)
      expect(view?.conferenceSid).toBe(FLEX_TASK.conferenceSid)
      expect(view?.participants.map((leg) => [leg.callSid, leg.participantType, leg.isMyself])).toStrictEqual([
        [FLEX_TASK.customerCallSid, 'customer', false],
        [FLEX_TASK.workerCallSid, 'worker', true],
        [FLEX_TASK.transferCallSid, 'worker', false],
        [FLEX_TASK.externalCallSid, 'external', false],
      ])
      expect(selectParticipant(state, FLEX_TASK.conferenceSid, FLEX_TASK.transferCallSid)).toMatchObject({
        workerSid: FLEX_TASK.transferWorkerSid,
        reservationSid: FLEX_TASK.transferReservationSid,
        taskSid: FLEX_TASK.transferTaskSid,
      })
      expect(selectIsCustomerOnHold(state, FLEX_TASK.conferenceSid)).toBe(true)
      expect(selectIsMyselfMuted(state, FLEX_TASK.conferenceSid)).toBe(true)
      expect(selectLiveWorkerCount(state, FLEX_TASK.conferenceSid)).toBe(2)
      // The conference keeps the task it was named after, not the transfer's task.
      expect(selectConferenceRecord(state, FLEX_TASK.conferenceSid)?.taskSid).toBe(FLEX_TASK.taskSid)

      store.dispatch(read(agentLeft))
      state = store.getState()
      expect(selectParticipant(state, FLEX_TASK.conferenceSid, FLEX_TASK.workerCallSid)).toMatchObject({ status: 'recently_left', leftReason: 'participant_hung_up' })
      expect(selectLiveWorkerCount(state, FLEX_TASK.conferenceSid)).toBe(1)
      expect(selectRejectedEvents(state)).toStrictEqual([])
      expect(console.warn).not.toHaveBeenCalled()
      expect(console.error).not.toHaveBeenCalled()
    })

    it('deduplicates with the same event received as a status callback', () => {
      const store = createTestStore()
      store.dispatch(read(customerHeld))
      const before = store.getState().conferences
      const flat = Object.fromEntries(Object.entries(customerHeld.media_properties as Record<string, string[]>).map(([name, [value]]) => [name, value as string]))
      store.dispatch(fromTwilioStatusCallback(flat, { receivedAt: receivedAt + 1 }))
      expect(store.getState().conferences.table).toBe(before.table)
    })
  })
})

describe('fromFlexSyncConferenceItems', () => {
  const read = (items: FlexSyncConferenceItemsInput, options = {}) =>
    fromFlexSyncConferenceItems(FLEX_TASK.taskSid, FLEX_TASK.conferenceSid, items, requestedAt, { receivedAt, ...options })
  const readUntyped = (items: unknown, taskSid: unknown = FLEX_TASK.taskSid, conferenceSid: unknown = FLEX_TASK.conferenceSid, at: unknown = requestedAt) =>
    fromFlexSyncConferenceItems(taskSid as string, conferenceSid as string, items as FlexSyncConferenceItemsInput, at as number, { receivedAt })
  const oneItem = (data: Record<string, unknown>): FlexSyncMapItem[] => [
    { key: FLEX_TASK.customerCallSid, data: { ...syncData[FLEX_TASK.customerCallSid], ...data } as FlexSyncParticipantData },
  ]

  it('turns the items of <TaskSid>.CS into a snapshot keyed by call SID, with the task SID', () => {
    expect(read(syncItems)).toStrictEqual({
      type: 'conferences/conferenceSnapshotReceived',
      payload: {
        conferenceSid: FLEX_TASK.conferenceSid,
        requestedAt,
        source: FLEX_SYNC,
        participants: [
          { callSid: FLEX_TASK.customerCallSid, status: 'joined', flags: { onHold: true, muted: false }, identity: { participantType: 'customer' } },
          {
            callSid: FLEX_TASK.workerCallSid,
            status: 'joined',
            flags: { onHold: false, muted: true },
            identity: { participantType: 'worker', workerSid: FLEX_TASK.workerSid, reservationSid: FLEX_TASK.reservationSid },
          },
          {
            callSid: FLEX_TASK.transferCallSid,
            status: 'connecting',
            flags: { onHold: false, muted: false },
            identity: { participantType: 'worker', workerSid: FLEX_TASK.transferWorkerSid, reservationSid: FLEX_TASK.transferReservationSid },
          },
          { callSid: FLEX_TASK.externalCallSid, status: 'left', flags: { onHold: false, muted: false }, identity: { participantType: 'external' } },
        ],
        taskSid: FLEX_TASK.taskSid,
        status: 'active',
      },
      meta: { receivedAt },
    })
  })

  it('reads a record keyed by call SID, a Map, the page object and `value` items the same', () => {
    const expected = read(syncItems)
    expect(read(syncData)).toStrictEqual(expected)
    expect(read(new Map(Object.entries(syncData)))).toStrictEqual(expected)
    expect(read({ items: syncItems })).toStrictEqual(expected)
    expect(read(syncItems.map(({ key, data }) => ({ key, value: data })))).toStrictEqual(expected)
  })

  test.each<[Partial<FlexSyncParticipantData>, string]>([
    [{ status: 'joined', connecting: false }, 'joined'],
    [{ status: 'joined', connecting: true }, 'connecting'],
    [{ status: 'joined', connecting: 'true' }, 'connecting'],
    [{ status: 'left', connecting: false }, 'left'],
    [{ status: 'left', connecting: true }, 'left'],
  ])('item %j → %s', (data, status) => {
    expect(snapshotOf(read(oneItem(data))).participants[0]!.status).toBe(status)
  })

  test.each<[Partial<FlexSyncParticipantData>, Record<string, boolean>]>([
    [{ hold: true, muted: false }, { onHold: true, muted: false }],
    [{ hold: 'false', muted: 'true' }, { onHold: false, muted: true }],
    [{ hold: null, muted: undefined, coaching: true }, { coaching: true }],
  ])('flags of %j → %j', (data, flags) => {
    expect(snapshotOf(read(oneItem({ hold: undefined, muted: undefined, ...data }))).participants[0]!.flags).toStrictEqual(flags)
  })

  test.each([
    ['setup', 'setup'],
    ['init', 'setup'],
    ['active', 'active'],
    ['in-progress', 'active'],
    ['closed', 'closed'],
    ['completed', 'closed'],
    ['failed', 'failed'],
  ])('conf_status %s → conference %s', (confStatus, status) => {
    expect(snapshotOf(read(oneItem({ conf_status: confStatus }))).status).toBe(status)
  })

  it('sets no conference status without conf_status; when items disagree the furthest on wins', () => {
    expect(snapshotOf(read(oneItem({ conf_status: undefined })))).not.toHaveProperty('status')
    const items: FlexSyncMapItem[] = [...syncItems, { key: 'CA0000000000000000000000000000aaaa', data: { status: 'left', conf_status: 'completed' } }]
    expect(snapshotOf(read(items)).status).toBe('closed')
  })

  it('reads empty worker_sid / reservation_sid (a customer’s) as none, and takes extra type spellings', () => {
    expect(snapshotOf(read(oneItem({ worker_sid: '', reservation_sid: null }))).participants[0]!.identity).toStrictEqual({ participantType: 'customer' })
    expect(snapshotOf(read(oneItem({ participant_type: 'caller' }), { participantTypes: { caller: 'customer' } })).participants[0]!.identity).toStrictEqual({ participantType: 'customer' })
  })

  it('reads an empty map as a snapshot with no legs', () => {
    expect(snapshotOf(read([])).participants).toStrictEqual([])
    expect(snapshotOf(read({})).participants).toStrictEqual([])
  })

  describe('rejections name the field', () => {
    test.each<[string, unknown, string, RegExp]>([
      ['an item key that is not a call SID', [{ key: 'CA123', data: { status: 'joined' } }], 'items[0].key', /Twilio SID \(CA/],
      ['an item without key', [{ data: { status: 'joined' } }], 'items[0].key', /is required/],
      ['an item without data', [{ key: FLEX_TASK.customerCallSid }], 'items[0].data', /is required/],
      ['an item that is a string', [FLEX_TASK.customerCallSid], 'items[0]', /Sync map item/],
      ['an unknown status', oneItem({ status: 'recently_left' }), 'items[0].data.status', /must be one of joined, left/],
      ['a missing status', oneItem({ status: undefined }), 'items[0].data.status', /is required/],
      ['a bad hold', oneItem({ hold: 'yes' }), 'items[0].data.hold', /boolean or "true"\/"false"/],
      ['a numeric muted', oneItem({ muted: 1 }), 'items[0].data.muted', /boolean/],
      ['a bad worker_sid', oneItem({ worker_sid: 'WK-nope' }), 'items[0].data.worker_sid', /Twilio SID \(WK/],
      ['an unknown participant_type', oneItem({ participant_type: 'robot' }), 'items[0].data.participant_type', /must be one of/],
      ['an unknown conf_status', oneItem({ conf_status: 'ended' }), 'items[0].data.conf_status', /must be one of setup/],
      ['a call_sid that is not the key', oneItem({ call_sid: FLEX_TASK.workerCallSid }), 'items[0].data.call_sid', /the item's key/],
      ['another conference_sid', oneItem({ conference_sid: FLEX_TASK.otherConferenceSid }), 'items[0].data.conference_sid', /conference read/],
      ['a key listed twice', [...syncItems, syncItems[0]], 'items[4].key', /again/],
      ['a record key that is not a call SID', { 'not-a-sid': { status: 'joined' } }, 'items.not-a-sid', /Twilio SID/],
      ['a record value with a bad flag', { [FLEX_TASK.customerCallSid]: { status: 'joined', hold: 'maybe' } }, `items.${FLEX_TASK.customerCallSid}.hold`, /boolean/],
      ['a number', 42, 'items', /array of Sync map items, a Map or a record/],
      // Neither has keys to read: taken as a map of nobody, either would end every leg.
      ['a Date', new Date(0), 'items', /array of Sync map items, a Map or a record/],
      ['a class instance', new URL('https://sync.twilio.com/'), 'items', /array of Sync map items, a Map or a record/],
      ['a Map key that is not a call SID', new Map([['not-a-sid', { status: 'joined' }]]), 'items.not-a-sid', /Twilio SID/],
      ['null', null, 'items', /got null/],
    ])('%s', (_name, items, field, reason) => {
      const rejection = rejectionOf(readUntyped(items))
      expect(rejection.source).toBe(FLEX_SYNC)
      expect(rejection.field).toBe(field)
      expect(rejection.reason).toMatch(reason)
      expect(rejection.reason).toContain(`\`${field}\``)
    })

    test.each<[string, unknown[], string]>([
      ['a bad taskSid', ['WT1'], 'taskSid'],
      ['a conference SID as taskSid', [FLEX_TASK.conferenceSid], 'taskSid'],
      ['a bad conferenceSid', [FLEX_TASK.taskSid, '__proto__'], 'conferenceSid'],
      ['a requestedAt that is not a number', [FLEX_TASK.taskSid, FLEX_TASK.conferenceSid, '2024-05-14'], 'requestedAt'],
    ])('%s', (_name, args, field) => {
      const [taskSid, conferenceSid, at] = args
      expect(rejectionOf(readUntyped(syncItems, taskSid, conferenceSid ?? FLEX_TASK.conferenceSid, at ?? requestedAt)).field).toBe(field)
    })

    it('more than 250 items', () => {
      const items = Array.from({ length: 251 }, (_, index) => ({ key: `CA${index.toString(16).padStart(32, '0')}`, data: { status: 'joined' } }))
      expect(rejectionOf(readUntyped(items))).toMatchObject({ field: 'items', reason: expect.stringMatching(/at most 250/) as unknown })
      expect(snapshotOf(readUntyped(items.slice(0, 250))).participants).toHaveLength(250)
    })

    it('a JSON-parsed __proto__ key is a bad call SID, and pollutes nothing', () => {
      const items = JSON.parse('{"__proto__": {"status": "joined", "polluted": true}}') as unknown
      expect(rejectionOf(readUntyped(items)).field).toBe('items.__proto__')
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    })

    it('a throwing getter', () => {
      const data = Object.defineProperty({ status: 'joined' }, 'hold', { enumerable: true, get: () => { throw new Error('getter') } })
      expect(rejectionOf(readUntyped([{ key: FLEX_TASK.customerCallSid, data }])).reason).toMatch(/could not be read: getter/)
    })
  })

  describe('dispatched into a store', () => {
    it('reconciles with the participant events, found by task SID, silently', () => {
      const console = watchConsole()
      const store = createTestStore()
      store.dispatch(fromFlexParticipantEvent(customerJoined, { receivedAt: requestedAt - 10_000 }))
      store.dispatch(fromFlexParticipantEvent(agentJoined, { receivedAt: requestedAt - 9_000 }))
      store.dispatch(read(syncItems))
      const state = store.getState()
      const view = selectConferenceViewByTaskSid(state, FLEX_TASK.taskSid)
      expect(view?.status).toBe('active')
      expect(view?.participants.map((leg) => [leg.callSid, leg.status, leg.connecting, leg.onHold, leg.muted])).toStrictEqual([
        [FLEX_TASK.customerCallSid, 'joined', false, true, false],
        [FLEX_TASK.workerCallSid, 'joined', false, false, true],
        [FLEX_TASK.transferCallSid, 'joined', true, false, false],
        [FLEX_TASK.externalCallSid, 'recently_left', false, false, false],
      ])
      // The connecting transfer leg is not live: two live legs, one live worker.
      expect(selectLiveParticipantCount(state, FLEX_TASK.conferenceSid)).toBe(2)
      expect(selectLiveWorkerCount(state, FLEX_TASK.conferenceSid)).toBe(1)
      expect(selectRejectedEvents(state)).toStrictEqual([])
      expect(console.warn).not.toHaveBeenCalled()
      expect(console.error).not.toHaveBeenCalled()
    })

    it('a lagging map does not undo an event received after requestedAt', () => {
      const store = createTestStore()
      store.dispatch(participantJoined({ conferenceSid: FLEX_TASK.conferenceSid, callSid: FLEX_TASK.externalCallSid }, requestedAt + 100))
      store.dispatch(read(syncItems))
      expect(selectParticipant(store.getState(), FLEX_TASK.conferenceSid, FLEX_TASK.externalCallSid)?.status).toBe('joined')
    })

    it('a later read showing a leg as left makes it leave; a completed map closes the conference', () => {
      const store = createTestStore()
      store.dispatch(read(syncItems))
      const readAt = (at: number, data: Record<string, FlexSyncParticipantData>) =>
        fromFlexSyncConferenceItems(FLEX_TASK.taskSid, FLEX_TASK.conferenceSid, data, at, { receivedAt: at + 100 })
      store.dispatch(readAt(requestedAt + 5_000, { ...syncData, [FLEX_TASK.workerCallSid]: { ...syncData[FLEX_TASK.workerCallSid]!, status: 'left' } }))
      let state = store.getState()
      expect(selectParticipant(state, FLEX_TASK.conferenceSid, FLEX_TASK.workerCallSid)?.status).toBe('recently_left')
      expect(selectParticipant(state, FLEX_TASK.conferenceSid, FLEX_TASK.customerCallSid)?.status).toBe('joined')
      const ended = Object.fromEntries(Object.entries(syncData).map(([key, data]) => [key, { ...data, status: 'left' as const, conf_status: 'completed' }]))
      store.dispatch(readAt(requestedAt + 9_000, ended))
      state = store.getState()
      expect(selectConferenceRecord(state, FLEX_TASK.conferenceSid)?.status).toBe('closed')
      expect(selectParticipants(state, FLEX_TASK.conferenceSid).filter((leg) => leg.status === 'joined')).toStrictEqual([])
      expect(selectRejectedEvents(state)).toStrictEqual([])
    })
  })
})

describe('fromFlexConference', () => {
  const read = (conference: FlexConferenceMirror, options = {}) => fromFlexConference(conference, requestedAt, { receivedAt, ...options })
  const readUntyped = (conference: unknown, at: unknown = requestedAt) => fromFlexConference(conference as FlexConferenceMirror, at as number, { receivedAt })
  const withParticipants = (participants: readonly unknown[]): FlexConferenceMirror =>
    ({ ...flexConferencePlain, participants }) as FlexConferenceMirror
  const customerLeg = FLEX_CONFERENCE_PARTICIPANTS[0]!

  it('mirrors a Flex Conference (class instance with getters): left legs kept, placeholders as Flex shows them', () => {
    expect(read(flexConference)).toStrictEqual({
      type: 'conferences/conferenceSnapshotReceived',
      payload: {
        conferenceSid: FLEX_TASK.conferenceSid,
        requestedAt,
        source: FLEX_CONFERENCE,
        participants: [
          { callSid: FLEX_TASK.customerCallSid, status: 'joined', flags: { onHold: true, muted: false }, identity: { participantType: 'customer' } },
          {
            callSid: FLEX_TASK.workerCallSid,
            status: 'joined',
            flags: { onHold: false, muted: false },
            identity: { participantType: 'worker', workerSid: FLEX_TASK.workerSid, reservationSid: FLEX_TASK.reservationSid, displayName: 'Ada Lovelace' },
          },
          // The synthetic transfer leg with the transfer call's SID: connecting, to the queue.
          {
            callSid: FLEX_TASK.transferCallSid,
            status: 'connecting',
            flags: { onHold: false, muted: false },
            identity: { participantType: 'transfer', queueSid: FLEX_TASK.queueSid, queueName: 'Billing' },
          },
          // The placeholder without a call SID is skipped; '' and 'unknown' types say nothing.
          { callSid: FLEX_TASK.externalCallSid, status: 'recently_left', flags: { onHold: false, muted: false } },
          { callSid: 'CA0000000000000000000000000000aaaa', status: 'left', flags: { onHold: false, muted: false } },
          // The customer's left duplicate is dropped: the customer is present.
        ],
        taskSid: FLEX_TASK.taskSid,
        status: 'active',
      },
      meta: { receivedAt },
    })
  })

  it('reads a plain copy the same as the class instance', () => {
    expect(read(flexConferencePlain)).toStrictEqual(read(flexConference))
  })

  it('keeps the present leg whichever order its left duplicate comes in', () => {
    const legs = snapshotOf(read(withParticipants([FLEX_CONFERENCE_PARTICIPANTS[6], customerLeg]))).participants
    expect(legs).toStrictEqual([{ callSid: FLEX_TASK.customerCallSid, status: 'joined', flags: { onHold: true, muted: false }, identity: { participantType: 'customer' } }])
  })

  test.each([
    ['setup', 'setup'],
    ['active', 'active'],
    ['closed', 'closed'],
    ['failed', 'failed'],
    ['completed', 'closed'],
  ])('status %s → conference %s', (status, expected) => {
    expect(snapshotOf(read({ ...flexConferencePlain, status })).status).toBe(expected)
  })

  it('gives no taskSid when sid is the conference SID, and no legs without participants', () => {
    const snapshot = snapshotOf(read({ ...flexConferencePlain, sid: FLEX_TASK.conferenceSid, participants: null, status: null }))
    expect(snapshot).not.toHaveProperty('taskSid')
    expect(snapshot).not.toHaveProperty('status')
    expect(snapshot.participants).toStrictEqual([])
  })

  it('takes worker.sid when workerSid is missing', () => {
    const leg = { callSid: FLEX_TASK.workerCallSid, participantType: 'worker', status: 'joined', worker: { sid: FLEX_TASK.workerSid } }
    expect(snapshotOf(read(withParticipants([leg]))).participants[0]!.identity).toStrictEqual({ participantType: 'worker', workerSid: FLEX_TASK.workerSid })
  })

  describe('rejections name the field', () => {
    test.each<[string, unknown, string, RegExp]>([
      ['a missing conferenceSid (a conference still in setup)', { ...flexConferencePlain, conferenceSid: undefined }, 'conferenceSid', /is required/],
      ['a bad conferenceSid', { ...flexConferencePlain, conferenceSid: 'constructor' }, 'conferenceSid', /Twilio SID/],
      ['a bad sid', { ...flexConferencePlain, sid: 'task-1' }, 'sid', /task SID \(WT/],
      ['an unknown status', { ...flexConferencePlain, status: 'joined' }, 'status', /must be one of setup/],
      ['participants that are not an array', { ...flexConferencePlain, participants: {} }, 'participants', /array/],
      ['a participant that is not an object', withParticipants(['x']), 'participants[0]', /object/],
      ['a customer without callSid', withParticipants([{ ...customerLeg, callSid: undefined }]), 'participants[0].callSid', /is required/],
      ['an unknown participant status', withParticipants([{ ...customerLeg, status: 'connecting' }]), 'participants[0].status', /must be one of joined, recently_left, left/],
      ['a string onHold', withParticipants([{ ...customerLeg, onHold: 'true' }]), 'participants[0].onHold', /boolean/],
      ['an unknown participantType', withParticipants([{ ...customerLeg, participantType: 'boss' }]), 'participants[0].participantType', /must be one of/],
      ['a bad worker.sid', withParticipants([{ ...customerLeg, worker: { sid: 'prototype' } }]), 'participants[0].worker.sid', /Twilio SID/],
      ['an oversized worker.fullName', withParticipants([{ ...customerLeg, worker: { fullName: 'x'.repeat(513) } }]), 'participants[0].worker.fullName', /at most 512/],
      ['a leg present twice', withParticipants([customerLeg, customerLeg]), 'participants[1].callSid', /present twice/],
    ])('%s', (_name, conference, field, reason) => {
      const rejection = rejectionOf(readUntyped(conference))
      expect(rejection.source).toBe(FLEX_CONFERENCE)
      expect(rejection.field).toBe(field)
      expect(rejection.reason).toMatch(reason)
      expect(rejection.reason).toContain(`\`${field}\``)
    })

    test.each<[string, unknown]>([
      ['null', null],
      ['a string', FLEX_TASK.taskSid],
      ['an array', [flexConferencePlain]],
    ])('a conference that is %s', (_name, conference) => {
      expect(rejectionOf(readUntyped(conference)).reason).toMatch(/must be a Flex Conference object/)
    })

    it('more than 250 participants, and a requestedAt that is not a number', () => {
      const legs = Array.from({ length: 251 }, (_, index) => ({ ...customerLeg, callSid: `CA${index.toString(16).padStart(32, '0')}` }))
      expect(rejectionOf(readUntyped(withParticipants(legs))).field).toBe('participants')
      expect(rejectionOf(readUntyped(flexConferencePlain, Number.NaN)).field).toBe('requestedAt')
    })

    it('a throwing getter', () => {
      const conference = Object.defineProperty({ conferenceSid: FLEX_TASK.conferenceSid }, 'participants', { enumerable: true, get: () => { throw new Error('getter') } })
      expect(rejectionOf(readUntyped(conference)).reason).toMatch(/could not be read: getter/)
    })
  })

  describe('dispatched into a store', () => {
    it('seeds the store from Flex: the view by task SID matches what Flex shows, silently', () => {
      const console = watchConsole()
      const store = createTestStore()
      store.dispatch(currentWorkerIdentified({ workerSid: FLEX_TASK.workerSid }))
      store.dispatch(read(flexConference))
      const state = store.getState()
      const view = selectConferenceViewByTaskSid(state, FLEX_TASK.taskSid)
      expect(view).toMatchObject({ sid: FLEX_TASK.taskSid, conferenceSid: FLEX_TASK.conferenceSid, status: 'active', liveParticipantCount: 2, liveWorkerCount: 1, isCustomerOnHold: true })
      // Legs first seen in one snapshot share its place in join order: they are ordered by call SID.
      expect(view?.participants.map((leg) => [leg.callSid, leg.participantType, leg.status, leg.connecting, leg.isMyself])).toStrictEqual([
        // A snapshot's departures pass through recently_left, like any other departure.
        ['CA0000000000000000000000000000aaaa', 'unknown', 'recently_left', false, false],
        [FLEX_TASK.workerCallSid, 'worker', 'joined', false, true],
        [FLEX_TASK.transferCallSid, 'transfer', 'joined', true, false],
        [FLEX_TASK.customerCallSid, 'customer', 'joined', false, false],
        [FLEX_TASK.externalCallSid, 'unknown', 'recently_left', false, false],
      ])
      expect(view?.participants[1]?.worker).toStrictEqual({ sid: FLEX_TASK.workerSid, fullName: 'Ada Lovelace' })
      expect(view?.participants[2]?.queue).toStrictEqual({ sid: FLEX_TASK.queueSid, name: 'Billing' })
      const byTask = createFlexConferencesStateSelector((root: StateWithConferences) => root.conferences, { keyBy: 'taskSid' })
      expect(byTask(state).states.get(FLEX_TASK.taskSid)?.source).toStrictEqual(view)
      expect(selectRejectedEvents(state)).toStrictEqual([])
      expect(console.warn).not.toHaveBeenCalled()
      expect(console.error).not.toHaveBeenCalled()
    })

    it('treats a supervisor this store knows as absent: Flex hides supervisors (documented caveat)', () => {
      const store = createTestStore()
      store.dispatch(participantJoined({ conferenceSid: FLEX_TASK.conferenceSid, callSid: FLEX_TASK.supervisorCallSid, identity: { participantType: 'supervisor' } }, requestedAt - 1_000))
      store.dispatch(read(flexConference))
      expect(selectParticipant(store.getState(), FLEX_TASK.conferenceSid, FLEX_TASK.supervisorCallSid)).toMatchObject({ status: 'recently_left', leftReason: 'absent_from_snapshot' })
    })
  })
})

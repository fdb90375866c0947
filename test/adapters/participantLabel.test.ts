import { describe, expect, it, test, vi } from 'vitest'
import {
  classifyParticipantLabel,
  fromTwilioStatusCallback,
  TWILIO_STATUS_CALLBACK,
  type ParticipantClassifier,
} from 'conference-state/twilio'
import {
  eventRejected,
  type ConferenceEvent,
  type EventRejectedPayload,
  type ParticipantIdentity,
} from 'conference-state'
import { FLEX_CALL, statusCallbacks } from '../fixtures/twilioCallbacks'

const receivedAt = 1_715_699_300_000
const WORKER = FLEX_CALL.workerSid

const joinLabelled = (label: string, classifyParticipant?: ParticipantClassifier) =>
  fromTwilioStatusCallback(
    { ...statusCallbacks['participant-join'], ParticipantLabel: label },
    { receivedAt, ...(classifyParticipant === undefined ? {} : { classifyParticipant }) },
  )

const identityOf = (action: ConferenceEvent): unknown => (action.payload as { identity?: unknown }).identity

const rejectionOf = (action: ConferenceEvent): EventRejectedPayload => {
  if (!eventRejected.match(action)) throw new Error(`expected a rejection, got ${action.type}: ${JSON.stringify(action.payload)}`)
  return action.payload
}

describe('classifyParticipantLabel', () => {
  test.each<[string, ParticipantIdentity]>([
    ['customer', { participantType: 'customer', label: 'customer' }],
    [`worker:${WORKER}`, { participantType: 'worker', workerSid: WORKER, label: `worker:${WORKER}` }],
    [`agent:${WORKER}`, { participantType: 'worker', workerSid: WORKER, label: `agent:${WORKER}` }],
    [`supervisor:${WORKER}:2`, { participantType: 'supervisor', workerSid: WORKER, label: `supervisor:${WORKER}:2` }],
    ['transfer', { participantType: 'transfer', label: 'transfer' }],
    ['external', { participantType: 'external', label: 'external' }],
    ['unknown', { participantType: 'unknown', label: 'unknown' }],
    ['worker', { participantType: 'worker', label: 'worker' }],
  ])('reads %s by the <type>[:<workerSid>[:<anything>]] convention', (label, identity) => {
    expect(classifyParticipantLabel(label)).toStrictEqual(identity)
  })

  test.each(['vip-line', 'Customer Jane Doe', '', 'boss:WK1', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'keeps the custom label %j with type unknown',
    (label) => {
      expect(classifyParticipantLabel(label)).toStrictEqual({ participantType: 'unknown', label })
    },
  )

  test.each(['worker:', 'worker:__proto__', 'worker:constructor', 'worker:not a sid', `worker:${'W'.repeat(129)}`])(
    'sets no workerSid from %j, which cannot be a key in state',
    (label) => {
      expect(classifyParticipantLabel(label)).toStrictEqual({ participantType: 'worker', label })
    },
  )
})

describe('ParticipantLabel in fromTwilioStatusCallback', () => {
  it('puts the classified label on the participant event as identity', () => {
    expect(identityOf(joinLabelled(`supervisor:${WORKER}:2`))).toStrictEqual({
      participantType: 'supervisor',
      workerSid: WORKER,
      label: `supervisor:${WORKER}:2`,
    })
  })

  it('keeps a custom label such as vip-line as unknown, label included', () => {
    expect(identityOf(joinLabelled('vip-line'))).toStrictEqual({ participantType: 'unknown', label: 'vip-line' })
  })

  it('uses a custom classifier instead of the default one', () => {
    const classify = vi.fn<ParticipantClassifier>(() => ({ participantType: 'customer', displayName: 'VIP line', label: 'vip-line' }))
    const action = joinLabelled('vip-line', classify)
    expect(classify).toHaveBeenCalledTimes(1)
    expect(classify).toHaveBeenCalledWith('vip-line')
    expect(identityOf(action)).toStrictEqual({ participantType: 'customer', displayName: 'VIP line', label: 'vip-line' })
  })

  it('sets no identity when the custom classifier has nothing to say', () => {
    const action = joinLabelled('vip-line', () => undefined)
    expect(action.type).toBe('conferences/participantJoined')
    expect(action.payload).not.toHaveProperty('identity')
  })

  it('does not call the classifier when no label was sent', () => {
    const classify = vi.fn<ParticipantClassifier>(() => ({ participantType: 'worker' }))
    const { ParticipantLabel: _label, ...unlabelled } = statusCallbacks['participant-join']
    const action = fromTwilioStatusCallback(unlabelled, { receivedAt, classifyParticipant: classify })
    expect(classify).not.toHaveBeenCalled()
    expect(action.payload).not.toHaveProperty('identity')
  })

  test.each<[string, unknown, RegExp]>([
    ['an Error', new Error('directory unavailable'), /directory unavailable/],
    ['a string', 'directory unavailable', /directory unavailable/],
    ['a value with no string form', Object.create(null), /cannot be shown/],
  ])('refuses the event, naming ParticipantLabel, when the classifier throws %s', (_what, thrown, reason) => {
    const classify: ParticipantClassifier = () => {
      throw thrown
    }
    let action: ConferenceEvent | undefined
    expect(() => {
      action = joinLabelled('customer', classify)
    }).not.toThrow()
    const rejection = rejectionOf(action as ConferenceEvent)
    expect(rejection.source).toBe(TWILIO_STATUS_CALLBACK)
    expect(rejection.field).toBe('ParticipantLabel')
    expect(rejection.reason).toMatch(/^`ParticipantLabel` could not be classified: /)
    expect(rejection.reason).toMatch(reason)
    expect(rejection.summary.length).toBeLessThanOrEqual(200)
  })

  // [what the classifier returns, the field to blame]
  test.each<[string, unknown, string]>([
    ["participantType 'boss'", { participantType: 'boss', label: 'customer' }, 'identity.participantType'],
    ["workerSid '__proto__'", { participantType: 'worker', workerSid: '__proto__' }, 'identity.workerSid'],
    ['a workerSid with spaces', { participantType: 'worker', workerSid: 'WK 1' }, 'identity.workerSid'],
    ['a number as displayName', { participantType: 'customer', displayName: 42 }, 'identity.displayName'],
    ['a label over 512 characters', { participantType: 'customer', label: 'x'.repeat(513) }, 'identity.label'],
    ['null', null, 'identity'],
    ['a string', 'worker', 'identity'],
    ['an array', [{ participantType: 'worker' }], 'identity'],
    ['a class instance', new (class Identity { participantType = 'worker' })(), 'identity'],
  ])('refuses the event when the classifier returns %s', (_what, returned, field) => {
    const action = joinLabelled('customer', () => returned as ParticipantIdentity)
    const rejection = rejectionOf(action)
    expect(rejection.source).toBe(TWILIO_STATUS_CALLBACK)
    expect(rejection.field).toBe(field)
    expect(rejection.reason).toContain(`\`${field}\``)
    expect(action.meta.receivedAt).toBe(receivedAt)
  })
})

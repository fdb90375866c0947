import { describe, expect, it } from 'vitest'
import { fromTwilioStatusCallback } from '../../src/twilio'
import { callbackIdentity } from '../../src/relay/callbackIdentity'
import { identityKey } from '../../src/relay/redis/appendOnce'
import { callback } from './callbacks'

const actionOf = (params: Record<string, string>, receivedAt: number) => fromTwilioStatusCallback(params, { receivedAt })

describe('callbackIdentity', () => {
  it('is the same for two copies of one callback, whenever each arrived', () => {
    expect(callbackIdentity(actionOf(callback(1, 5), 1_000))).toBe(callbackIdentity(actionOf(callback(1, 5), 9_999)))
  })

  it('differs between callbacks: another sequence number, conference or event', () => {
    const identities = [callback(1, 5), callback(1, 6), callback(2, 5), { ...callback(1, 5), StatusCallbackEvent: 'participant-unhold', Hold: 'false' }].map((params) =>
      callbackIdentity(actionOf(params, 1)),
    )
    expect(new Set(identities).size).toBe(4)
  })
})

describe('identityKey', () => {
  it("lives in the stream's hash slot: the stream key as the tag, or the stream key's own tag", () => {
    expect(identityKey('conference-state:events', 'abc')).toBe('{conference-state:events}:seen:abc')
    expect(identityKey('{tenant-7}:events', 'abc')).toBe('{tenant-7}:events:seen:abc')
  })
})

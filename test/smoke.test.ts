import { describe, expect, it } from 'vitest'
import { participantJoined, selectLiveParticipantCount } from 'conference-state'
import { createTestStore } from 'conference-state/testing'

describe('smoke', () => {
  it('counts a joined customer', () => {
    const store = createTestStore()
    store.dispatch(participantJoined({ conferenceSid: 'CF1', callSid: 'CA1', sequence: 1, identity: { participantType: 'customer' } }, 0))
    expect(selectLiveParticipantCount(store.getState(), 'CF1')).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import {
  conferenceSnapshotReceived,
  conferencesReducer,
  eventsReceived,
  participantHeld,
  participantJoined,
  selectRejectedEvents,
  type ConferencesState,
} from 'conference-state'
import { createTestStore, fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)
const initial = (): ConferencesState => conferencesReducer(undefined, { type: 'init' })

describe('payloads refused at the reducer', () => {
  it.each([
    ['a prototype name as conference SID', { conferenceSid: '__proto__', callSid: CA }, 'conferenceSid'],
    ['constructor as call SID', { conferenceSid: CF, callSid: 'constructor' }, 'callSid'],
    ['a missing call SID', { conferenceSid: CF }, 'callSid'],
    ['a fractional sequence', { conferenceSid: CF, callSid: CA, sequence: 1.5 }, 'sequence'],
    ['a negative sequence', { conferenceSid: CF, callSid: CA, sequence: -1 }, 'sequence'],
    ['a sequence that cannot even be shown as text', { conferenceSid: CF, callSid: CA, sequence: { toString: 0 } }, 'sequence'],
    ['a string flag', { conferenceSid: CF, callSid: CA, flags: { muted: 'yes' } }, 'flags.muted'],
    ['an unknown participant type', { conferenceSid: CF, callSid: CA, identity: { participantType: 'boss' } }, 'identity.participantType'],
    ['a SID with spaces', { conferenceSid: 'CF 1', callSid: CA }, 'conferenceSid'],
  ])('records %s, changes nothing else and pollutes no prototype', (_name, payload, field) => {
    const before = initial()
    const after = conferencesReducer(before, participantJoined(payload as never, 1))
    expect(after.table).toBe(before.table)
    expect(after.sidChunks).toBe(before.sidChunks)
    expect(selectRejectedEvents({ conferences: after })).toEqual([
      expect.objectContaining({ source: 'reducer', field, reason: expect.stringContaining(field) }),
    ])
    expect(({} as Record<string, unknown>).callSid).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty(CA)
  })

  it('refuses a snapshot that lists a leg twice, whichever of the two the store would have kept', () => {
    const store = createTestStore()
    const twice = conferenceSnapshotReceived({
      conferenceSid: CF,
      requestedAt: 1,
      source: 'test',
      participants: [
        { callSid: CA, status: 'joined', flags: { onHold: true } },
        { callSid: CA, status: 'left', identity: { participantType: 'worker' } },
      ],
    }, 1)
    store.dispatch(twice)
    expect(store.getState().conferences.table).toStrictEqual(initial().table)
    expect(selectRejectedEvents(store.getState())).toEqual([
      expect.objectContaining({ source: 'reducer', field: 'participants[1].callSid', reason: expect.stringMatching(/listed twice \(first at index 0\)/) }),
    ])
  })

  it('records instead of throwing when reading the payload throws', () => {
    const hostile = Object.defineProperty({ conferenceSid: CF }, 'callSid', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    const before = initial()
    const after = conferencesReducer(before, participantHeld(hostile as never, 1))
    expect(after.table).toBe(before.table)
    expect(after.rejected[0]?.reason).toMatch(/boom/)
  })

  it('keeps the rejection log bounded while counting every rejection', () => {
    const store = createTestStore({ maxRejectedEvents: 3 })
    for (let n = 0; n < 10; n++) store.dispatch(participantJoined({ conferenceSid: `bad sid ${n}`, callSid: CA }, n))
    const log = store.getState().conferences
    expect(log.rejected).toHaveLength(3)
    expect(log.rejectedCount).toBe(10)
    expect(log.rejected.map((entry) => entry.receivedAt)).toEqual([7, 8, 9])
  })

  it('refuses an eventsReceived payload that is not an array', () => {
    const after = conferencesReducer(initial(), eventsReceived('nope' as never))
    expect(after.rejected[0]?.field).toBe('payload')
  })
})

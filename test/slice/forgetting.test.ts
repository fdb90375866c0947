import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  conferenceEnded,
  conferencesMerged,
  conferencesPruned,
  conferencesReducer,
  createConferenceSelectors,
  createConferencesState,
  participantHeld,
  participantIdentified,
  participantJoined,
  participantLeft,
  participantMuted,
  participantSpeechStarted,
  participantSpeechStopped,
  selectConferenceExport,
  type ConferenceEvent,
  type ConferenceExport,
  type ConferencesState,
} from 'conference-state'
import { comparableState, fakeSid } from 'conference-state/testing'
import { scaledRuns } from '../runs'

const CF = fakeSid('CF', 1)
const slice = createConferenceSelectors((state: ConferencesState) => state)
const apply = (events: ReadonlyArray<{ type: string }>, from: ConferencesState = createConferencesState()) =>
  events.reduce<ConferencesState>((state, event) => conferencesReducer(state, event as ConferenceEvent), from)
const HOUR = 3_600_000
/** A control thunk's lifecycle action, as the thunk would dispatch it. */
const lifecycle = (action: { type: string; payload: unknown; meta: object }): { type: string } => action

describe('departed legs past the cap', () => {
  const legs = Array.from({ length: 51 }, (_, index) => fakeSid('CA', index + 1))
  const joinLeave = legs.flatMap((callSid, index) => {
    const base = index === 0 ? 1 : 3 * index + 1
    return [
      participantJoined({ conferenceSid: CF, callSid, sequence: base }, base),
      participantLeft({ conferenceSid: CF, callSid, sequence: base + (index === 0 ? 2 : 1) }, base + 1),
    ]
  })
  const hold = participantHeld({ conferenceSid: CF, callSid: legs[0]!, sequence: 2 }, 10_000)

  it('a late event of a forgotten leg never revives it', () => {
    const holdLast = apply([...joinLeave, hold])
    const inOrder = apply([joinLeave[0]!, hold, ...joinLeave.slice(1)])
    expect(slice.selectLiveParticipants(holdLast, CF)).toEqual([])
    expect(slice.selectParticipants(holdLast, CF)).toHaveLength(50)
    expect(comparableState(holdLast)).toEqual(comparableState(inOrder))
  })

  it('a retry of any applied event, one written after its leg left included, returns the identical state and never revives a forgotten leg', () => {
    const calls = [fakeSid('CA', 1), fakeSid('CA', 2), fakeSid('CA', 3)]
    const later = {
      speechStopped: participantSpeechStopped,
      speechStarted: participantSpeechStarted,
      held: participantHeld,
      muted: participantMuted,
      identified: (payload: { conferenceSid: string; callSid: string; sequence: number }, receivedAt: number) =>
        participantIdentified({ ...payload, identity: { displayName: `after ${payload.sequence}` } }, receivedAt),
    }
    // Each leg joins and leaves; other events of any leg land anywhere, after its leave too (a
    // speech-stop Twilio sends after the leave, a retried callback).
    const lifetimes = calls.flatMap((callSid, index) => [
      participantJoined({ conferenceSid: CF, callSid, sequence: 1 + index }, 1 + index),
      participantLeft({ conferenceSid: CF, callSid, sequence: 10 + 3 * index }, 10 + index),
    ])
    const others = fc.array(
      fc.record({ leg: fc.constantFrom(...calls), kind: fc.constantFrom(...(Object.keys(later) as Array<keyof typeof later>)), sequence: fc.integer({ min: 1, max: 30 }) }),
      { maxLength: 6 },
    )
    const run = others.chain((extra) => {
      const events = [
        ...lifetimes,
        ...extra.map(({ leg, kind, sequence }) => later[kind]({ conferenceSid: CF, callSid: leg, sequence }, 100 + sequence)),
      ]
      return fc.tuple(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.integer({ min: 1, max: 2 }))
    })
    fc.assert(
      fc.property(run, ([delivered, cap]) => {
        const state = apply(delivered, createConferencesState({ maxLeftParticipants: cap }))
        expect(slice.selectParticipants(state, CF).length).toBeLessThanOrEqual(cap)
        for (const event of delivered) expect(conferencesReducer(state, event)).toBe(state)
        // The tombstones travel with an export: a replica restored from it ignores the retries too.
        const exported = JSON.parse(JSON.stringify(selectConferenceExport({ conferences: state }))) as ConferenceExport
        const restored = conferencesReducer(createConferencesState({ maxLeftParticipants: cap }), conferencesMerged(exported, 1_000))
        expect(comparableState(restored)).toEqual(comparableState(state))
        for (const event of delivered) expect(conferencesReducer(restored, event)).toBe(restored)
      }),
      { numRuns: scaledRuns(3_000, 300) },
    )
  })

  it('a conference end keeps the same capped set of departed legs whatever the arrival order', () => {
    const joins = Array.from({ length: 500 }, (_, index) =>
      participantJoined({ conferenceSid: CF, callSid: fakeSid('CA', 1000 + index), sequence: index + 1 }, index),
    )
    const end = conferenceEnded({ conferenceSid: CF, sequence: 501 }, 600)
    const reference = apply([...joins, end])
    expect(slice.selectParticipants(reference, CF)).toHaveLength(50)
    fc.assert(
      fc.property(fc.shuffledSubarray([...joins, end], { minLength: 501, maxLength: 501 }), (delivered) => {
        expect(comparableState(apply(delivered))).toEqual(comparableState(reference))
      }),
      { numRuns: 20 },
    )
  })
})

describe('pruned conferences', () => {
  const join = (sequence: number, at: number) => participantJoined({ conferenceSid: CF, callSid: fakeSid('CA', 1), sequence }, at)

  it('a retried event after pruning does not bring the conference back; newer news does', () => {
    const ended = apply([join(1, 0), conferenceEnded({ conferenceSid: CF, sequence: 2 }, 10)])
    const pruned = apply([conferencesPruned({ now: 11 * 60_000 })], ended)
    expect(slice.selectConferenceSids(pruned)).toEqual([])
    const retried = apply([join(1, 12 * 60_000)], pruned)
    expect(retried).toBe(pruned)
    const newer = apply([join(3, 12 * 60_000)], pruned)
    expect(slice.selectConferenceSids(newer)).toEqual([CF])
    expect(slice.selectConferenceClock(newer, CF)).toBe(4 * 2 ** 20)
  })

  it('a conference whose end never comes is pruned after retainIdleMs (24 hours by default)', () => {
    const open = apply([join(1, 0)])
    expect(slice.selectConferenceSids(apply([conferencesPruned({ now: 23 * HOUR })], open))).toEqual([CF])
    expect(slice.selectConferenceSids(apply([conferencesPruned({ now: 24 * HOUR })], open))).toEqual([])
  })

  it('an add the transport placed in a conference the store did not know is pruned once idle', () => {
    const other = fakeSid('CF', 9)
    const arg = { conferenceSid: CF, to: '+15550100' }
    const state = apply([
      join(1, 0),
      lifecycle({ type: 'conferences/addParticipant/pending', payload: undefined, meta: { arg, requestId: 'r1', requestStatus: 'pending', receivedAt: 10 } }),
      lifecycle({ type: 'conferences/addParticipant/fulfilled', payload: { conferenceSid: other, callSid: fakeSid('CA', 9) }, meta: { arg, requestId: 'r1', requestStatus: 'fulfilled', receivedAt: 20 } }),
    ])
    expect(slice.selectConferenceSids(state)).toEqual([CF, other])
    expect(slice.selectConferenceView(state, other)?.status).toBe('setup')
    expect(slice.selectConferenceSids(apply([conferencesPruned({ now: 25 * HOUR })], state))).toEqual([])
  })

  it('keeps at most maxForgottenConferences tombstones, dropping the oldest', () => {
    let state = createConferencesState({ maxForgottenConferences: 10 })
    for (let index = 0; index < 25; index++) {
      const conferenceSid = fakeSid('CF', 100 + index)
      state = apply([participantJoined({ conferenceSid, callSid: fakeSid('CA', index), sequence: 1 }, index * HOUR)], state)
      state = apply([conferencesPruned({ now: index * HOUR + 25 * HOUR })], state)
    }
    expect(state.forgottenCount).toBeLessThanOrEqual(10)
    const exported = slice.selectConferenceExport(state)
    expect(exported.forgottenConferences?.length).toBe(state.forgottenCount)
    expect(exported.forgottenConferences?.map((stone) => stone.conferenceSid)).toContain(fakeSid('CF', 124))
  })
})

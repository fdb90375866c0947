/**
 * A long run: conferences open and close for 200,000 events (80,000 in `npm test`, see
 * test/runs.ts); with pruning, the number of conferences, tombstones and the state's serialized
 * size stay bounded (docs/architecture.md, "Bounds").
 */
import { describe, expect, it } from 'vitest'
import {
  conferenceEnded,
  conferencesPruned,
  conferencesReducer,
  createConferencesState,
  participantHeld,
  participantJoined,
  participantLeft,
  participantUnheld,
  type ConferencesState,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'
import { scaledRuns } from '../runs'

// At least 8,000 conferences: 40 waves, so 4 samples of the steady state to compare.
const CONFERENCES = scaledRuns(20_000, 8_000)
const EVENTS_PER_CONFERENCE = 10 // 2 joins, 3 holds, 3 unholds, 1 leave, 1 end
const LIVE_AT_ONCE = 200

describe('soak', () => {
  it(`keeps conferences and state size bounded over ${CONFERENCES * EVENTS_PER_CONFERENCE} events on ${CONFERENCES} conferences`, () => {
    let state: ConferencesState = createConferencesState({ retainClosedMs: 10_000, maxLeftParticipants: 5, maxForgottenConferences: 1_000 })
    let clock = 0
    let events = 0
    const samples: Array<{ conferences: number; bytes: number }> = []
    const apply = (action: Parameters<typeof conferencesReducer>[1]) => {
      state = conferencesReducer(state, action)
      events += 1
    }
    // conferences run in overlapping waves of LIVE_AT_ONCE
    for (let wave = 0; wave < CONFERENCES / LIVE_AT_ONCE; wave++) {
      const sids = Array.from({ length: LIVE_AT_ONCE }, (_, index) => fakeSid('CF', wave * LIVE_AT_ONCE + index + 1))
      for (let step = 0; step < EVENTS_PER_CONFERENCE; step++) {
        for (const [index, conferenceSid] of sids.entries()) {
          clock += 1
          const customer = fakeSid('CA', (wave * LIVE_AT_ONCE + index) * 2 + 1)
          const agent = fakeSid('CA', (wave * LIVE_AT_ONCE + index) * 2 + 2)
          const sequence = step + 1
          const base = { conferenceSid, sequence, timestamp: clock }
          if (step === 0) apply(participantJoined({ ...base, callSid: customer, identity: { participantType: 'customer' } }, clock))
          else if (step === 1) apply(participantJoined({ ...base, callSid: agent, identity: { participantType: 'worker', workerSid: fakeSid('WK', index) } }, clock))
          else if (step < 8) apply((step % 2 === 0 ? participantHeld : participantUnheld)({ ...base, callSid: customer }, clock))
          else if (step === 8) apply(participantLeft({ ...base, callSid: customer }, clock))
          else apply(conferenceEnded(base, clock))
        }
      }
      apply(conferencesPruned({ now: clock }))
      if (wave % 10 === 9) samples.push({ conferences: state.sidChunks.flat().length, bytes: JSON.stringify(state).length })
    }
    expect(events).toBeGreaterThanOrEqual(CONFERENCES * EVENTS_PER_CONFERENCE)
    // Closed conferences live retainClosedMs (10,000 ticks here, about 5 waves) before pruning.
    const maxConferences = Math.max(...samples.map((sample) => sample.conferences))
    expect(maxConferences).toBeLessThanOrEqual(LIVE_AT_ONCE * 7)
    // Flat: the last sample is no larger than the first steady-state one, allowing 10 % noise.
    const steady = samples.slice(1)
    expect(Math.max(...steady.map((sample) => sample.bytes))).toBeLessThanOrEqual((steady[0]?.bytes ?? 0) * 1.1)
    expect(state.rejectedCount).toBe(0)
  }, 180_000)
})

/**
 * The model-based suite: random multi-conference calls (joins, leaves, rejoins with the same and a
 * new call SID, flags, identity from two sources, speech, announcements, ends, snapshots with
 * `asOf`), delivered permuted with duplicates, as single dispatches and as batches split at random
 * points, with trimming and pruning in the middle. Every selector must equal the model, and every
 * delivery order must give the same views. `FC_RUNS` (or `TEST_RUNS=full`) sets the number of runs.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  conferencesPruned,
  conferencesReducer,
  createConferenceSelectors,
  createConferencesState,
  currentWorkerIdentified,
  eventsReceived,
  type ConferenceEvent,
  type ConferencesState,
} from 'conference-state'
import { scaledRuns } from '../runs'
import { expectedView, ME, modelCalls, type ModelCall } from './oracle'

/** `FC_RUNS` sets the run count outright; otherwise 1,000 scaled by `TEST_RUNS` (test/runs.ts), at least 150. */
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : scaledRuns(1_000, 150)
const slice = createConferenceSelectors((state: ConferencesState) => state)

type Step = { kind: 'event'; event: ConferenceEvent } | { kind: 'batch'; events: ConferenceEvent[] } | { kind: 'prune' }

/** A delivery: every event at least once, some twice, in any order, cut into singles and batches, maybe a prune. */
const delivery = (calls: ModelCall[]): fc.Arbitrary<Step[]> => {
  const events = calls.flatMap((call) => call.events)
  return fc
    .tuple(fc.subarray(events), fc.array(fc.boolean(), { minLength: events.length * 2, maxLength: events.length * 2 }), fc.option(fc.nat()))
    .chain(([duplicates, cuts, prune]) =>
      fc.shuffledSubarray([...events, ...duplicates], { minLength: events.length + duplicates.length, maxLength: events.length + duplicates.length }).map((order) => {
        const steps: Step[] = []
        let batch: ConferenceEvent[] = []
        order.forEach((event, index) => {
          if (cuts[index] === true) batch.push(event)
          else {
            if (batch.length > 0) steps.push({ kind: 'batch', events: batch })
            batch = []
            steps.push({ kind: 'event', event })
          }
        })
        if (batch.length > 0) steps.push({ kind: 'batch', events: batch })
        if (prune !== null) steps.splice(prune % (steps.length + 1), 0, { kind: 'prune' })
        return steps
      }),
    )
}

function deliver(steps: readonly Step[], maxLeftParticipants: number): { state: ConferencesState; prunedEarly: Set<string> } {
  let state = conferencesReducer(createConferencesState({ maxLeftParticipants }), currentWorkerIdentified({ workerSid: ME }))
  const prunedEarly = new Set<string>()
  for (const step of steps) {
    if (step.kind === 'prune') {
      // Far enough for closed conferences, not for idle ones: what is closed by now goes.
      const before = new Set(slice.selectConferenceSids(state))
      state = conferencesReducer(state, conferencesPruned({ now: Date.UTC(2026, 0, 1) + 6 * 3_600_000 }))
      for (const sid of before) if (!slice.selectConferenceSids(state).includes(sid)) prunedEarly.add(sid)
    } else {
      state = conferencesReducer(state, step.kind === 'event' ? step.event : eventsReceived(step.events))
    }
  }
  return { state, prunedEarly }
}

/** What the selectors give for a conference, in the model's terms. */
function actualView(state: ConferencesState, conferenceSid: string) {
  const view = slice.selectConferenceView(state, conferenceSid)
  if (view === undefined) return undefined
  return {
    status: view.status,
    liveParticipantCount: slice.selectLiveParticipantCount(state, conferenceSid),
    liveWorkers: slice.selectLiveWorkers(state, conferenceSid).map((leg) => leg.callSid),
    isCustomerOnHold: slice.selectIsCustomerOnHold(state, conferenceSid),
    isMyselfOnHold: slice.selectIsMyselfOnHold(state, conferenceSid),
    isMyselfMuted: slice.selectIsMyselfMuted(state, conferenceSid),
    isGroupCall: slice.selectIsGroupCall(state, conferenceSid),
    participants: slice.selectParticipants(state, conferenceSid).map((leg) => ({
      callSid: leg.callSid,
      live: leg.isLive,
      participantType: leg.participantType,
      workerSid: leg.workerSid,
      isMyself: leg.isMyself,
      onHold: leg.onHold,
      muted: leg.muted,
      coaching: leg.coaching,
      speaking: leg.speaking,
      leftReason: leg.leftReason,
    })),
  }
}

describe('every selector equals the model, for every delivery', () => {
  it('random calls, permuted with duplicates, singles and batches, snapshots with asOf, trimming and pruning', () => {
    fc.assert(
      fc.property(
        modelCalls.chain((calls) => fc.tuple(fc.constant(calls), delivery(calls), delivery(calls), fc.constantFrom(50, 2, 1))),
        ([calls, first, second, cap]) => {
          // A forgotten leg that rejoins with the same call SID comes back with only its newer
          // registers (docs/guarantees.md, G11): trimming is checked on calls without such rejoins.
          const maxLeft = calls.some((call) => call.rejoinedSameCallSid) ? 50 : cap
          const a = deliver(first, maxLeft)
          const b = deliver(second, maxLeft)
          for (const call of calls) {
            const expected = expectedView(call, maxLeft)
            for (const { state, prunedEarly } of [a, b]) {
              const actual = actualView(state, call.conferenceSid)
              // Pruned before its last events arrived: gone for good (the tombstone keeps it out).
              if (prunedEarly.has(call.conferenceSid)) expect(actual).toBeUndefined()
              else expect(actual).toEqual(expected)
            }
          }
        },
      ),
      { numRuns: RUNS },
    )
  }, 600_000)
})

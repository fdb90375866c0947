/**
 * The guarantee of the controls, as a property over random sessions: whatever the clicks, the
 * transport outcomes (answers, failures, hangs, late answers) and the platform's confirmations,
 *
 * - a leg's pending command is always its latest click of that kind (the last intent wins),
 * - a rejection or a time-out only ever clears its own request's mark, and
 * - once the deadline of the last click has passed, nothing is pending and no placeholder is left.
 *
 * Fake timers: no run waits on the wall clock.
 */
import { configureStore, type Middleware } from '@reduxjs/toolkit'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  conferencesReducer,
  controlConfirmationTimedOut,
  createConferencesState,
  participantHeld,
  participantJoined,
  participantLeft,
  participantMuted,
  participantUnheld,
  participantUnmuted,
  selectConferenceRecord,
} from 'conference-state'
import { createConferenceControls, type AddResult, type ConferenceTransport } from 'conference-state/controls'
import { fakeSid } from 'conference-state/testing'
import { scaledRuns } from '../runs'
import { CF, CHECKS, T0 } from './scriptedTransport'

const TIMEOUT = 1_000
const MAX_DELAY = 1_500
const LEGS = [fakeSid('CA', 1), fakeSid('CA', 2)] as const

type Outcome = { kind: 'answer' | 'fail' | 'hang'; after: number }
type Step =
  | { do: 'click'; command: 'hold' | 'unhold' | 'mute' | 'unmute' | 'remove' | 'add'; leg: 0 | 1 }
  | { do: 'platform'; event: 'held' | 'unheld' | 'muted' | 'unmuted' | 'left' | 'joined' | 'addedJoined'; leg: 0 | 1 }
  | { do: 'wait'; ms: number }

const outcome: fc.Arbitrary<Outcome> = fc.record({
  kind: fc.constantFrom('answer', 'answer', 'fail', 'hang'),
  after: fc.integer({ min: 0, max: MAX_DELAY }),
})
const leg = fc.constantFrom<0 | 1>(0, 1)
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ do: fc.constant('click' as const), command: fc.constantFrom('hold', 'unhold', 'mute', 'unmute', 'remove', 'add'), leg }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('platform' as const), event: fc.constantFrom('held', 'unheld', 'muted', 'unmuted', 'left', 'joined', 'addedJoined'), leg }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 700 }) }) },
)

/** A transport that answers, fails or hangs as scripted, on fake timers; it ignores its signal. */
function scripted(outcomes: Outcome[]) {
  const dialled: string[] = []
  let next = 0
  const respond = <T>(value: () => T) =>
    new Promise<T>((resolve, reject) => {
      const { kind, after } = outcomes[next++ % Math.max(outcomes.length, 1)] ?? { kind: 'hang', after: 0 }
      if (kind === 'hang') return
      setTimeout(() => (kind === 'answer' ? resolve(value()) : reject(new Error('scripted failure'))), after)
    })
  const transport: ConferenceTransport = {
    hold: () => respond(() => undefined),
    mute: () => respond(() => undefined),
    remove: () => respond(() => undefined),
    add: () =>
      respond<AddResult>(() => {
        const callSid = fakeSid('CA', 0x100 + dialled.length)
        dialled.push(callSid)
        return { callSid }
      }),
  }
  return { transport, dialled }
}

const PENDING_FIELDS = ['holdPending', 'mutePending', 'removePending', 'addPending'] as const
/** A stored leg (the record layout is internal; this test checks the pending marks in it). */
type ParticipantRecord = NonNullable<ReturnType<typeof selectConferenceRecord>>['participants'][number]

const pendingFields = (record: ParticipantRecord) => PENDING_FIELDS.filter((field) => record[field] !== undefined)

/** Every pending mark in the conference: `<callSid>.<field>` → the request that set it. */
function pendingMarks(state: { conferences: Parameters<typeof conferencesReducer>[0] & object }): Map<string, string> {
  const marks = new Map<string, string>()
  for (const record of Object.values(selectConferenceRecord(state, CF)?.participants ?? {})) {
    for (const field of pendingFields(record)) marks.set(`${record.callSid}.${field}`, record[field]!.requestId)
  }
  return marks
}

/** The request a rejection or time-out settles, if the action is one. */
function settledRequest(action: { type: string; payload?: unknown; meta?: unknown }): string | undefined {
  if (controlConfirmationTimedOut.match(action)) return action.payload.requestId
  return action.type.endsWith('/rejected') ? (action.meta as { requestId: string }).requestId : undefined
}

/**
 * Around every rejection or time-out of request R, no mark of another request may change: an
 * older request's failure or deadline never clears a newer intent.
 */
const touchesOnlyItsOwnMark: Middleware = (api) => (next) => (action) => {
  const request = settledRequest(action as { type: string })
  if (request === undefined) return next(action)
  const before = pendingMarks(api.getState())
  const result = next(action)
  const after = pendingMarks(api.getState())
  for (const [mark, owner] of before) if (owner !== request) expect(after.get(mark), mark).toBe(owner)
  return result
}

let warn: MockInstance
let error: MockInstance

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  warn = vi.spyOn(console, 'warn')
  error = vi.spyOn(console, 'error')
})

afterEach(() => {
  vi.useRealTimers()
  expect(warn).not.toHaveBeenCalled()
  expect(error).not.toHaveBeenCalled()
})

describe('no pending flag stays set forever', () => {
  it('under random clicks, transport outcomes and confirmations, the last intent wins and everything settles by the deadline', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(outcome, { maxLength: 30 }), fc.array(step, { minLength: 1, maxLength: 30 }), async (outcomes, steps) => {
        vi.clearAllTimers()
        const { transport, dialled } = scripted(outcomes)
        const controls = createConferenceControls(transport, { timeoutMs: TIMEOUT })
        const store = configureStore({
          reducer: { conferences: conferencesReducer },
          preloadedState: { conferences: createConferencesState() },
          middleware: (getDefault) => getDefault(CHECKS).concat(touchesOnlyItsOwnMark),
        })
        let sequence = 0
        const stamp = () => ({ conferenceSid: CF, sequence: ++sequence })
        for (const callSid of LEGS) store.dispatch(participantJoined({ ...stamp(), callSid }, T0))

        /** The latest click of each kind per leg: only it may be pending. */
        const latest = new Map<string, string>()
        const thunks = {
          hold: controls.holdParticipant,
          unhold: controls.unholdParticipant,
          mute: controls.muteParticipant,
          unmute: controls.unmuteParticipant,
          remove: controls.removeParticipant,
        }
        const kindOf = { hold: 'hold', unhold: 'hold', mute: 'mute', unmute: 'mute', remove: 'remove' } as const

        for (const current of steps) {
          if (current.do === 'wait') await vi.advanceTimersByTimeAsync(current.ms)
          else if (current.do === 'click' && current.command === 'add') {
            store.dispatch(controls.addParticipant({ conferenceSid: CF, to: `+1555010000${current.leg}` }))
          } else if (current.do === 'click') {
            const callSid = LEGS[current.leg]
            const command = current.command as keyof typeof thunks
            const click = store.dispatch(thunks[command]({ conferenceSid: CF, callSid }))
            latest.set(`${callSid}/${kindOf[command]}`, click.requestId)
          } else {
            const callSid = current.event === 'addedJoined' ? dialled.at(-1) : LEGS[current.leg]
            if (callSid === undefined) continue
            const creators = {
              held: participantHeld,
              unheld: participantUnheld,
              muted: participantMuted,
              unmuted: participantUnmuted,
              left: participantLeft,
              joined: participantJoined,
              addedJoined: participantJoined,
            }
            store.dispatch(creators[current.event]({ ...stamp(), callSid }, T0 + sequence))
          }

          for (const record of Object.values(selectConferenceRecord(store.getState(), CF)?.participants ?? {})) {
            if (record.holdPending) expect(record.holdPending.requestId).toBe(latest.get(`${record.callSid}/hold`))
            if (record.mutePending) expect(record.mutePending.requestId).toBe(latest.get(`${record.callSid}/mute`))
            if (record.removePending) expect(record.removePending.requestId).toBe(latest.get(`${record.callSid}/remove`))
          }
        }

        // Every deadline (from a click) and every scripted answer lies within this window.
        await vi.advanceTimersByTimeAsync(TIMEOUT + MAX_DELAY + 1)
        const legs = Object.values(selectConferenceRecord(store.getState(), CF)?.participants ?? {})
        expect(legs.flatMap((record) => pendingFields(record).map((field) => `${record.callSid}.${field}`))).toEqual([])
        expect(legs.filter((record) => record.callSid.startsWith('pending:'))).toEqual([])
        expect(vi.getTimerCount()).toBe(0)
        const state = store.getState()
        expect(JSON.parse(JSON.stringify(state))).toEqual(state)
      }),
      { numRuns: scaledRuns(200, 25) },
    )
  })
})

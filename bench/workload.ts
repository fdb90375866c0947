/* eslint-disable @typescript-eslint/no-non-null-assertion -- bench indices are in range by construction */
/**
 * Shared workload for the benchmark: the conference population and precomputed action arrays.
 * Every action array is built by simulation so that each event really changes the state, and so
 * that replaying the whole array returns every leg to where it started (it can be cycled).
 */
import {
  conferenceStarted,
  participantHeld,
  participantJoined,
  participantLeft,
  participantMuted,
  participantSpeechStarted,
  participantSpeechStopped,
  participantUnheld,
  participantUnmuted,
  type ConferenceEvent,
} from '../src/index'
import { fakeSid } from '../src/testing/callScenario'

export const RECEIVED_AT = Date.UTC(2026, 0, 1, 9)

/** Small deterministic PRNG (mulberry32) so runs are comparable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Population {
  sids: string[]
  /** callSids per conference (2–4 each, or exactly `legs`). */
  legs: string[][]
  /** An extra leg per conference used by the join+leave workload. */
  extraLeg: string[]
}

export function population(size: number, fixedLegs?: number): Population {
  const sids: string[] = []
  const legs: string[][] = []
  const extraLeg: string[] = []
  for (let i = 0; i < size; i++) {
    sids.push(fakeSid('CF', i + 1))
    const n = fixedLegs ?? 2 + (i % 3)
    const calls: string[] = []
    for (let j = 0; j < n; j++) calls.push(fakeSid('CA', (i + 1) * 16 + j))
    legs.push(calls)
    extraLeg.push(fakeSid('CA', (i + 1) * 16 + 15))
  }
  return { sids, legs, extraLeg }
}

/** The joins that build the population (first leg a customer, the others workers). */
export function joinActions(pop: Population): ConferenceEvent[] {
  const actions: ConferenceEvent[] = []
  pop.sids.forEach((conferenceSid, i) => {
    pop.legs[i]!.forEach((callSid, j) => {
      actions.push(
        participantJoined(
          {
            conferenceSid,
            callSid,
            flags: { muted: false, onHold: false },
            identity: j === 0 ? { participantType: 'customer' } : { participantType: 'worker', workerSid: fakeSid('WK', j) },
          },
          RECEIVED_AT,
        ),
      )
    })
  })
  return actions
}

export type WorkloadKind = 'hold' | 'mute' | 'joinLeave' | 'speech'
export const WORKLOADS: WorkloadKind[] = ['hold', 'mute', 'joinLeave', 'speech']

/**
 * `count` events (rounded to an even number) on random conferences. Toggles: the first half flips
 * random legs, the second half flips the same legs back in reverse order, so every event is a
 * real change and the array can be replayed in a loop.
 */
export function workload(pop: Population, kind: WorkloadKind, count: number, seed = 42): ConferenceEvent[] {
  const random = rng(seed)
  const half = Math.max(1, Math.floor(count / 2))
  const size = pop.sids.length
  if (kind === 'joinLeave') {
    const actions: ConferenceEvent[] = []
    for (let k = 0; k < half; k++) {
      const i = Math.floor(random() * size)
      const p = { conferenceSid: pop.sids[i]!, callSid: pop.extraLeg[i]!, flags: { muted: false, onHold: false } }
      actions.push(participantJoined(p, RECEIVED_AT), participantLeft({ ...p, reason: 'participant_hung_up' }, RECEIVED_AT))
    }
    return actions
  }
  const [on, off] =
    kind === 'hold'
      ? [participantHeld, participantUnheld]
      : kind === 'mute'
        ? [participantMuted, participantUnmuted]
        : [participantSpeechStarted, participantSpeechStopped]
  const flag = kind === 'hold' ? 'onHold' : kind === 'mute' ? 'muted' : undefined
  const state = new Map<string, boolean>()
  const picks: Array<[number, number]> = []
  for (let k = 0; k < half; k++) {
    const i = Math.floor(random() * size)
    picks.push([i, Math.floor(random() * pop.legs[i]!.length)])
  }
  const emit = ([i, j]: [number, number]) => {
    const callSid = pop.legs[i]![j]!
    const key = callSid
    const next = !(state.get(key) ?? false)
    state.set(key, next)
    const payload = { conferenceSid: pop.sids[i]!, callSid, ...(flag ? { flags: { [flag]: next } } : {}) }
    return (next ? on : off)(payload, RECEIVED_AT)
  }
  const actions = picks.map(emit)
  for (let k = picks.length - 1; k >= 0; k--) actions.push(emit(picks[k]!))
  return actions
}

/** Each conference of the population as Flex names it: started, its room named after a task SID. */
export function startActions(pop: Population): ConferenceEvent[] {
  return pop.sids.map((conferenceSid, i) => {
    const taskSid = fakeSid('WT', i + 1)
    return conferenceStarted({ conferenceSid, friendlyName: taskSid, taskSid }, RECEIVED_AT)
  })
}

/**
 * `count` new calls on conferences the population does not hold: a start (room named after its
 * task SID) and two joins, a customer and a worker.
 */
export function newCalls(count: number): ConferenceEvent[][] {
  const calls: ConferenceEvent[][] = []
  for (let k = 0; k < count; k++) {
    const conferenceSid = fakeSid('CF', 0x10000000 + k)
    const taskSid = fakeSid('WT', 0x10000000 + k)
    const base = { conferenceSid, friendlyName: taskSid, taskSid }
    calls.push([
      conferenceStarted({ ...base, sequence: 1 }, RECEIVED_AT),
      participantJoined({ ...base, sequence: 2, callSid: fakeSid('CA', 0x10000000 + 2 * k), identity: { participantType: 'customer' } }, RECEIVED_AT),
      participantJoined(
        { ...base, sequence: 3, callSid: fakeSid('CA', 0x10000001 + 2 * k), identity: { participantType: 'worker', workerSid: fakeSid('WK', 1) } },
        RECEIVED_AT,
      ),
    ])
  }
  return calls
}

/**
 * The replay engine behind `conference-state replay`: applies events in order and describes, for
 * each, what changed in its conference.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util'
import { currentWorkerIdentified, eventRejected, eventsReceived, recentlyLeftExpired, type ConferencesAction } from '../events'
import type { ConferencesState } from '../model'
import { selectConferenceView, type StateWithConferences } from '../selectors'
import type { ConferenceParticipant, ConferenceView } from '../selectors/views'
import { conferencesReducer } from '../slice'
import { listConferenceSids } from '../sidList'
import { comparableState } from '../testing/comparableState'
import { shuffleWithDuplicates } from './random'
import type { ReplayEvent, ReplayProblem } from './readEvents'

/**
 * One step of the timeline: an event of the file, or the `recently_left` windows that ran out
 * before it (`event: 'recentlyLeftExpired'`, one entry per conference, without a line).
 */
export interface TimelineEntry {
  /** The file line of the event; absent for an expiry. */
  line?: number
  receivedAt: number
  /** Whether `receivedAt` is the source's time (an event without a timestamp has none to show). */
  timed: boolean
  event: string
  conferenceSid?: string
  changes: string[]
  conferenceStatus?: string
  liveParticipantCount?: number
  liveWorkers: string[]
  onHold: string[]
  muted: string[]
}

const initial = (): ConferencesState => conferencesReducer(undefined, { type: '@@conference-state/init' })
const root = (conferences: ConferencesState): StateWithConferences => ({ conferences })

/** A short, readable name for a leg: its type, a short SID, and "(me)". */
export function legName(leg: ConferenceParticipant): string {
  const name = leg.displayName ?? (leg.workerSid !== undefined ? shortSid(leg.workerSid) : shortSid(leg.callSid))
  return `${leg.participantType} ${name}${leg.isMyself ? ' (me)' : ''}`
}

/** `CA…00c1`: enough of a SID to tell legs apart. */
export function shortSid(sid: string): string {
  return sid.length > 10 ? `${sid.slice(0, 2)}…${sid.slice(-4)}` : sid
}

const FLAG_WORDS: Array<[keyof ConferenceParticipant, string, string]> = [
  ['onHold', 'on hold', 'off hold'],
  ['muted', 'muted', 'unmuted'],
  ['speaking', 'speaking', 'stopped speaking'],
  ['coaching', 'coaching', 'stopped coaching'],
  ['connecting', 'connecting', 'connected'],
  ['endConferenceOnExit', 'ends the conference on exit', 'no longer ends the conference on exit'],
]

/** What differs between two views of one conference, in words. */
export function describeChanges(before: ConferenceView | undefined, after: ConferenceView | undefined): string[] {
  if (after === undefined) return before === undefined ? [] : ['conference removed']
  const changes: string[] = []
  if (before === undefined) changes.push(`conference ${shortSid(after.conferenceSid)} appears (${after.status})`)
  else if (before.status !== after.status) changes.push(`conference ${before.status} → ${after.status}`)
  const previous = new Map(before?.participants.map((leg) => [leg.callSid, leg]))
  for (const leg of after.participants) {
    const old = previous.get(leg.callSid)
    if (old === leg) continue
    const name = legName(leg)
    if (old === undefined || old.status !== leg.status) {
      const reason = leg.leftReason === undefined || leg.status === 'joined' ? '' : ` (${leg.leftReason})`
      changes.push(`${name} ${leg.status.replace('_', ' ')}${reason}`)
      if (old === undefined) continue
    }
    for (const [flag, on, off] of FLAG_WORDS) {
      if (old[flag] !== leg[flag]) changes.push(`${name} ${leg[flag] ? on : off}`)
    }
  }
  return changes
}

/** What happened at one step: the event's line and time, or an expiry's time. */
type Step = Pick<TimelineEntry, 'line' | 'receivedAt' | 'timed' | 'event'>

function entryFor(step: Step, conferenceSid: string | undefined, before: ConferencesState, after: ConferencesState): TimelineEntry {
  const view = conferenceSid === undefined ? undefined : selectConferenceView(root(after), conferenceSid)
  const live = view?.participants.filter((leg) => leg.isLive) ?? []
  return {
    ...step,
    ...(conferenceSid === undefined ? {} : { conferenceSid }),
    changes:
      conferenceSid === undefined
        ? []
        : describeChanges(selectConferenceView(root(before), conferenceSid), view),
    ...(view === undefined
      ? {}
      : { conferenceStatus: view.status, liveParticipantCount: view.liveParticipantCount }),
    liveWorkers: view?.liveWorkers.map(legName) ?? [],
    onHold: live.filter((leg) => leg.onHold).map(legName),
    muted: live.filter((leg) => leg.muted).map(legName),
  }
}

const conferenceOf = (action: unknown): string | undefined => {
  const sid = (action as { payload?: { conferenceSid?: unknown } } | undefined)?.payload?.conferenceSid
  return typeof sid === 'string' ? sid : undefined
}

/** The conferences an action is about: its own, or those of the members of a batch, in order. */
function conferencesOf(action: ConferencesAction): Array<string | undefined> {
  if (action.type !== eventsReceived.type || !Array.isArray(action.payload)) return [conferenceOf(action)]
  const sids = new Set((action.payload as unknown[]).map(conferenceOf).filter((sid) => sid !== undefined))
  return sids.size === 0 ? [undefined] : [...sids]
}

/** What the reducer recorded refusing while going from `before` to `after`, oldest first. */
function refusalsBetween(before: ConferencesState, after: ConferencesState): string[] {
  const count = after.rejectedCount - before.rejectedCount
  return count <= 0 ? [] : after.rejected.slice(-count).map((rejection) => rejection.reason)
}

/** What a replay came to. */
export interface Replay {
  timeline: TimelineEntry[]
  state: ConferencesState
  /**
   * What the reducer refused: a line whose action it refused whole (no entry in the timeline, not
   * counted as replayed), or a member of a batch it refused alone (the others applied).
   */
  refused: ReplayProblem[]
  /** How many lines were applied: events read less those refused whole. */
  replayed: number
}

/**
 * Replays events in file order, ageing `recently_left` windows to each event's arrival time.
 *
 * @param events - What `readReplayFile` read.
 * @param workerSid - Who "me" is, if anyone.
 * @returns The timeline, the final state, and what the reducer refused.
 */
export function replayInOrder(events: readonly ReplayEvent[], workerSid?: string): Replay {
  let state = initial()
  if (workerSid !== undefined) state = conferencesReducer(state, currentWorkerIdentified({ workerSid }))
  const timeline: TimelineEntry[] = []
  const refused: ReplayProblem[] = []
  let replayed = 0
  for (const event of events) {
    // Windows that ran out before this event are their own entries, under the conference they
    // changed, so the event's entry shows only what the event did.
    const expired = conferencesReducer(state, recentlyLeftExpired({ now: event.receivedAt }))
    for (const sid of expired === state ? [] : listConferenceSids(expired)) {
      if (selectConferenceView(root(expired), sid) === selectConferenceView(root(state), sid)) continue
      timeline.push(entryFor({ receivedAt: event.receivedAt, timed: event.timed, event: 'recentlyLeftExpired' }, sid, state, expired))
    }
    state = conferencesReducer(expired, event.action)
    // A line that is itself a rejection adds to the log on purpose: that is not a refusal.
    const refusals = event.action.type === eventRejected.type ? [] : refusalsBetween(expired, state)
    const batch = event.action.type === eventsReceived.type
    for (const reason of refusals) {
      refused.push({ line: event.line, reason: `${batch ? 'a member of the batch was refused' : 'refused'}: ${reason}` })
    }
    if (refusals.length > 0 && !batch) continue
    replayed += 1
    const step = { line: event.line, receivedAt: event.receivedAt, timed: event.timed, event: event.action.type.replace('conferences/', '') }
    for (const sid of conferencesOf(event.action)) timeline.push(entryFor(step, sid, expired, state))
  }
  return { timeline, state, refused, replayed }
}

/** The outcome of `--shuffle`. */
export interface ShuffleReport {
  seed: number
  events: number
  duplicates: number
  equal: boolean
  /** SIDs of the conferences whose final state differs. */
  differing: string[]
}

const applyAll = (events: readonly ReplayEvent[]) =>
  events.reduce((state, event) => conferencesReducer(state, event.action), initial())

/**
 * Replays the events in a seeded random order with duplicates and compares the final state with
 * the in-order one (arrival-time fields ignored, docs/architecture.md, "Ordering"). Events without a sequence
 * number keep their place at the front: their order is their meaning.
 */
export function replayShuffled(events: readonly ReplayEvent[], seed: number): ShuffleReport {
  const sequenced = events.filter((event) => (event.action.payload as { sequence?: unknown } | undefined)?.sequence !== undefined)
  const unsequenced = events.filter((event) => !sequenced.includes(event))
  const shuffled = shuffleWithDuplicates(sequenced, seed)
  const expected = comparableState(applyAll([...unsequenced, ...sequenced]))
  const actual = comparableState(applyAll([...unsequenced, ...shuffled.items]))
  const sids = new Set([...Object.keys(expected), ...Object.keys(actual)])
  const differing = [...sids].filter((sid) => !isDeepStrictEqual(expected[sid], actual[sid]))
  return { seed, events: sequenced.length, duplicates: shuffled.duplicates, equal: differing.length === 0, differing }
}

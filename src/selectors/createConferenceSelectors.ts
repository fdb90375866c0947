/**
 * `createConferenceSelectors(selectSlice)`: every selector, for a slice mounted anywhere.
 *
 * Plain lookups stay plain functions. Whatever builds a new array or object is a derivation cached
 * with reselect's `weakMapMemoize` on the records it reads, not on the root state: an event
 * elsewhere leaves a conference's records untouched, so its selectors return the very same
 * objects at the cost of a lookup (reselect's `createSelector` would key on the new root state and
 * miss for every subscriber on every dispatch). Filtered lists keep their reference while their
 * items are unchanged.
 *
 * @module
 */
import { weakMapMemoize, type Selector } from '@reduxjs/toolkit'
import type { ConferenceRecord, ConferencesState, ControlError, ParticipantRecord, RejectedEvent, SnapshotOmission } from '../model'
import type { ConferenceExport } from '../exportFormat'
import { lookupConference } from '../table'
import { listConferenceSids } from '../sidList'
import { lookupTask } from '../taskIndex'
import { clockOf, exportSlice } from './conferenceExport'
import {
  countLiveParticipants,
  findLiveWorkers,
  inJoinOrder,
  isAnyCustomerOnHold,
  isAnyOfMineMuted,
  isAnyOfMineOnHold,
  sameListFor,
} from './derive'
import { createParticipantViews, createViewInterner, type ConferenceParticipant, type ConferenceView } from './views'

/** What reselect adds to a memoized selector, for tests and profiling. */
export interface MemoizedSelectorInfo {
  /** How many times the result was computed. */
  recomputations: () => number
  resetRecomputations: () => void
}

/** A selector of one conference: `(state, conferenceSid)`. */
export type ConferenceSelector<State, Result> = ((state: State, conferenceSid: string) => Result) & MemoizedSelectorInfo

/** The selectors `createConferenceSelectors` returns. */
export interface ConferenceSelectors<State> {
  /** The stored record of a conference (internal layout; prefer the views). */
  selectConferenceRecord: (state: State, conferenceSid: string) => ConferenceRecord | undefined
  /** Every conference SID, in the order first seen. Changes only when one is added or removed. */
  selectConferenceSids: (state: State) => readonly string[]
  /** The logged-in worker's SID, or `null`. */
  selectCurrentWorkerSid: (state: State) => string | null
  /** The bounded log of rejected input, oldest first. */
  selectRejectedEvents: (state: State) => readonly RejectedEvent[]
  /** The bounded log of control commands that failed or were never confirmed, oldest first. */
  selectControlErrors: (state: State) => readonly ControlError[]
  /** Every leg, departed ones included, in join order. */
  selectParticipants: ConferenceSelector<State, readonly ConferenceParticipant[]>
  /** One leg by call SID. */
  selectParticipant: (state: State, conferenceSid: string, callSid: string) => ConferenceParticipant | undefined
  /** Legs that are `joined` and not connecting. */
  selectLiveParticipants: ConferenceSelector<State, readonly ConferenceParticipant[]>
  /** Legs in their `recently_left` window. */
  selectRecentlyLeftParticipants: ConferenceSelector<State, readonly ConferenceParticipant[]>
  selectLiveParticipantCount: ConferenceSelector<State, number>
  selectLiveWorkers: ConferenceSelector<State, readonly ConferenceParticipant[]>
  selectLiveWorkerCount: ConferenceSelector<State, number>
  /** All of my legs (the current worker's), departed ones included. */
  selectMyParticipants: ConferenceSelector<State, readonly ConferenceParticipant[]>
  selectIsCustomerOnHold: ConferenceSelector<State, boolean>
  selectIsMyselfOnHold: ConferenceSelector<State, boolean>
  selectIsMyselfMuted: ConferenceSelector<State, boolean>
  /** More than two live participants. */
  selectIsGroupCall: ConferenceSelector<State, boolean>
  /** The Flex-compatible conference view, or `undefined` for an unknown conference. */
  selectConferenceView: ConferenceSelector<State, ConferenceView | undefined>
  /** The view of the conference serving a task. */
  selectConferenceViewByTaskSid: (state: State, taskSid: string) => ConferenceView | undefined
  /**
   * A conference's version clock (the highest version applied): 0 for an unknown conference.
   * Read it when you request a snapshot and pass it as the snapshot's `asOf`.
   */
  selectConferenceClock: (state: State, conferenceSid: string) => number
  /**
   * A versioned, JSON-serializable export of the given conferences (every one when `sids` is
   * omitted), with tombstones of pruned ones: what `conferencesMerged` folds in.
   */
  selectConferenceExport: (state: State, sids?: readonly string[]) => ConferenceExport
}

const NO_PARTICIPANTS: readonly ConferenceParticipant[] = Object.freeze([])

/** A function cached on its arguments (objects by identity, in WeakMaps) that counts its runs. */
type Derivation<Args extends unknown[], Result> = ((...args: Args) => Result) & MemoizedSelectorInfo

function derivation<Args extends unknown[], Result>(compute: (...args: Args) => Result): Derivation<Args, Result> {
  let runs = 0
  const cached = weakMapMemoize((...args: Args) => {
    runs += 1
    return compute(...args)
  })
  return Object.assign((...args: Args) => cached(...args), {
    recomputations: () => runs,
    resetRecomputations: () => {
      runs = 0
    },
  })
}

/** A `(state, conferenceSid)` selector reporting the runs of the derivation it ends in. */
function bySid<State, Result>(
  select: (state: State, conferenceSid: string) => Result,
  derived: MemoizedSelectorInfo,
): ConferenceSelector<State, Result> {
  return Object.assign(select, {
    recomputations: derived.recomputations,
    resetRecomputations: derived.resetRecomputations,
  })
}
const NO_LEGS: readonly ParticipantRecord[] = Object.freeze([])
const NO_CONTROL_ERRORS: readonly ControlError[] = Object.freeze([])

/**
 * Builds every selector for a slice mounted where `selectSlice` finds it.
 *
 * @param selectSlice - Reads the slice state from your root state.
 * @returns The selectors, each taking `(state, conferenceSid)` where it reads one conference.
 * @example
 * ```ts
 * const { selectLiveWorkers } = createConferenceSelectors((state: RootState) => state.telephony.conferences)
 * const workers = selectLiveWorkers(store.getState(), 'CF…')
 * ```
 */
export function createConferenceSelectors<State>(
  selectSlice: (state: State) => ConferencesState,
): ConferenceSelectors<State> {
  const selectConferenceRecord = (state: State, conferenceSid: string) =>
    lookupConference(selectSlice(state).table, conferenceSid)
  const selectConferenceSids = (state: State) => listConferenceSids(selectSlice(state))
  const selectCurrentWorkerSid = (state: State) => selectSlice(state).currentWorkerSid
  const selectRejectedEvents = (state: State) => selectSlice(state).rejected
  // A state persisted before the controls existed has no log yet.
  const selectControlErrors = (state: State) => selectSlice(state).controlErrors ?? NO_CONTROL_ERRORS
  const selectLegs = (state: State, conferenceSid: string) =>
    selectConferenceRecord(state, conferenceSid)?.participants ?? NO_LEGS

  // Each derivation is cached on the records it reads (see `derivation`), so a selector call is a
  // table lookup plus a WeakMap hit, whatever else changed in the root state.
  const participantViewOf = createParticipantViews()
  const participantsOf = derivation(
    (
      legs: readonly ParticipantRecord[],
      currentWorkerSid: string | null,
      omission: SnapshotOmission | undefined,
      conferenceSid: string,
    ): readonly ConferenceParticipant[] => {
      const ordered = inJoinOrder(legs)
      return ordered.length === 0
        ? NO_PARTICIPANTS
        : sameListFor(ordered.map((leg) => participantViewOf(conferenceSid, leg, currentWorkerSid, omission)))
    },
  )
  const selectParticipants = bySid(
    (state: State, conferenceSid: string) =>
      participantsOf(
        selectLegs(state, conferenceSid),
        selectCurrentWorkerSid(state),
        selectConferenceRecord(state, conferenceSid)?.snapshotOmission,
        conferenceSid,
      ),
    participantsOf,
  )
  const fromParticipants = <R>(compute: (participants: readonly ConferenceParticipant[]) => R) => {
    const derive = derivation(compute)
    return bySid((state: State, conferenceSid: string) => derive(selectParticipants(state, conferenceSid)), derive)
  }
  const listOf = (keep: (leg: ConferenceParticipant) => boolean) =>
    fromParticipants((participants) => sameListFor(participants.filter(keep)))

  const selectLiveParticipants = listOf((leg) => leg.isLive)
  const selectRecentlyLeftParticipants = listOf((leg) => leg.status === 'recently_left')
  const selectMyParticipants = listOf((leg) => leg.isMyself)
  const selectLiveWorkers = fromParticipants((participants) => sameListFor(findLiveWorkers(participants)))
  const selectLiveWorkerCount = fromParticipants((participants) => selectLiveWorkersOf(participants).length)
  const selectLiveParticipantCount = fromParticipants(countLiveParticipants)
  const selectIsCustomerOnHold = fromParticipants(isAnyCustomerOnHold)
  const selectIsMyselfOnHold = fromParticipants(isAnyOfMineOnHold)
  const selectIsMyselfMuted = fromParticipants(isAnyOfMineMuted)
  const selectIsGroupCall = fromParticipants((participants) => countLiveParticipants(participants) > 2)
  function selectLiveWorkersOf(participants: readonly ConferenceParticipant[]) {
    return sameListFor(findLiveWorkers(participants))
  }

  const internConference = createViewInterner<ConferenceView>()
  const viewOf = derivation((record: ConferenceRecord, participants: readonly ConferenceParticipant[]): ConferenceView => {
    const liveParticipantCount = countLiveParticipants(participants)
    const liveWorkers = selectLiveWorkersOf(participants)
    return internConference(record.conferenceSid, toConferenceView(record, {
      participants,
      liveParticipantCount,
      liveWorkerCount: liveWorkers.length,
      liveWorkers,
      myParticipants: sameListFor(participants.filter((leg) => leg.isMyself)),
      isCustomerOnHold: isAnyCustomerOnHold(participants),
      isMyselfOnHold: isAnyOfMineOnHold(participants),
      isMyselfMuted: isAnyOfMineMuted(participants),
      isGroupCall: liveParticipantCount > 2,
    }))
  })
  const selectConferenceView = bySid((state: State, conferenceSid: string) => {
    const record = selectConferenceRecord(state, conferenceSid)
    return record === undefined ? undefined : viewOf(record, selectParticipants(state, conferenceSid))
  }, viewOf)

  const selectParticipant = (state: State, conferenceSid: string, callSid: string) =>
    selectParticipants(state, conferenceSid).find((leg) => leg.callSid === callSid)
  const selectConferenceViewByTaskSid = (state: State, taskSid: string) => {
    const conferenceSid = lookupTask(selectSlice(state).taskIndex, taskSid)
    return conferenceSid === undefined ? undefined : selectConferenceView(state, conferenceSid)
  }

  const selectConferenceClock = (state: State, conferenceSid: string) => clockOf(selectSlice(state), conferenceSid)
  const selectConferenceExport = (state: State, sids?: readonly string[]) => exportSlice(selectSlice(state), sids)

  return {
    selectConferenceClock,
    selectConferenceExport,
    selectConferenceRecord,
    selectConferenceSids,
    selectCurrentWorkerSid,
    selectRejectedEvents,
    selectControlErrors,
    selectParticipants,
    selectParticipant,
    selectLiveParticipants,
    selectRecentlyLeftParticipants,
    selectLiveParticipantCount,
    selectLiveWorkers,
    selectLiveWorkerCount,
    selectMyParticipants,
    selectIsCustomerOnHold,
    selectIsMyselfOnHold,
    selectIsMyselfMuted,
    selectIsGroupCall,
    selectConferenceView,
    selectConferenceViewByTaskSid,
  } satisfies Record<string, Selector<State, unknown, never[]> | ((...args: never[]) => unknown)>
}

type Derived = Omit<ConferenceView, 'sid' | 'status' | 'conferenceSid'>

function toConferenceView(record: ConferenceRecord, derived: Pick<ConferenceView, keyof Derived & keyof ConferenceView> & Derived): ConferenceView {
  const view: ConferenceView = {
    sid: record.taskSid ?? record.conferenceSid,
    status: record.status,
    conferenceSid: record.conferenceSid,
    ...derived,
  }
  if (record.taskSid !== undefined) view.taskSid = record.taskSid
  if (record.friendlyName !== undefined) view.friendlyName = record.friendlyName
  if (record.startedAt !== undefined) view.startedAt = record.startedAt
  if (record.endedAt !== undefined) view.endedAt = record.endedAt
  if (record.endReason !== undefined) view.endReason = record.endReason
  if (record.endReasonText !== undefined) view.endReasonText = record.endReasonText
  if (record.callSidEndingConference !== undefined) view.callSidEndingConference = record.callSidEndingConference
  if (record.participantLabelEndingConference !== undefined) {
    view.participantLabelEndingConference = record.participantLabelEndingConference
  }
  if (record.lastAnnouncement !== undefined) view.lastAnnouncement = record.lastAnnouncement
  return view
}

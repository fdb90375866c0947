/**
 * The selectors for a slice mounted at `state.conferences`. For a slice mounted elsewhere, call
 * {@link createConferenceSelectors}.
 *
 * @module
 */
import type { ConferencesState } from '../model'
import { createConferenceSelectors, type ConferenceSelectors } from './createConferenceSelectors'

/** A root state with the slice mounted at `conferences`. */
export interface StateWithConferences {
  conferences: ConferencesState
}

const defaults = /* @__PURE__ */ createConferenceSelectors((state: StateWithConferences) => state.conferences)

/**
 * Every default selector in one object (the ones exported one by one below, for a slice mounted
 * at `state.conferences`): hand it to code that takes a selector set, such as
 * `createConferenceHooks`, and share its caches.
 * @example
 * ```ts
 * const { selectLiveWorkers, selectIsGroupCall } = conferenceSelectors
 * ```
 */
export const conferenceSelectors: ConferenceSelectors<StateWithConferences> = defaults

/**
 * A conference's version clock: the highest version applied to it, 0 for an unknown conference.
 * Read it just before you request a snapshot and pass it as the snapshot's `asOf`: the snapshot
 * then overrides what is older than the request, and every later event still wins.
 *
 * @param state - The root state, with the slice at `state.conferences`.
 * @param conferenceSid - The conference.
 * @returns The clock (0 when unknown).
 * @example
 * ```ts
 * const asOf = selectConferenceClock(store.getState(), 'CF…')
 * const list = await fetchParticipants('CF…')
 * store.dispatch(fromTwilioParticipantList('CF…', list, requestedAt, { asOf }))
 * ```
 */
export const selectConferenceClock = defaults.selectConferenceClock

/**
 * A versioned, plain-data export of conferences (all of them when `sids` is omitted): every
 * register with its version, and tombstones of pruned conferences. JSON-serializable; fold it
 * into another store with `conferencesMerged`. Local state stays local: pending control commands,
 * placeholder legs and the record of when the clock moved are not exported.
 *
 * @param state - The root state, with the slice at `state.conferences`.
 * @param sids - The conferences to export; unknown SIDs are skipped.
 * @returns `{ format: 1, conferences, forgottenConferences? }`.
 * @example
 * ```ts
 * const catchUp = selectConferenceExport(serverStore.getState(), ['CF…'])
 * response.write(`event: snapshot\ndata: ${JSON.stringify(catchUp)}\n\n`)
 * ```
 */
export const selectConferenceExport = defaults.selectConferenceExport

/**
 * The stored record of a conference (its internal layout: prefer the views).
 * @example
 * ```ts
 * selectConferenceRecord(state, 'CF…')?.clock
 * ```
 */
export const selectConferenceRecord = defaults.selectConferenceRecord

/**
 * Every conference SID in the order first seen; the reference changes only when one is added or removed.
 * @example
 * ```ts
 * const sids = useSelector(selectConferenceSids)
 * ```
 */
export const selectConferenceSids = defaults.selectConferenceSids

/**
 * The logged-in worker's SID, or `null`.
 * @example
 * ```ts
 * selectCurrentWorkerSid(store.getState()) // 'WK…'
 * ```
 */
export const selectCurrentWorkerSid = defaults.selectCurrentWorkerSid

/**
 * The bounded log of rejected input, oldest first.
 * @example
 * ```ts
 * for (const { source, reason } of selectRejectedEvents(store.getState())) console.warn(source, reason)
 * ```
 */
export const selectRejectedEvents = defaults.selectRejectedEvents

/**
 * The bounded log of control commands (`holdParticipant`, `addParticipant`, …) that failed or were
 * never confirmed, oldest first. Each entry says which command, on which leg, why (`kind`:
 * `invalid`, `transport`, `no-reply`, `unconfirmed`, `aborted`), the HTTP status when there was
 * one, and a message for people. The reference changes only when an error is recorded.
 *
 * @param state - The root state, with the slice at `state.conferences`.
 * @returns The errors, oldest first; at most `maxControlErrors` (default 50) are kept.
 * @example
 * ```ts
 * const errors = useSelector(selectControlErrors)
 * const last = errors.at(-1)
 * if (last !== undefined) toast(`Could not ${last.command}: ${last.message}`)
 * ```
 */
export const selectControlErrors = defaults.selectControlErrors

/**
 * Every leg of a conference, the departed ones included, in join order.
 * @example
 * ```ts
 * selectParticipants(state, 'CF…').map((leg) => leg.callSid)
 * ```
 */
export const selectParticipants = defaults.selectParticipants

/**
 * One leg by call SID.
 * @example
 * ```ts
 * selectParticipant(state, 'CF…', 'CA…')?.onHold
 * ```
 */
export const selectParticipant = defaults.selectParticipant

/**
 * Legs that are `joined` and not connecting.
 * @example
 * ```ts
 * selectLiveParticipants(state, 'CF…').length
 * ```
 */
export const selectLiveParticipants = defaults.selectLiveParticipants

/**
 * Legs in their `recently_left` window.
 * @example
 * ```ts
 * selectRecentlyLeftParticipants(state, 'CF…').map((leg) => leg.displayName)
 * ```
 */
export const selectRecentlyLeftParticipants = defaults.selectRecentlyLeftParticipants

/**
 * Live participants except transfer and supervisor legs; the current worker's legs count once.
 * @example
 * ```ts
 * selectLiveParticipantCount(state, 'CF…') // 2
 * ```
 */
export const selectLiveParticipantCount = defaults.selectLiveParticipantCount

/**
 * Live workers, one per distinct worker SID (earliest leg), in join order.
 * @example
 * ```ts
 * selectLiveWorkers(state, 'CF…').map((leg) => leg.workerSid)
 * ```
 */
export const selectLiveWorkers = defaults.selectLiveWorkers

/**
 * How many distinct workers are live.
 * @example
 * ```ts
 * selectLiveWorkerCount(state, 'CF…') // 1
 * ```
 */
export const selectLiveWorkerCount = defaults.selectLiveWorkerCount

/**
 * All of the current worker's legs, departed ones included.
 * @example
 * ```ts
 * selectMyParticipants(state, 'CF…').some((leg) => leg.isLive)
 * ```
 */
export const selectMyParticipants = defaults.selectMyParticipants

/**
 * Whether a live customer leg is on hold.
 * @example
 * ```ts
 * selectIsCustomerOnHold(state, 'CF…')
 * ```
 */
export const selectIsCustomerOnHold = defaults.selectIsCustomerOnHold

/**
 * Whether one of my live legs is on hold.
 * @example
 * ```ts
 * selectIsMyselfOnHold(state, 'CF…')
 * ```
 */
export const selectIsMyselfOnHold = defaults.selectIsMyselfOnHold

/**
 * Whether one of my live legs is muted.
 * @example
 * ```ts
 * selectIsMyselfMuted(state, 'CF…')
 * ```
 */
export const selectIsMyselfMuted = defaults.selectIsMyselfMuted

/**
 * Whether more than two participants are live.
 * @example
 * ```ts
 * selectIsGroupCall(state, 'CF…')
 * ```
 */
export const selectIsGroupCall = defaults.selectIsGroupCall

/**
 * The Flex-compatible view of a conference (`Conference` of the Flex reference, plus ours).
 * @example
 * ```ts
 * const view = selectConferenceView(state, 'CF…')
 * view?.liveWorkers.map((leg) => leg.workerSid)
 * ```
 */
export const selectConferenceView = defaults.selectConferenceView

/**
 * The view of the conference serving a task (Flex keys conferences by task SID).
 * @example
 * ```ts
 * selectConferenceViewByTaskSid(state, task.taskSid)?.liveParticipantCount
 * ```
 */
export const selectConferenceViewByTaskSid = defaults.selectConferenceViewByTaskSid

export { createConferenceSelectors } from './createConferenceSelectors'

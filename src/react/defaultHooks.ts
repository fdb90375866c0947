/**
 * The hooks for a slice mounted at `state.conferences`, built on the default selectors of
 * `conference-state` (so a hook returns the very object the selector of the same name returns).
 * For a slice mounted elsewhere, call {@link createConferenceHooks}.
 *
 * @module
 */
import { conferenceSelectors } from 'conference-state'
import { createConferenceHooks } from './createConferenceHooks'

const defaults = /* @__PURE__ */ createConferenceHooks(conferenceSelectors)

/**
 * Every conference SID, in the order first seen. The component re-renders only when a conference
 * is added or pruned, never on participant events: render a list of rows by SID with it.
 * @example
 * ```tsx
 * function Wall() {
 *   const sids = useConferenceSids()
 *   return sids.map((sid) => <ConferenceRow key={sid} conferenceSid={sid} />)
 * }
 * ```
 */
export const useConferenceSids = defaults.useConferenceSids

/**
 * The Flex-shaped view of a conference, or `undefined` for an unknown SID. It changes whenever
 * anything in that conference changes; prefer a narrower hook for a component that shows one value.
 * @example
 * ```tsx
 * const view = useConferenceView(conferenceSid)
 * return <h2>{view?.friendlyName ?? conferenceSid}: {view?.status}</h2>
 * ```
 */
export const useConferenceView = defaults.useConferenceView

/**
 * The view of the conference serving a task (`WT…`), as Flex keys conferences.
 * @example
 * ```tsx
 * const view = useConferenceViewByTaskSid(task.taskSid)
 * return <span>{view?.liveParticipantCount ?? 0} in call</span>
 * ```
 */
export const useConferenceViewByTaskSid = defaults.useConferenceViewByTaskSid

/**
 * Every leg of a conference, departed ones included, in join order. A leg an event did not
 * touch keeps its object, so `React.memo` rows keyed by call SID re-render only for their leg.
 * @example
 * ```tsx
 * const participants = useParticipants(conferenceSid)
 * return participants.map((leg) => <ParticipantRow key={leg.callSid} participant={leg} />)
 * ```
 */
export const useParticipants = defaults.useParticipants

/**
 * One leg by call SID; the component re-renders only when that leg changes.
 * @example
 * ```tsx
 * const leg = useParticipant(conferenceSid, callSid)
 * return <li>{leg?.displayName}{leg?.onHold ? ' (on hold)' : ''}</li>
 * ```
 */
export const useParticipant = defaults.useParticipant

/**
 * Legs that are `joined` and not connecting.
 * @example
 * ```tsx
 * const live = useLiveParticipants(conferenceSid)
 * return <span>{live.filter((leg) => leg.speaking).length} speaking</span>
 * ```
 */
export const useLiveParticipants = defaults.useLiveParticipants

/**
 * Legs in their `recently_left` window (5 s by default), to show who just left.
 * @example
 * ```tsx
 * const gone = useRecentlyLeftParticipants(conferenceSid)
 * return gone.map((leg) => <Toast key={leg.callSid}>{leg.displayName} left</Toast>)
 * ```
 */
export const useRecentlyLeftParticipants = defaults.useRecentlyLeftParticipants

/**
 * Live participants except transfer and supervisor legs; the current worker's legs count once.
 * @example
 * ```tsx
 * const count = useLiveParticipantCount(conferenceSid)
 * return <span>{count} in call</span>
 * ```
 */
export const useLiveParticipantCount = defaults.useLiveParticipantCount

/**
 * Live workers, one leg per distinct worker, in join order. The array keeps its reference while
 * its members do: a customer's mute does not re-render the component.
 * @example
 * ```tsx
 * const workers = useLiveWorkers(conferenceSid)
 * return workers.map((leg) => <Avatar key={leg.callSid} name={leg.worker?.fullName} />)
 * ```
 */
export const useLiveWorkers = defaults.useLiveWorkers

/**
 * How many distinct workers are live.
 * @example
 * ```tsx
 * const workers = useLiveWorkerCount(conferenceSid)
 * return workers > 1 ? <Badge>consult</Badge> : null
 * ```
 */
export const useLiveWorkerCount = defaults.useLiveWorkerCount

/**
 * All of the current worker's legs, departed ones included; empty until a worker is identified.
 * @example
 * ```tsx
 * const mine = useMyParticipants(conferenceSid)
 * const myLeg = mine.find((leg) => leg.isLive)
 * ```
 */
export const useMyParticipants = defaults.useMyParticipants

/**
 * Whether a live customer leg is on hold.
 * @example
 * ```tsx
 * const held = useIsCustomerOnHold(conferenceSid)
 * return <button>{held ? 'Unhold customer' : 'Hold customer'}</button>
 * ```
 */
export const useIsCustomerOnHold = defaults.useIsCustomerOnHold

/**
 * Whether one of my live legs is on hold.
 * @example
 * ```tsx
 * const held = useIsMyselfOnHold(conferenceSid)
 * return held ? <Banner>You are on hold</Banner> : null
 * ```
 */
export const useIsMyselfOnHold = defaults.useIsMyselfOnHold

/**
 * Whether one of my live legs is muted.
 * @example
 * ```tsx
 * const muted = useIsMyselfMuted(conferenceSid)
 * return <MicIcon off={muted} />
 * ```
 */
export const useIsMyselfMuted = defaults.useIsMyselfMuted

/**
 * Whether more than two participants are live.
 * @example
 * ```tsx
 * const group = useIsGroupCall(conferenceSid)
 * return group ? <Badge>conference</Badge> : null
 * ```
 */
export const useIsGroupCall = defaults.useIsGroupCall

/**
 * The worker set by `currentWorkerIdentified`, or `null`.
 * @example
 * ```tsx
 * const me = useCurrentWorkerSid()
 * return me === null ? <SignIn /> : <Desktop />
 * ```
 */
export const useCurrentWorkerSid = defaults.useCurrentWorkerSid

/**
 * The bounded log of rejected input, oldest first; re-renders only when an event is rejected.
 * @example
 * ```tsx
 * const rejected = useRejectedEvents()
 * return rejected.map((entry, i) => <li key={i}>{entry.source}: {entry.reason}</li>)
 * ```
 */
export const useRejectedEvents = defaults.useRejectedEvents

/**
 * The bounded log of failed or unconfirmed commands (from `holdParticipant` and the other
 * controls), oldest first; re-renders only when a command fails or times out.
 * @example
 * ```tsx
 * const errors = useControlErrors()
 * return errors.map((error) => <li key={error.requestId}>{error.message}</li>)
 * ```
 */
export const useControlErrors = defaults.useControlErrors

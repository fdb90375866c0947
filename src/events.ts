/**
 * The event vocabulary: one action creator per thing that happened to a conference
 * (docs/architecture.md, "Events"). Every creator stamps `meta.receivedAt` (epoch ms): pass it explicitly in
 * tests and replays, or let it default to the current time.
 *
 * @module
 */
import { createAction } from '@reduxjs/toolkit'
import type { ConferenceExport } from './exportFormat'
import type {
  ConferenceStatus,
  ControlCommand,
  ParticipantFlags,
  ParticipantIdentity,
  ParticipantStatus,
} from './model'

/** Where every conference event starts: which conference, and where in its sequence. */
export interface ConferenceEventBase {
  /** Twilio `ConferenceSid` (`CF…`) or another platform's conference key. */
  conferenceSid: string
  /** Twilio `SequenceNumber`: a non-negative integer increasing per conference. Absent: arrival order. */
  sequence?: number
  /** Source time (epoch ms), e.g. Twilio's `Timestamp`. */
  timestamp?: number
  /** The room name (`FriendlyName`). */
  friendlyName?: string
  /** The task SID (`WT…`) this conference serves. */
  taskSid?: string
  accountSid?: string
}

/** A participant event: the leg, and whatever flags and identity the source sent with it. */
export interface ParticipantEventPayload extends ConferenceEventBase {
  /** The leg's call SID (`CA…`): the participant key. */
  callSid: string
  /** The full flag set, when the source sends it (Twilio does, on every participant event). */
  flags?: Partial<ParticipantFlags>
  /** Who is behind the leg, when the source says (Twilio's `ParticipantLabel`, classified). */
  identity?: ParticipantIdentity
}

/** `participantLeft`: the leg, and why it left. */
export interface ParticipantLeftPayload extends ParticipantEventPayload {
  /** Twilio `ReasonParticipantLeft`, e.g. `participant_hung_up`. */
  reason?: string
  /** Twilio `ParticipantCallStatus`, e.g. `completed`, `no-answer`. */
  callStatus?: string
}

/** `conferenceEnded`: why, and who ended it. */
export interface ConferenceEndedPayload extends ConferenceEventBase {
  /** Twilio `ReasonConferenceEnded`, e.g. `last-participant-left`. */
  reasonEnded?: string
  /** Twilio `Reason`: free text. */
  reason?: string
  callSidEndingConference?: string
  participantLabelEndingConference?: string
}

/** `announcementEnded` / `announcementFailed`. */
export interface AnnouncementPayload extends ConferenceEventBase {
  callSid?: string
  /** Twilio `ReasonAnnouncementFailed`. */
  reason?: string
  announceUrl?: string
}

/** `participantIdentified`: enrichment from the app (TaskRouter, a directory lookup, …). */
export interface ParticipantIdentifiedPayload extends ConferenceEventBase {
  callSid: string
  identity: ParticipantIdentity
}

/** One leg as a snapshot lists it. */
export interface SnapshotParticipant {
  callSid: string
  /** `connecting` for legs that are dialled or ringing. */
  status: ParticipantStatus | 'connecting'
  flags?: Partial<ParticipantFlags>
  identity?: ParticipantIdentity
}

/** `conferenceSnapshotReceived`: the truth at `requestedAt` (docs/architecture.md, "Ordering"). */
export interface ConferenceSnapshotPayload extends ConferenceEventBase {
  /**
   * When the snapshot was requested (epoch ms, on the clock of `meta.receivedAt`). Without
   * `asOf`, the conference's clock as it stood then is looked up in its clock log.
   */
  requestedAt: number
  /**
   * The conference's version clock when the request was sent (`selectConferenceClock`, read just
   * before the request). The snapshot writes at a version just above it: it overrides what is
   * older and loses to every later event, whenever that arrives.
   */
  asOf?: number
  /** The adapter that produced it: `twilio-participant-list`, `evo-voice-session`, `flex`, … */
  source: string
  status?: ConferenceStatus
  participants: SnapshotParticipant[]
}

/** `currentWorkerIdentified`: the logged-in worker, or `null` when logged out. */
export interface CurrentWorkerPayload {
  workerSid: string | null
}

/** `recentlyLeftExpired`: legs whose window ended by `now` become `left`. */
export interface RecentlyLeftExpiredPayload {
  now: number
  /** Limit the sweep to one conference; omit to sweep every conference. */
  conferenceSid?: string
}

/** `conferencesPruned`: closed conferences older than `retainClosedMs` at `now` are dropped. */
export interface ConferencesPrunedPayload {
  now: number
}

/** `eventRejected`: bad input, recorded instead of applied (docs/architecture.md, "Bad input and bounds"). */
export interface EventRejectedPayload {
  source: string
  reason: string
  field?: string
  summary: string
}

/**
 * `controlConfirmationTimedOut`: a command the transport accepted was not confirmed by an event
 * within its deadline. Dispatched by the control thunks (`src/controls/`).
 */
export interface ControlConfirmationTimedOutPayload {
  conferenceSid: string
  /** The leg the command acted on (for an add: the new leg the transport named). */
  callSid: string
  command: ControlCommand
  /** The thunk's `requestId`: a newer command on the same leg is left alone. */
  requestId: string
  /** The deadline that passed (ms from the click). */
  timeoutMs: number
}

/** The `meta` every event carries. */
export interface ReceivedMeta {
  /** Arrival time (epoch ms). */
  receivedAt: number
}

const prepareEvent = <P>(payload: P, receivedAt?: number) => ({
  payload,
  meta: { receivedAt: receivedAt ?? Date.now() } as ReceivedMeta,
})

/**
 * Twilio `conference-start`: audio mixing began. The conference becomes `active`.
 * @example
 * ```ts
 * store.dispatch(conferenceStarted({ conferenceSid: 'CF…', sequence: 3 }, 1_700_000_000_000))
 * ```
 */
export const conferenceStarted = /* @__PURE__ */ createAction('conferences/conferenceStarted', prepareEvent<ConferenceEventBase>)

/**
 * Twilio `conference-end`: the conference is `closed` and every leg still in it leaves.
 * @example
 * ```ts
 * store.dispatch(conferenceEnded({ conferenceSid: 'CF…', sequence: 9, reasonEnded: 'last-participant-left' }))
 * ```
 */
export const conferenceEnded = /* @__PURE__ */ createAction('conferences/conferenceEnded', prepareEvent<ConferenceEndedPayload>)

/**
 * Twilio `participant-join`: the leg is `joined`, no longer connecting, with the flags sent.
 * @example
 * ```ts
 * store.dispatch(participantJoined({
 *   conferenceSid: 'CF…', callSid: 'CA…', sequence: 1,
 *   flags: { muted: false, onHold: false }, identity: { participantType: 'customer' },
 * }))
 * ```
 */
export const participantJoined = /* @__PURE__ */ createAction('conferences/participantJoined', prepareEvent<ParticipantEventPayload>)

/**
 * Twilio `participant-leave`: the leg is `recently_left` (or `left` at once when the source time is
 * already older than the window).
 * @example
 * ```ts
 * store.dispatch(participantLeft({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 7, reason: 'participant_hung_up' }))
 * ```
 */
export const participantLeft = /* @__PURE__ */ createAction('conferences/participantLeft', prepareEvent<ParticipantLeftPayload>)

/**
 * Twilio `participant-mute`.
 * @example
 * ```ts
 * store.dispatch(participantMuted({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 4 }))
 * ```
 */
export const participantMuted = /* @__PURE__ */ createAction('conferences/participantMuted', prepareEvent<ParticipantEventPayload>)

/**
 * Twilio `participant-unmute`.
 * @example
 * ```ts
 * store.dispatch(participantUnmuted({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 5 }))
 * ```
 */
export const participantUnmuted = /* @__PURE__ */ createAction('conferences/participantUnmuted', prepareEvent<ParticipantEventPayload>)

/**
 * Twilio `participant-hold`.
 * @example
 * ```ts
 * store.dispatch(participantHeld({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 4 }))
 * ```
 */
export const participantHeld = /* @__PURE__ */ createAction('conferences/participantHeld', prepareEvent<ParticipantEventPayload>)

/**
 * Twilio `participant-unhold`.
 * @example
 * ```ts
 * store.dispatch(participantUnheld({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 6 }))
 * ```
 */
export const participantUnheld = /* @__PURE__ */ createAction('conferences/participantUnheld', prepareEvent<ParticipantEventPayload>)

/**
 * Twilio `participant-modify`: coaching, end-conference-on-exit, … changed.
 * @example
 * ```ts
 * store.dispatch(participantModified({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 8, flags: { coaching: true } }))
 * ```
 */
export const participantModified = /* @__PURE__ */ createAction('conferences/participantModified', prepareEvent<ParticipantEventPayload>)

/**
 * Twilio `participant-speech-start`.
 * @example
 * ```ts
 * store.dispatch(participantSpeechStarted({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 10 }))
 * ```
 */
export const participantSpeechStarted = /* @__PURE__ */ createAction(
  'conferences/participantSpeechStarted',
  prepareEvent<ParticipantEventPayload>,
)

/**
 * Twilio `participant-speech-stop`.
 * @example
 * ```ts
 * store.dispatch(participantSpeechStopped({ conferenceSid: 'CF…', callSid: 'CA…', sequence: 11 }))
 * ```
 */
export const participantSpeechStopped = /* @__PURE__ */ createAction(
  'conferences/participantSpeechStopped',
  prepareEvent<ParticipantEventPayload>,
)

/**
 * Twilio `announcement-end`: recorded on the conference; no leg changes.
 * @example
 * ```ts
 * store.dispatch(announcementEnded({ conferenceSid: 'CF…', sequence: 12 }))
 * ```
 */
export const announcementEnded = /* @__PURE__ */ createAction('conferences/announcementEnded', prepareEvent<AnnouncementPayload>)

/**
 * Twilio `announcement-fail`: recorded on the conference with its reason; no leg changes.
 * @example
 * ```ts
 * store.dispatch(announcementFailed({ conferenceSid: 'CF…', sequence: 12, reason: 'Invalid URL' }))
 * ```
 */
export const announcementFailed = /* @__PURE__ */ createAction('conferences/announcementFailed', prepareEvent<AnnouncementPayload>)

/**
 * Enrichment: who is behind a leg (type, worker, reservation, display data).
 * @example
 * ```ts
 * store.dispatch(participantIdentified({
 *   conferenceSid: 'CF…', callSid: 'CA…',
 *   identity: { participantType: 'worker', workerSid: 'WK…', displayName: 'Ada' },
 * }))
 * ```
 */
export const participantIdentified = /* @__PURE__ */ createAction(
  'conferences/participantIdentified',
  prepareEvent<ParticipantIdentifiedPayload>,
)

/**
 * A snapshot (Twilio's participant list, an Evo Voice session, a Flex conference) was received:
 * it is reconciled as the truth at `requestedAt`.
 * @example
 * ```ts
 * store.dispatch(conferenceSnapshotReceived({
 *   conferenceSid: 'CF…', requestedAt: 1_700_000_000_000, source: 'app',
 *   participants: [{ callSid: 'CA…', status: 'joined', flags: { onHold: true } }],
 * }))
 * ```
 */
export const conferenceSnapshotReceived = /* @__PURE__ */ createAction(
  'conferences/conferenceSnapshotReceived',
  prepareEvent<ConferenceSnapshotPayload>,
)

/**
 * The logged-in worker is known (or `null` after logout): drives `isMyself`.
 * @example
 * ```ts
 * store.dispatch(currentWorkerIdentified({ workerSid: 'WK…' }))
 * ```
 */
export const currentWorkerIdentified = /* @__PURE__ */ createAction<CurrentWorkerPayload>('conferences/currentWorkerIdentified')

/**
 * Timer: legs whose `recently_left` window ended by `now` become `left`.
 * `createConferenceTimers` dispatches it for you.
 * @example
 * ```ts
 * store.dispatch(recentlyLeftExpired({ now: Date.now() }))
 * ```
 */
export const recentlyLeftExpired = /* @__PURE__ */ createAction<RecentlyLeftExpiredPayload>('conferences/recentlyLeftExpired')

/**
 * Timer: closed conferences older than `retainClosedMs` at `now` are dropped.
 * `createConferenceTimers` dispatches it for you.
 * @example
 * ```ts
 * store.dispatch(conferencesPruned({ now: Date.now() }))
 * ```
 */
export const conferencesPruned = /* @__PURE__ */ createAction<ConferencesPrunedPayload>('conferences/conferencesPruned')

/**
 * Bad input, recorded in the bounded rejection log instead of being applied.
 * Adapters return it; apps may dispatch their own.
 * @example
 * ```ts
 * store.dispatch(eventRejected({ source: 'my-adapter', reason: 'CallSid: missing', field: 'CallSid', summary: '…' }))
 * ```
 */
export const eventRejected = /* @__PURE__ */ createAction('conferences/eventRejected', prepareEvent<EventRejectedPayload>)

/**
 * A command the transport accepted was not confirmed by the platform before its deadline: if it
 * is still the leg's latest command of its kind, it is rolled back and recorded in the control
 * error log. The control thunks dispatch it for you.
 * @example
 * ```ts
 * store.dispatch(controlConfirmationTimedOut({
 *   conferenceSid: 'CF…', callSid: 'CA…', command: 'hold', requestId: 'V1StGXR8_Z5jdHi6B-myT', timeoutMs: 10_000,
 * }))
 * ```
 */
export const controlConfirmationTimedOut = /* @__PURE__ */ createAction(
  'conferences/controlConfirmationTimedOut',
  prepareEvent<ControlConfirmationTimedOutPayload>,
)

/**
 * State transfer: folds an export of conferences (from `selectConferenceExport`, a server's
 * catch-up, a persisted state, another tab) into the store, per register, the higher version
 * winning. Merging is commutative, associative and idempotent. An invalid export, or an invalid
 * conference in it, is recorded in the rejection log; the valid conferences still apply.
 * @example
 * ```ts
 * const exported = selectConferenceExport(serverStore.getState())
 * clientStore.dispatch(conferencesMerged(JSON.parse(JSON.stringify(exported))))
 * ```
 */
export const conferencesMerged = /* @__PURE__ */ createAction('conferences/conferencesMerged', prepareEvent<ConferenceExport>)

/** Every action that changes one conference: the members of an `eventsReceived` batch. */
export type ConferenceEvent =
  | ReturnType<typeof conferenceStarted>
  | ReturnType<typeof conferenceEnded>
  | ReturnType<typeof participantJoined>
  | ReturnType<typeof participantLeft>
  | ReturnType<typeof participantMuted>
  | ReturnType<typeof participantUnmuted>
  | ReturnType<typeof participantHeld>
  | ReturnType<typeof participantUnheld>
  | ReturnType<typeof participantModified>
  | ReturnType<typeof participantSpeechStarted>
  | ReturnType<typeof participantSpeechStopped>
  | ReturnType<typeof announcementEnded>
  | ReturnType<typeof announcementFailed>
  | ReturnType<typeof participantIdentified>
  | ReturnType<typeof conferenceSnapshotReceived>
  | ReturnType<typeof eventRejected>

/**
 * Many events in one reducer pass: one state copy for the whole batch, one notification for the
 * subscribers ("Avoid Dispatching Many Actions Sequentially").
 * @example
 * ```ts
 * store.dispatch(eventsReceived([participantJoined(a), participantHeld(b)]))
 * ```
 */
export const eventsReceived = /* @__PURE__ */ createAction<ConferenceEvent[]>('conferences/eventsReceived')

/** Every action this library's reducer handles. */
export type ConferencesAction =
  | ConferenceEvent
  | ReturnType<typeof currentWorkerIdentified>
  | ReturnType<typeof recentlyLeftExpired>
  | ReturnType<typeof conferencesPruned>
  | ReturnType<typeof eventsReceived>
  | ReturnType<typeof controlConfirmationTimedOut>
  | ReturnType<typeof conferencesMerged>

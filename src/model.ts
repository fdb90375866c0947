/**
 * The records the slice stores. Types only: every value here is plain, serializable data.
 *
 * @module
 */
import type { CONTROL_ERROR_KINDS } from './commands'
import type { LegRegister, PARTICIPANT_TYPE_NAMES } from './registers'

/**
 * Who a conference leg belongs to: `worker`, `customer`, `supervisor`, `transfer`, `external` or
 * `unknown` (listed once, in `PARTICIPANT_TYPE_NAMES`). Sources that say `agent` mean `worker`.
 */
export type ParticipantType = (typeof PARTICIPANT_TYPE_NAMES)[number]

/** A leg's presence: `recently_left` lasts `recentlyLeftMs` after the leave arrived, then `left`. */
export type ParticipantStatus = 'joined' | 'recently_left' | 'left'

/** A conference's life: Twilio REST `init` is `setup`, `in-progress` is `active`, `completed` is `closed`. */
export type ConferenceStatus = 'setup' | 'active' | 'closed' | 'failed'

/** The boolean flags a platform reports on a leg. Each is optional in an event: absent means "not said". */
export interface ParticipantFlags {
  /** The leg cannot be heard by the others. */
  muted: boolean
  /** The leg hears hold music and cannot hear the others. */
  onHold: boolean
  /** The leg (a supervisor) whispers to one participant only. */
  coaching: boolean
  /** The conference ends when this leg leaves. */
  endConferenceOnExit: boolean
  /** The conference's audio starts when this leg enters. */
  startConferenceOnEnter: boolean
}

/** What is known of who is behind a leg. Every field is optional: sources know different things. */
export interface ParticipantIdentity {
  participantType?: ParticipantType
  /** TaskRouter worker SID (`WK…`) of the agent or supervisor on this leg. */
  workerSid?: string
  /** TaskRouter reservation SID (`WR…`) that put the worker on this leg. */
  reservationSid?: string
  /** TaskRouter task SID (`WT…`) the leg serves. */
  taskSid?: string
  /** Twilio `ParticipantLabel`, kept as sent. */
  label?: string
  /** A human-readable name for the leg. */
  displayName?: string
  /** A platform user identity (Evo Voice `identity`, a Flex client identity). */
  identity?: string
  /** A platform endpoint ID (Evo Voice `endpointId`). */
  endpointId?: string
  /** The queue a transfer leg targets. */
  queueSid?: string
  /** The queue's name, for display. */
  queueName?: string
  /** The leg this leg, a coaching supervisor, whispers to: its key (Twilio `CallSidToCoach`, Genesys `coachedParticipantId`). */
  callSidToCoach?: string
  /**
   * For a supervisor leg: the leg it monitors, barges in on or coaches (Amazon Connect's monitored
   * agent, Genesys `monitoredParticipantId` / `bargedParticipantId` / `coachedParticipantId`).
   */
  monitoredCallSid?: string
}

/**
 * The version that last wrote each register of a participant: every flag, every identity key,
 * `status`, `connecting`, `speaking` and `departure` (0: never written). A write wins only with a
 * higher version (docs/architecture.md, "Ordering").
 */
export type ParticipantVersions = Record<LegRegister, number>

/** One leg of a conference, keyed by its call SID. */
export interface ParticipantRecord extends ParticipantFlags, ParticipantIdentity {
  callSid: string
  status: ParticipantStatus
  /** Dialled or ringing, not yet in the conference audio. Never live. */
  connecting: boolean
  speaking: boolean
  participantType: ParticipantType
  /** Why the leg left (Twilio `ReasonParticipantLeft`, or ours: `conference_ended`, `absent_from_snapshot`). */
  leftReason?: string
  /** Twilio `ParticipantCallStatus` sent with the leave. */
  callStatus?: string
  /** Source time (epoch ms) of the join, when the source gave one. */
  joinedAt?: number
  /** Arrival time (epoch ms) of the departure; the `recently_left` window counts from here. */
  leftAt?: number
  /** The lowest version seen for this leg: its place in join order. */
  order: number
  /** Arrival time (epoch ms) of the last event that changed this leg; snapshots never undo later ones. */
  changedAt: number
  /** A hold or unhold command waiting for the platform to confirm it (set by the controls). */
  holdPending?: PendingControl
  /** A mute or unmute command waiting for the platform to confirm it (set by the controls). */
  mutePending?: PendingControl
  /** A removal waiting for the leg to leave (set by the controls). */
  removePending?: PendingRequest
  /** An add waiting for the platform to report this leg; on a placeholder, its call SID too. */
  addPending?: PendingAdd
  versions: ParticipantVersions
}

/** The commands the controls send (`src/controls/`). */
export type ControlCommand = 'hold' | 'unhold' | 'mute' | 'unmute' | 'remove' | 'add'

/** A command in flight: only the request that set it may settle or roll it back. */
export interface PendingRequest {
  /** The thunk's `requestId`. */
  requestId: string
  /** When the command was issued (epoch ms). */
  requestedAt: number
  /**
   * When the command stops waiting (epoch ms): the clock sweep (`recentlyLeftExpired`) rolls it
   * back from then on, even in a state persisted and restored after its thunk is gone.
   */
  expiresAt?: number
}

/** A hold or mute command in flight, and the value it asks for. The last click wins. */
export interface PendingControl extends PendingRequest {
  /** `true` to hold (mute), `false` to unhold (unmute). */
  intent: boolean
}

/** An add in flight: the number or address being dialled. */
export interface PendingAdd extends PendingRequest {
  /** Who is being dialled (`to`). */
  destination: string
  /**
   * `true` while the leg is a placeholder keyed by the request (`pending:<requestId>`), before
   * the transport returned its call SID. Platform events and snapshots never touch placeholders.
   */
  placeholder: boolean
}

/**
 * Why a command was rolled back (listed once, in `CONTROL_ERROR_KINDS`):
 * - `invalid`: the arguments were refused before anything was sent;
 * - `transport`: the transport failed: network error, non-2xx answer, unreadable reply;
 * - `no-reply`: the transport did not answer before the deadline; the request was aborted;
 * - `unconfirmed`: the transport accepted the command, but no event confirmed it before the deadline;
 * - `aborted`: the app aborted the thunk (`promise.abort()`).
 */
export type ControlErrorKind = (typeof CONTROL_ERROR_KINDS)[number]

/** A command that failed or was never confirmed: plain data, kept in a bounded log. */
export interface ControlError {
  command: ControlCommand
  kind: ControlErrorKind
  /** What happened, for people: names the command, the leg and the cause. */
  message: string
  conferenceSid: string
  /** The leg acted on; for an add, the new leg once the transport named it. */
  callSid?: string
  /** For an add: who was being dialled. */
  destination?: string
  /** The HTTP status the transport got, if any. */
  status?: number
  /** The thunk's `requestId`. */
  requestId: string
  /** When the failure was recorded (epoch ms). */
  at: number
}

/** The last announcement outcome reported for a conference. */
export interface AnnouncementRecord {
  outcome: 'ended' | 'failed'
  callSid?: string
  reason?: string
  announceUrl?: string
  version: number
}

/** One conference: its own fields and its legs. */
export interface ConferenceRecord {
  conferenceSid: string
  status: ConferenceStatus
  statusVersion: number
  /** The room name (`FriendlyName`). */
  friendlyName?: string
  /** The task SID, when the friendly name is one (Flex) or a source said so. */
  taskSid?: string
  accountSid?: string
  /** Source time (epoch ms) of `conference-start`. */
  startedAt?: number
  /** Source time (epoch ms) of `conference-end`. */
  endedAt?: number
  /** Arrival time (epoch ms) when the conference closed; pruning counts from here. */
  closedAt?: number
  /** Version of `conference-end`: legs whose status was last written below it have left. */
  endVersion?: number
  /** Twilio `ReasonConferenceEnded`. */
  endReason?: string
  /** Twilio `Reason`: free text. */
  endReasonText?: string
  callSidEndingConference?: string
  participantLabelEndingConference?: string
  lastAnnouncement?: AnnouncementRecord
  /** The highest version applied: events without a sequence number are placed just after it. */
  clock: number
  /** Arrival time (epoch ms) of the last status write (0: none yet); snapshots never undo later ones. */
  changedAt: number
  /** Arrival time (epoch ms) of the last event that changed this conference: idle pruning counts from here. */
  touchedAt?: number
  /**
   * The latest snapshot read at a known clock: legs it did not list, whose status was last written
   * below `version`, have left, whenever their events arrive.
   */
  snapshotOmission?: SnapshotOmission
  /**
   * When the clock moved, as flat pairs `[arrivedAt, clock, arrivedAt, clock, …]`, oldest first:
   * the last `CLOCK_LOG_ENTRIES` moves, so a snapshot given only `requestedAt` knows the clock
   * as it stood then. Local to this store: never exported.
   */
  clockLog?: readonly number[]
  /**
   * The legs in the order first seen (views sort them by join order). An array found by call SID,
   * not an object keyed by it: V8 copies objects with unique keys slowly (2.5 µs for four legs).
   */
  participants: readonly ParticipantRecord[]
  /**
   * Departed legs dropped past `maxLeftParticipants`: call SID and the highest version seen, so a
   * late event at or below it never revives the leg. At most `MAX_LEG_TOMBSTONES`, oldest dropped.
   */
  forgotten?: readonly LegTombstone[]
}

/** The legs a snapshot listed, and the version it wrote at (just above its `asOf`). */
export interface SnapshotOmission {
  version: number
  /** The call SIDs it listed, sorted. */
  listed: readonly string[]
  /** When the snapshot arrived (epoch ms): the departure time of the legs it omitted. */
  at: number
}

/** What is kept of a forgotten leg. */
export interface LegTombstone {
  callSid: string
  /** The highest version any register of the leg had. */
  version: number
}

/** A recorded rejection: what came in, from where, and why it was refused. */
export interface RejectedEvent {
  /** Which adapter or reducer refused it (`twilio-status-callback`, `reducer`, …). */
  source: string
  /** What is wrong, naming the field. */
  reason: string
  /** The offending field, when one is to blame. */
  field?: string
  /** A short, truncated description of the input: never the whole payload. */
  summary: string
  /** Arrival time (epoch ms). */
  receivedAt: number
}

/** The slice's settings. They live in state so that reducers stay pure and configurable. */
export interface ConferencesConfig {
  /** How long a leg stays `recently_left` before it is `left`. Default 5000, as in Flex. */
  recentlyLeftMs: number
  /** How long a closed conference is kept before `conferencesPruned` drops it. Default 10 minutes. */
  retainClosedMs: number
  /**
   * Conferences with no event for this long are pruned, whatever their status. Default 24 hours
   * (Twilio's longest conference).
   */
  retainIdleMs: number
  /**
   * At most this many departed legs are kept per conference. Default 50. Which ones are kept does
   * not depend on arrival order: those with the greatest call SIDs; the others leave tombstones.
   */
  maxLeftParticipants: number
  /** At most this many tombstones of pruned conferences are kept; the oldest go first. Default 10,000. */
  maxForgottenConferences: number
  /** At most this many rejections are kept; the oldest go first. Default 100. */
  maxRejectedEvents: number
  /** At most this many control errors are kept; the oldest go first. Default 50. */
  maxControlErrors: number
}

/**
 * The conference table: 64 × 64 buckets, each a short array of records, chosen by a hash of the
 * SID, so that one write copies two small arrays and a bucket of about n / 4096 records instead of
 * the whole table (docs/architecture.md, "Performance").
 */
export type ConferenceTable = SidTable<ConferenceRecord>

/** A table of entries keyed by conference SID, in the bucket layout of {@link ConferenceTable}. */
export type SidTable<T extends { conferenceSid: string }> = ReadonlyArray<ReadonlyArray<readonly T[]>>

/** One entry of the task index. */
export interface TaskEntry {
  taskSid: string
  conferenceSid: string
}

/** The task index: 64 × 64 buckets of entries, chosen by a hash of the task SID. */
export type TaskIndex = ReadonlyArray<ReadonlyArray<readonly TaskEntry[]>>

/** A pruned conference: its SID, the clock it had and when it was pruned (epoch ms). */
export interface ForgottenConference {
  conferenceSid: string
  /** Events and merges at or below this version for this SID are ignored. */
  version: number
  /** When it was pruned: the oldest tombstones go first. */
  at: number
}

/** The slice state. Read it through the selectors: its layout is not part of the public contract. */
export interface ConferencesState {
  table: ConferenceTable
  /**
   * Conference SIDs in the order first seen, in chunks of at most 256 (read them with
   * `selectConferenceSids`): a new conference copies one chunk, not the whole list.
   */
  sidChunks: ReadonlyArray<readonly string[]>
  /** Task SID → conference SID, for `selectConferenceViewByTaskSid`, hashed into buckets (absent until a task is known). */
  taskIndex?: TaskIndex
  /** Tombstones of pruned conferences (at most `maxForgottenConferences`). */
  forgottenConferences?: SidTable<ForgottenConference>
  /** How many tombstones `forgottenConferences` holds. */
  forgottenCount?: number
  /** The logged-in worker: drives `isMyself`. */
  currentWorkerSid: string | null
  rejected: readonly RejectedEvent[]
  /** How many events were rejected in all, including those the bounded log no longer holds. */
  rejectedCount: number
  /** Commands that failed or were never confirmed, oldest first (bounded by `maxControlErrors`). */
  controlErrors: readonly ControlError[]
  /** How many control errors were recorded in all, including those the bounded log no longer holds. */
  controlErrorCount: number
  config: ConferencesConfig
}

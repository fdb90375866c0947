/**
 * The records the slice stores. Types only: every value here is plain, serializable data.
 *
 * @module
 */

/** Who a conference leg belongs to. Sources that say `agent` mean `worker`. */
export type ParticipantType = 'worker' | 'customer' | 'supervisor' | 'transfer' | 'external' | 'unknown'

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
}

/**
 * The sequence-keyed versions that last wrote each register of a participant.
 * A write wins only when its version is higher (DESIGN section 4).
 */
export interface ParticipantVersions {
  status: number
  connecting: number
  speaking: number
  muted: number
  onHold: number
  coaching: number
  endConferenceOnExit: number
  startConferenceOnEnter: number
  identity: number
  departure: number
}

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
  /** A hold or unhold command is waiting for confirmation (set by the controls). */
  holdPending?: boolean
  /** A mute or unmute command is waiting for confirmation (set by the controls). */
  mutePending?: boolean
  versions: ParticipantVersions
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
  participants: Record<string, ParticipantRecord>
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
  /** At most this many departed legs are kept per conference; the oldest go first. Default 50. */
  maxLeftParticipants: number
  /** At most this many rejections are kept; the oldest go first. Default 100. */
  maxRejectedEvents: number
}

/**
 * The conference table: 16 × 16 buckets of records chosen by a hash of the SID, so that one write
 * copies a bucket of about n / 256 entries instead of the whole table (DESIGN section 9).
 */
export type ConferenceTable = ReadonlyArray<ReadonlyArray<Readonly<Record<string, ConferenceRecord>>>>

/** The slice state. Read it through the selectors: its layout is not part of the public contract. */
export interface ConferencesState {
  table: ConferenceTable
  /** Conference SIDs in the order they were first seen: changes only on add or remove. */
  sids: readonly string[]
  /** Task SID → conference SID, for `selectConferenceViewByTaskSid`. */
  taskIndex: Readonly<Record<string, string>>
  /** The logged-in worker: drives `isMyself`. */
  currentWorkerSid: string | null
  rejected: readonly RejectedEvent[]
  /** How many events were rejected in all, including those the bounded log no longer holds. */
  rejectedCount: number
  config: ConferencesConfig
}

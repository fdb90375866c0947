/**
 * What the UI reads: the participant and conference views the selectors return. They keep the
 * field names of the Flex `ConferencesState` reference so a Flex plugin can switch by an import.
 *
 * @module
 */
import { weakMapMemoize } from '@reduxjs/toolkit'
import type {
  AnnouncementRecord,
  ConferenceStatus,
  ParticipantRecord,
  ParticipantStatus,
  ParticipantType,
  SnapshotOmission,
} from '../model'

/** A conference leg as the UI shows it (the Flex `ConferenceParticipant` fields, plus ours). */
export interface ConferenceParticipant {
  callSid: string
  status: ParticipantStatus
  participantType: ParticipantType
  /** The leg belongs to the logged-in worker. */
  isMyself: boolean
  /** The same as `isMyself` (Flex 2.x's name). */
  isCurrentWorker: boolean
  /** `joined` and not connecting. */
  isLive: boolean
  onHold: boolean
  muted: boolean
  connecting: boolean
  /** Speaking now; never true for a leg that is not live. */
  speaking: boolean
  coaching: boolean
  endConferenceOnExit: boolean
  startConferenceOnEnter: boolean
  /** A hold or unhold is waiting for confirmation (see `holdIntent`). */
  holdPending: boolean
  /** While `holdPending`: the value asked for by the latest click. Show `holdIntent ?? onHold`. */
  holdIntent?: boolean
  /** A mute or unmute is waiting for confirmation (see `muteIntent`). */
  mutePending: boolean
  /** While `mutePending`: the value asked for by the latest click. Show `muteIntent ?? muted`. */
  muteIntent?: boolean
  /** A removal is waiting for the leg to leave. */
  removePending: boolean
  /**
   * The leg is being dialled by `addParticipant` and no platform event has reported it yet. Until
   * the transport returns its call SID, the leg is a placeholder keyed `pending:<requestId>`.
   */
  addPending: boolean
  workerSid?: string
  reservationSid?: string
  taskSid?: string
  label?: string
  displayName?: string
  identity?: string
  endpointId?: string
  /** While coaching: the call SID of the leg this supervisor whispers to (Twilio `CallSidToCoach`). */
  callSidToCoach?: string
  /** For a supervisor: the leg it monitors, barges in on or coaches. */
  monitoredCallSid?: string
  /** The worker on this leg (Flex `IWorker`, reduced to what a conference event can know). */
  worker?: { sid: string; fullName?: string }
  /** The queue a transfer leg targets (Flex `IQueue`, reduced). */
  queue?: { sid?: string; name?: string }
  leftReason?: string
  callStatus?: string
  /** Source time (epoch ms) of the join. */
  joinedAt?: number
  /** Arrival time (epoch ms) of the departure. */
  leftAt?: number
}

/** A conference as the UI shows it (the Flex `Conference` fields, plus ours). */
export interface ConferenceView {
  /** The task SID when known (as Flex keys conferences), else the conference SID. */
  sid: string
  status: ConferenceStatus
  conferenceSid: string
  taskSid?: string
  friendlyName?: string
  /** Every leg, the departed ones included, in join order. */
  participants: readonly ConferenceParticipant[]
  liveParticipantCount: number
  liveWorkerCount: number
  liveWorkers: readonly ConferenceParticipant[]
  myParticipants: readonly ConferenceParticipant[]
  isCustomerOnHold: boolean
  isMyselfOnHold: boolean
  isMyselfMuted: boolean
  isGroupCall: boolean
  startedAt?: number
  endedAt?: number
  endReason?: string
  /** Twilio `Reason` sent with `conference-end`: free text. */
  endReasonText?: string
  callSidEndingConference?: string
  /** Twilio `ParticipantLabelEndingConference`: the label of the leg whose exit ended it. */
  participantLabelEndingConference?: string
  lastAnnouncement?: AnnouncementRecord
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

/** The leave reason shown for legs a snapshot found absent and that reported none of their own. */
export const ABSENT_FROM_SNAPSHOT = 'absent_from_snapshot'

/** Why a departed leg left: its own reason, or the snapshot that found it gone. */
function leaveReasonOf(leg: ParticipantRecord, omission: SnapshotOmission | undefined): string | undefined {
  if (leg.status === 'joined') return undefined
  if (leg.leftReason !== undefined) return leg.leftReason
  return omission !== undefined && leg.versions.status === omission.version ? ABSENT_FROM_SNAPSHOT : undefined
}

function buildParticipantView(
  leg: ParticipantRecord,
  currentWorkerSid: string | null,
  omission?: SnapshotOmission,
): ConferenceParticipant {
  const isMyself = currentWorkerSid !== null && leg.workerSid === currentWorkerSid
  const isLive = leg.status === 'joined' && !leg.connecting
  return {
    callSid: leg.callSid,
    status: leg.status,
    participantType: leg.participantType,
    isMyself,
    isCurrentWorker: isMyself,
    isLive,
    onHold: leg.onHold,
    muted: leg.muted,
    connecting: leg.connecting,
    speaking: isLive && leg.speaking,
    coaching: leg.coaching,
    endConferenceOnExit: leg.endConferenceOnExit,
    startConferenceOnEnter: leg.startConferenceOnEnter,
    holdPending: leg.holdPending !== undefined,
    ...optional('holdIntent', leg.holdPending?.intent),
    mutePending: leg.mutePending !== undefined,
    ...optional('muteIntent', leg.mutePending?.intent),
    removePending: leg.removePending !== undefined,
    addPending: leg.addPending !== undefined,
    ...optional('workerSid', leg.workerSid),
    ...optional('reservationSid', leg.reservationSid),
    ...optional('taskSid', leg.taskSid),
    ...optional('label', leg.label),
    ...optional('displayName', leg.displayName),
    ...optional('identity', leg.identity),
    ...optional('endpointId', leg.endpointId),
    ...optional('callSidToCoach', leg.coaching ? leg.callSidToCoach : undefined),
    ...optional('monitoredCallSid', leg.monitoredCallSid),
    ...optional(
      'worker',
      leg.workerSid === undefined ? undefined : { sid: leg.workerSid, ...optional('fullName', leg.displayName) },
    ),
    ...optional(
      'queue',
      leg.queueSid === undefined && leg.queueName === undefined
        ? undefined
        : { ...optional('sid', leg.queueSid), ...optional('name', leg.queueName) },
    ),
    // Why a leg left means something only while it is gone (a rejoined leg keeps the register).
    ...optional('leftReason', leaveReasonOf(leg, omission)),
    ...optional('callStatus', leg.status === 'joined' ? undefined : leg.callStatus),
    ...optional('joinedAt', leg.joinedAt),
    ...optional('leftAt', leg.leftAt),
  }
}

/** Most views remembered by key for {@link internView}; the least recently changed go first. */
const MAX_INTERNED_VIEWS = 20_000

/** Whether two views show the same thing: equal fields, nested objects compared one level down. */
function sameFields(a: object, b: object): boolean {
  const keysA = Object.keys(a)
  if (keysA.length !== Object.keys(b).length) return false
  for (const key of keysA) {
    const valueA = (a as Record<string, unknown>)[key]
    const valueB = (b as Record<string, unknown>)[key]
    if (valueA === valueB) continue
    if (
      typeof valueA !== 'object' || typeof valueB !== 'object' || valueA === null || valueB === null ||
      Array.isArray(valueA) || Array.isArray(valueB) || !sameFields(valueA, valueB)
    ) {
      return false
    }
  }
  return true
}

/**
 * Keeps a view's reference while what it shows is unchanged. A register can take a newer version
 * with the same value (a `participant-modify` repeating every flag): the record changes, as it
 * must for ordering, but the view the UI reads stays the very same object.
 */
export function createViewInterner<V extends object>(): (key: string, view: V) => V {
  const last = new Map<string, V>()
  return (key, view) => {
    const previous = last.get(key)
    if (previous !== undefined && sameFields(previous, view)) return previous
    last.delete(key)
    last.set(key, view)
    if (last.size > MAX_INTERNED_VIEWS) last.delete(last.keys().next().value as string)
    return view
  }
}

/** The view of one leg of conference `conferenceSid`: see {@link createParticipantViews}. */
export type ParticipantViewOf = (
  conferenceSid: string,
  leg: ParticipantRecord,
  currentWorkerSid: string | null,
  omission?: SnapshotOmission,
) => ConferenceParticipant

/**
 * The views of legs, for one set of selectors. Cached per record and current worker, so a leg an
 * event did not touch keeps the very same view object (and a `React.memo` row does not
 * re-render); a record that changed without changing what the view shows keeps it too. Views
 * are remembered by conference and call SID: one call can be a leg of two conferences (a call
 * moved between them), and a change in one must not cost the other its views.
 */
export function createParticipantViews(): ParticipantViewOf {
  const intern = createViewInterner<ConferenceParticipant>()
  return weakMapMemoize((conferenceSid: string, leg: ParticipantRecord, currentWorkerSid: string | null, omission?: SnapshotOmission) =>
    intern(`${conferenceSid} ${leg.callSid}`, buildParticipantView(leg, currentWorkerSid, omission)),
  )
}

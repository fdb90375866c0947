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

function buildParticipantView(leg: ParticipantRecord, currentWorkerSid: string | null): ConferenceParticipant {
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
    holdPending: leg.pendingHold !== undefined,
    ...optional('holdIntent', leg.pendingHold?.intent),
    mutePending: leg.pendingMute !== undefined,
    ...optional('muteIntent', leg.pendingMute?.intent),
    removePending: leg.pendingRemoval !== undefined,
    addPending: leg.pendingAdd !== undefined,
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
    ...optional('leftReason', leg.status === 'joined' ? undefined : leg.leftReason),
    ...optional('callStatus', leg.status === 'joined' ? undefined : leg.callStatus),
    ...optional('joinedAt', leg.joinedAt),
    ...optional('leftAt', leg.leftAt),
  }
}

/**
 * The view of one leg. Cached per record and current worker, so a leg an event did not touch
 * keeps the very same view object (and a `React.memo` row does not re-render).
 */
export const toParticipantView: (leg: ParticipantRecord, currentWorkerSid: string | null) => ConferenceParticipant =
  weakMapMemoize(buildParticipantView)

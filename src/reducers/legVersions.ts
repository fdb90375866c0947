/**
 * A leg's register versions, copied as one object literal (docs/architecture.md, "Performance").
 *
 * Every write to a leg copies its versions. Built from the register list (`Object.fromEntries`)
 * and copied by spreading, the object kept 4 of its 21 numbers in itself and the other 17 in a
 * second array V8 allocates beside it: each copy was two allocations (about 220 bytes) and every
 * read of a version went through the second. A literal naming every register keeps all 21 in the
 * object. The names are spelled out here in `LEG_REGISTERS` order, the order the export keeps;
 * `satisfies` makes the compiler refuse a missing or unknown register, and
 * `test/model/legVersions.test.ts` holds the order to the list.
 *
 * @module
 */
import type { ParticipantVersions } from '../model'

/** A copy of `versions`, every register in the object itself. */
export function copyVersions(versions: Readonly<ParticipantVersions>): ParticipantVersions {
  return {
    status: versions.status,
    connecting: versions.connecting,
    speaking: versions.speaking,
    departure: versions.departure,
    muted: versions.muted,
    onHold: versions.onHold,
    coaching: versions.coaching,
    endConferenceOnExit: versions.endConferenceOnExit,
    startConferenceOnEnter: versions.startConferenceOnEnter,
    participantType: versions.participantType,
    workerSid: versions.workerSid,
    reservationSid: versions.reservationSid,
    taskSid: versions.taskSid,
    label: versions.label,
    displayName: versions.displayName,
    identity: versions.identity,
    endpointId: versions.endpointId,
    queueSid: versions.queueSid,
    queueName: versions.queueName,
    callSidToCoach: versions.callSidToCoach,
    monitoredCallSid: versions.monitoredCallSid,
  } satisfies ParticipantVersions
}

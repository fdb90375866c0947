/**
 * The Genesys Cloud mapping table: how the conversations API and its notifications spell
 * participant purposes and call states, and what each becomes here (docs/sources.md,
 * "Genesys Cloud"). Values from Genesys' SDK documentation (`purecloud-platform-client-v2`).
 *
 * @module
 */
import type { SnapshotParticipant } from '../../events'
import type { ParticipantType } from '../../model'

/**
 * The `source` of snapshots and rejections from {@link fromGenesysConversation}.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === GENESYS_CONVERSATION)
 * ```
 */
export const GENESYS_CONVERSATION = 'genesys-conversation'

/**
 * Everything the Genesys adapter translates, in one place.
 * @example
 * ```ts
 * GENESYS_MAPPING.purposes.acd // 'transfer': the queue's leg while the customer waits
 * ```
 */
export const GENESYS_MAPPING = /* @__PURE__ */ (() => Object.freeze({
  /**
   * Participant `purpose` → type. An `agent` that monitors, coaches or barges in is a supervisor;
   * `user` is a colleague reached directly (a consult); `acd` is the queue's leg. Other purposes
   * (`ivr`, `voicemail`, `workflow`, …) are `unknown`.
   */
  purposes: Object.freeze({
    agent: 'worker',
    user: 'worker',
    customer: 'customer',
    external: 'external',
    acd: 'transfer',
  }) satisfies Readonly<Record<string, ParticipantType>>,
  /** Call `state` → the leg's snapshot status. */
  callStates: Object.freeze({
    alerting: 'connecting',
    dialing: 'connecting',
    contacting: 'connecting',
    offering: 'connecting',
    none: 'connecting',
    connected: 'joined',
    uploading: 'joined',
    converting: 'joined',
    transmitting: 'joined',
    disconnected: 'left',
    terminated: 'left',
  }) satisfies Readonly<Record<string, SnapshotParticipant['status']>>,
}))()

/**
 * The Amazon Connect mapping table: how Amazon Connect Streams spells connection types, connection
 * states and contact states, and what each becomes here (docs/sources.md, "Amazon Connect").
 * Values are the runtime values of the `connect.*` enums of `amazon-connect-streams` 2.x.
 *
 * @module
 */
import type { ConferenceStatus } from '../../model'
import type { SnapshotParticipant } from '../../events'

/**
 * The `source` of snapshots and rejections from {@link fromConnectContact}.
 * @example
 * ```ts
 * selectRejectedEvents(state).filter((entry) => entry.source === CONNECT_CONTACT)
 * ```
 */
export const CONNECT_CONTACT = 'connect-contact'

/**
 * The worker key given to the agent's own connection when no `agentId` option is passed: dispatch
 * `currentWorkerIdentified({ workerSid: CONNECT_DEFAULT_AGENT_ID })` to make it "me".
 * @example
 * ```ts
 * store.dispatch(currentWorkerIdentified({ workerSid: CONNECT_DEFAULT_AGENT_ID }))
 * ```
 */
export const CONNECT_DEFAULT_AGENT_ID = 'connect-agent'

/**
 * Everything the Connect adapter translates, in one place.
 * @example
 * ```ts
 * CONNECT_MAPPING.connectionStates.hold // 'joined' (and the leg is on hold)
 * ```
 */
export const CONNECT_MAPPING = /* @__PURE__ */ (() => Object.freeze({
  /** `connection.state.type` (`connect.ConnectionStateType`) → the leg's snapshot status. */
  connectionStates: Object.freeze({
    init: 'connecting',
    connecting: 'connecting',
    connected: 'joined',
    hold: 'joined',
    silent_monitor: 'joined',
    barge: 'joined',
    disconnected: 'left',
  }) satisfies Readonly<Record<string, SnapshotParticipant['status']>>,
  /** `connection.type` (`connect.ConnectionType`). */
  connectionTypes: Object.freeze(['agent', 'inbound', 'outbound', 'monitoring'] as const),
  /** `contact.state.type` (`connect.ContactStateType`) → the conference's status. */
  contactStates: Object.freeze({
    init: 'setup',
    incoming: 'setup',
    pending: 'setup',
    connecting: 'setup',
    connected: 'active',
    paused: 'active',
    missed: 'closed',
    error: 'failed',
    ended: 'closed',
    rejected: 'closed',
  }) satisfies Readonly<Record<string, ConferenceStatus>>,
  /** `connection.monitorStatus` (`connect.MonitoringMode`). */
  monitorStatuses: Object.freeze(['SILENT_MONITOR', 'BARGE'] as const),
  /** Contact `type`s that have voice connections. */
  voiceContactTypes: Object.freeze(['voice', 'queue_callback'] as const),
}))()

/**
 * `conference-state/connect`: Amazon Connect Streams contacts as conference snapshots.
 *
 * @module
 */
export { CONNECT_CONTACT, CONNECT_DEFAULT_AGENT_ID, CONNECT_MAPPING, fromConnectContact } from '../adapters/connect'
export type { ConnectConnectionData, ConnectContactData, ConnectContactInput, ConnectContactOptions } from '../adapters/connect'

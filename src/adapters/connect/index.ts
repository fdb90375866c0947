/**
 * The Amazon Connect source: Streams contacts as conference snapshots, through one mapping table.
 *
 * @module
 */
export { fromConnectContact } from './contact'
export { CONNECT_CONTACT, CONNECT_DEFAULT_AGENT_ID, CONNECT_MAPPING } from './mapping'
export type { ConnectConnectionData, ConnectContactData, ConnectContactInput, ConnectContactOptions } from './contact'

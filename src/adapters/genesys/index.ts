/**
 * The Genesys Cloud source: conversations and their notifications as snapshots, through one
 * mapping table, with a reader that drops stale payloads.
 *
 * @module
 */
export { fromGenesysConversation } from './conversation'
export { createGenesysConversationReader } from './reader'
export { GENESYS_CONVERSATION, GENESYS_MAPPING } from './mapping'
export type {
  GenesysCall,
  GenesysConversation,
  GenesysConversationInput,
  GenesysConversationOptions,
  GenesysNotification,
  GenesysParticipant,
} from './conversation'
export type { GenesysConversationReader, GenesysConversationReaderOptions } from './reader'

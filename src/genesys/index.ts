/**
 * `conference-state/genesys`: Genesys Cloud conversations and notifications as conference snapshots.
 *
 * @module
 */
export { createGenesysConversationReader, fromGenesysConversation, GENESYS_CONVERSATION, GENESYS_MAPPING } from '../adapters/genesys'
export type {
  GenesysCall,
  GenesysConversation,
  GenesysConversationInput,
  GenesysConversationOptions,
  GenesysConversationReader,
  GenesysConversationReaderOptions,
  GenesysNotification,
  GenesysParticipant,
} from '../adapters/genesys'

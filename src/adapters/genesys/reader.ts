/**
 * `createGenesysConversationReader`: {@link fromGenesysConversation} with memory of what it read,
 * so that a payload older than one already read is dropped. Genesys notifications carry no
 * sequence number; what a payload does carry is the times of what happened (joins, holds, ends),
 * and the latest of them says how far it has seen (docs/sources.md, "Genesys Cloud").
 *
 * @module
 */
import type * as events from '../../events'
import { fromGenesysConversation, observedAtOf, readGenesysConversation, type GenesysConversationInput, type GenesysConversationOptions } from './conversation'

/** Options of {@link createGenesysConversationReader}. */
export interface GenesysConversationReaderOptions {
  /** Conversations remembered at most; the longest unseen is forgotten first. Default 1000. */
  maxConversations?: number
}

/** Reads one payload: the action to dispatch, or `null` when the payload is older than one already read. */
export type GenesysConversationReader = (
  conversation: GenesysConversationInput,
  options?: GenesysConversationOptions,
) => events.ConferenceEvent | null

/**
 * Creates a reader that turns Genesys payloads into actions like {@link fromGenesysConversation},
 * and drops (returns `null` for) a payload whose latest time is older than that of a payload
 * already read for the same conversation: a REST response that was overtaken by notifications,
 * or a notification delivered late. Payloads with equal times (a mute toggle adds no time) are read.
 *
 * @param options - How many conversations to remember.
 * @returns The reader. Its memory is bounded; it never throws.
 * @example
 * ```ts
 * const readConversation = createGenesysConversationReader()
 * socket.addEventListener('message', (message) => {
 *   const action = readConversation(JSON.parse(message.data))
 *   if (action !== null) store.dispatch(action)
 * })
 * ```
 */
export function createGenesysConversationReader(options: GenesysConversationReaderOptions = {}): GenesysConversationReader {
  const limit = Math.max(1, Math.floor(options.maxConversations ?? 1000))
  const latest = new Map<string, number>()
  return (conversation, readOptions = {}) => {
    const action = fromGenesysConversation(conversation, readOptions)
    let read: ReturnType<typeof readGenesysConversation>
    try {
      read = readGenesysConversation(conversation)
    } catch {
      return action
    }
    if (!('conversation' in read)) return action
    const id = read.conversation.id
    const observedAt = observedAtOf(read.conversation)
    if (observedAt === undefined) return action
    const seen = latest.get(id)
    if (seen !== undefined && observedAt < seen) return null
    latest.delete(id)
    latest.set(id, Math.max(observedAt, seen ?? observedAt))
    if (latest.size > limit) latest.delete(latest.keys().next().value as string)
    return action
  }
}

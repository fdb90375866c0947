/**
 * `createGenesysConversationReader`: {@link fromGenesysConversation} with memory of what it read,
 * so that a payload older than one already read is dropped. Genesys notifications carry no
 * sequence number; what a payload does carry is the times of what happened (joins, holds, ends),
 * and the latest of them says how far it has seen (docs/sources.md, "Genesys Cloud").
 *
 * @module
 */
import type * as events from '../../events'
import { runAdapter } from '../rejection'
import {
  conversationOutcome,
  observedAtOf,
  readGenesysConversation,
  summarizeGenesys,
  type GenesysConversationInput,
  type GenesysConversationOptions,
} from './conversation'
import { GENESYS_CONVERSATION } from './mapping'

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
 * // A REST read passes `asOf`, read before the GET is sent, like fromGenesysConversation.
 * const asOf = selectConferenceClock(store.getState(), conversationId)
 * const requestedAt = Date.now()
 * const rest = await fetch(`${api}/api/v2/conversations/calls/${conversationId}`, { headers }).then((r) => r.json())
 * const action = readConversation(rest, { asOf, requestedAt })
 * ```
 */
export function createGenesysConversationReader(options: GenesysConversationReaderOptions = {}): GenesysConversationReader {
  // Tolerant like the reader it makes: `null` options, or a bound that is not a finite number, mean the default.
  const maxConversations = options?.maxConversations
  const limit = typeof maxConversations === 'number' && Number.isFinite(maxConversations) ? Math.max(1, Math.floor(maxConversations)) : 1000
  const latest = new Map<string, number>()
  return (conversation, readOptions = {}) => {
    let stale = false
    // Each payload is read once: the same validated conversation gives its time and its snapshot.
    const action = runAdapter(GENESYS_CONVERSATION, readOptions, () => summarizeGenesys(conversation), (copied) => {
      const found = readGenesysConversation(conversation)
      if (!('conversation' in found)) return found
      const observedAt = observedAtOf(found.conversation)
      const seen = latest.get(found.conversation.id)
      if (observedAt !== undefined && seen !== undefined && observedAt < seen) {
        stale = true
        return { reason: 'stale' }
      }
      const outcome = conversationOutcome(found.conversation, copied)
      if ('action' in outcome && observedAt !== undefined) {
        latest.delete(found.conversation.id)
        latest.set(found.conversation.id, Math.max(observedAt, seen ?? observedAt))
        if (latest.size > limit) latest.delete(latest.keys().next().value as string)
      }
      return outcome
    })
    return stale ? null : action
  }
}

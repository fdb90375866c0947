/**
 * The page's connection to the relay in live mode: the event stream through
 * `connectConferenceFeed`, and the controls through `createHttpTransport`, both under `/relay` on
 * the page's own origin and both carrying a fresh viewer token.
 */
import { createHttpTransport, type ConferenceTransport } from 'conference-state/controls'
import { connectConferenceFeed, type ConferenceFeed } from 'conference-state/feed'
import { createRelayTokens } from './relayToken'

export interface RelayConnection {
  transport: ConferenceTransport
  /** Starts the feed (once the store exists). */
  connect(dispatch: (action: { type: string; payload?: unknown }) => unknown): ConferenceFeed
}

export function createRelayConnection(relayPath = '/relay', tokenUrl = '/api/relay-token'): RelayConnection {
  const tokens = createRelayTokens(tokenUrl)
  return {
    transport: createHttpTransport({
      baseUrl: relayPath,
      headers: async () => ({ Authorization: `Bearer ${await tokens.get()}` }),
    }),
    connect: (dispatch) => connectConferenceFeed({ dispatch, url: relayPath, getToken: () => tokens.get() }),
  }
}

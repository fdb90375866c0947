/**
 * What the doc samples take from their surroundings, declared once: a sample shows one thing and
 * does not rebuild the store, a Flex `manager` or your API client every time.
 */
declare const store: import('./store').AppStore
type RootState = import('./store').RootState
type AppDispatch = import('./store').AppDispatch
declare const conferenceSid: string
declare const callSid: string
declare const customerCallSid: string
/** Your app's session: its token for your backend, the worker, a relay viewer token. */
declare const session: { token: string; workerSid: string; viewerToken(): Promise<string> }
/** Your login service's viewer tokens for the relay. */
declare const tokens: { get(): Promise<string> }
declare function getToken(): Promise<string>
/** The logged-in worker, and the secret relay viewer tokens are signed with. */
declare const worker: { sid: string }
declare const secret: string
/** A Twilio REST client (`twilio` package). */
declare const client: import('twilio').Twilio
/** A participant as Flex hands it to a plugin. */
declare const participant: import('conference-state/flex').FlexParticipantEvent
/** Genesys Cloud: the user, the notification socket, the Conversations API, a conversation. */
declare const me: { id: string }
declare const socket: WebSocket
declare const conversationsApi: { getConversationsCall(conversationId: string): Promise<import('conference-state/genesys').GenesysConversation> }
declare const conversationId: string
/** Your app's notifications. */
declare const toast: { error(message: string): void }
/** Your backend's list of a conference's participants. */
declare function fetchParticipantsFromYourBackend(
  conferenceSid: string,
): Promise<Array<{ callSid: string; ringing: boolean; hold: boolean; muted: boolean }>>
/** A row component of a wall, as in docs/react.md. */
declare function ConferenceRow(props: { conferenceSid: string }): import('react').ReactElement
/** The Flex plugin's `manager` and the task a Flex component shows. */
declare const manager: import('@twilio/flex-ui').Manager
declare const task: import('@twilio/flex-ui').ITask

/**
 * The part of `@twilio/flex-ui` the samples use (the package is not installed: it weighs about
 * 670 MB with its dependencies), as Flex UI 2.17.1 declares it
 * (test/fixtures/real-clients/flex-2.17.1/declared-types.md): the store's root state is
 * `FlexState`, whose `flex` slice is `AppState`; `addReducer` is optional.
 */
declare module '@twilio/flex-ui' {
  import type { Reducer, ThunkDispatch, UnknownAction } from '@reduxjs/toolkit'
  import type { FlexConferenceMirror, FlexParticipantEvent, FlexSyncMapItem } from 'conference-state/flex'

  interface AppState {
    conferences: { states: ReadonlyMap<string, { source: FlexConferenceMirror }> }
  }
  interface FlexState {
    flex: AppState
  }
  interface SyncMap {
    getItems(options: { pageSize: number }): Promise<{ items: FlexSyncMapItem[] }>
    on(event: 'itemAdded' | 'itemUpdated' | 'itemRemoved', listener: () => void): void
    removeAllListeners(): void
  }
  interface Manager {
    store: {
      addReducer?(key: string, reducer: Reducer): void
      /** Flex's store takes thunks (assumption: it has the thunk middleware). */
      dispatch: ThunkDispatch<FlexState, unknown, UnknownAction>
      getState(): FlexState
    }
    workerClient?: { sid: string }
    insightsClient: { map(options: { id: string; mode: 'open_existing' }): Promise<SyncMap> }
  }
  interface ITask {
    taskSid: string
    conference?: { conferenceSid: string }
    /** The TaskRouter SDK's participants of the task's channels (camelCase `ParticipantBase` entries). */
    getParticipants(): Promise<FlexParticipantEvent[]>
  }
  const Actions: {
    invokeAction(name: string, payload?: object): Promise<void>
  }
}

/**
 * Type tests of the controls: what a TypeScript user sees.
 */
import { combineReducers, configureStore } from '@reduxjs/toolkit'
import { describe, expectTypeOf, test } from 'vitest'
import {
  addParticipant,
  createConferenceControls,
  createHttpTransport,
  holdParticipant,
  ConferenceTransportError,
  type ConferenceControlsExtra,
  type ConferenceTransport,
  type ControlFailure,
  type ControlResult,
  type TransportReply,
  type TransportResult,
} from 'conference-state/controls'
import {
  conferencesReducer,
  controlConfirmationTimedOut,
  selectControlErrors,
  selectParticipant,
  type ConferencesState,
  type ControlError,
  type ControlErrorKind,
} from 'conference-state'

interface RootState {
  telephony: { conferences: ConferencesState }
}

const conferenceTransport = createHttpTransport({ baseUrl: '/api' })

describe('the control thunks', () => {
  test('dispatch on a store whose extra argument carries the transport, and resolve with the leg', async () => {
    const extra: ConferenceControlsExtra = { conferenceTransport }
    const store = configureStore({
      reducer: { conferences: conferencesReducer },
      middleware: (getDefault) => getDefault({ thunk: { extraArgument: extra } }),
    })
    const settled = await store.dispatch(holdParticipant({ conferenceSid: 'CF…', callSid: 'CA…' }))
    if (holdParticipant.fulfilled.match(settled)) {
      expectTypeOf(settled.payload).toEqualTypeOf<ControlResult>()
      expectTypeOf(settled.meta.receivedAt).toEqualTypeOf<number>()
    }
    // `undefined` when RTK itself rejected (an abort): its rejections carry no payload.
    if (holdParticipant.rejected.match(settled)) expectTypeOf(settled.payload).toEqualTypeOf<ControlFailure | undefined>()
    expectTypeOf(store.dispatch(addParticipant({ conferenceSid: 'CF…', to: '+1555…' })).unwrap()).resolves.toEqualTypeOf<ControlResult>()
  })

  test('refuse, at compile time, a store without the transport in its extra argument', () => {
    const store = configureStore({ reducer: { conferences: conferencesReducer } })
    // @ts-expect-error the store's extra argument has no `conferenceTransport`
    void store.dispatch(holdParticipant({ conferenceSid: 'CF…', callSid: 'CA…' }))
  })

  test('createConferenceControls thunks dispatch on any store', () => {
    const store = configureStore({ reducer: { conferences: conferencesReducer } })
    const controls = createConferenceControls(conferenceTransport, { timeoutMs: 5_000 })
    void store.dispatch(controls.muteParticipant({ conferenceSid: 'CF…', callSid: 'CA…' }))
  })

  test('createConferenceControls types selectSlice by the root state, or by withTypes<RootState>()', () => {
    createConferenceControls(conferenceTransport, { selectSlice: (state: RootState) => state.telephony.conferences })
    const createControls = createConferenceControls.withTypes<RootState>()
    createControls(conferenceTransport, {
      selectSlice: (state) => {
        expectTypeOf(state).toEqualTypeOf<RootState>()
        return state.telephony.conferences
      },
    })
    // @ts-expect-error `voice` is not in RootState
    createControls(conferenceTransport, { selectSlice: (state) => state.voice.conferences })
    // By default the slice is at `state.conferences`.
    createConferenceControls(conferenceTransport, { selectSlice: (state) => state.conferences })
  })

  test('the extra argument types selectSlice by the root state, and the thunks dispatch with it', () => {
    const extra: ConferenceControlsExtra<RootState> = {
      conferenceTransport,
      selectSlice: (state) => {
        expectTypeOf(state).toEqualTypeOf<RootState>()
        return state.telephony.conferences
      },
    }
    const store = configureStore({
      reducer: { telephony: combineReducers({ conferences: conferencesReducer }) },
      middleware: (getDefault) => getDefault({ thunk: { extraArgument: extra } }),
    })
    void store.dispatch(holdParticipant({ conferenceSid: 'CF…', callSid: 'CA…' }))
  })

  test('check their arguments', () => {
    // @ts-expect-error `callSid` is required
    void holdParticipant({ conferenceSid: 'CF…' })
    // @ts-expect-error `to` is required
    void addParticipant({ conferenceSid: 'CF…' })
  })
})

describe('the state they leave', () => {
  test('views expose the pending marks and intents', () => {
    type Leg = NonNullable<ReturnType<typeof selectParticipant>>
    expectTypeOf<Leg['holdPending']>().toEqualTypeOf<boolean>()
    expectTypeOf<Leg['holdIntent']>().toEqualTypeOf<boolean | undefined>()
    expectTypeOf<Leg['removePending']>().toEqualTypeOf<boolean>()
    expectTypeOf<Leg['addPending']>().toEqualTypeOf<boolean>()
  })

  test('errors are plain data', () => {
    expectTypeOf(selectControlErrors).returns.toEqualTypeOf<readonly ControlError[]>()
    expectTypeOf<ControlError['kind']>().toEqualTypeOf<ControlErrorKind>()
    expectTypeOf<ControlError['at']>().toEqualTypeOf<number>()
    expectTypeOf(controlConfirmationTimedOut.type).toEqualTypeOf<'conferences/controlConfirmationTimedOut'>()
  })
})

describe('transports', () => {
  test('a method may resolve nothing, resolve events, or reject with Promise.reject (the docs/controls.md sample)', () => {
    const transport: ConferenceTransport = {
      hold: async () => {},
      mute: () => Promise.reject(new ConferenceTransportError('mute is not available through Flex actions here')),
      remove: async () => ({ events: [] }),
      add: () => Promise.reject(new ConferenceTransportError('use createHttpTransport for adds')),
    }
    expectTypeOf(transport.mute).returns.toEqualTypeOf<TransportReply>()
    // One Promise type, not a union of two: `Promise<never>` and `Promise<void>` both fit it.
    // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- the type under test
    expectTypeOf<TransportReply>().toEqualTypeOf<Promise<TransportResult | undefined | void>>()
  })
})

/**
 * Type tests of the controls: what a TypeScript user sees.
 */
import { configureStore } from '@reduxjs/toolkit'
import { describe, expectTypeOf, test } from 'vitest'
import {
  addParticipant,
  createConferenceControls,
  createHttpTransport,
  holdParticipant,
  type ConferenceControlsExtra,
  type ControlFailure,
  type ControlResult,
} from 'conference-state/controls'
import {
  conferencesReducer,
  controlConfirmationTimedOut,
  selectControlErrors,
  selectParticipant,
  type ControlError,
  type ControlErrorKind,
} from 'conference-state'

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

/**
 * The control thunks, reading their transport from the thunk `extra` argument.
 *
 * Each one marks its intent on the leg at once (`holdPending` / `holdIntent`, `mutePending`,
 * `removePending`, a connecting placeholder for an add), sends the command through the transport,
 * and leaves the confirmation to the platform's event. A transport failure, no reply, or no
 * confirmation before the deadline (default 10 s) rolls the intent back and records an error
 * (`selectControlErrors`). Repeated clicks: the last one wins.
 *
 * @module
 */
import type { ConferencesState } from '../model'
import { buildControls, controlSettingsOf } from './createConferenceControls'
import type { ConferenceTransport } from './transport'

/**
 * What the control thunks read from the thunk `extra` argument. Spread it into yours if your
 * thunks have their own. Give your root state as `State` to type `selectSlice`.
 *
 * @typeParam State - Your root state, which `selectSlice` reads.
 * @example
 * ```ts
 * const extra: ConferenceControlsExtra = { conferenceTransport: createHttpTransport({ baseUrl: '/api' }), controlTimeoutMs: 8_000 }
 * const store = configureStore({
 *   reducer: { conferences: conferencesReducer },
 *   middleware: (getDefault) => getDefault({ thunk: { extraArgument: extra } }),
 * })
 * ```
 */
export interface ConferenceControlsExtra<State = never> {
  /** Carries the commands: `createHttpTransport`, `createEvoVoiceTransport` or yours. */
  conferenceTransport: ConferenceTransport
  /** From the click, how long a command may take to be accepted and confirmed. Default 10 000 ms. */
  controlTimeoutMs?: number
  /** The same for adds. Default: `controlTimeoutMs` (set it above your ring timeout). */
  controlAddTimeoutMs?: number
  /** Where the slice is mounted. Default: `state.conferences`. */
  selectSlice?: (state: State) => ConferencesState | undefined
}

const MISSING_TRANSPORT =
  '`conferenceTransport` is missing from the thunk `extra` argument: configureStore({ middleware: (getDefault) => ' +
  'getDefault({ thunk: { extraArgument: { conferenceTransport } } }) }), or use createConferenceControls(transport)'

const controls = /* @__PURE__ */ buildControls<ConferenceControlsExtra>((extra) => {
  const fields = (typeof extra === 'object' && extra !== null ? extra : {}) as Partial<ConferenceControlsExtra>
  if (fields.conferenceTransport === undefined) return MISSING_TRANSPORT
  return controlSettingsOf(
    fields.conferenceTransport,
    {
      ...(fields.controlTimeoutMs === undefined ? {} : { timeoutMs: fields.controlTimeoutMs }),
      ...(fields.controlAddTimeoutMs === undefined ? {} : { addTimeoutMs: fields.controlAddTimeoutMs }),
      ...(fields.selectSlice === undefined ? {} : { selectSlice: fields.selectSlice }),
    },
    { transport: 'extra.conferenceTransport', timeoutMs: 'extra.controlTimeoutMs', addTimeoutMs: 'extra.controlAddTimeoutMs' },
  )
})

/**
 * Puts a leg on hold. The leg shows `holdPending` and `holdIntent: true` at once; the platform's
 * `participantHeld` (or any event or snapshot that shows it held) confirms it. A failure, or no
 * confirmation within the deadline, rolls it back and records an error.
 *
 * @param args - `{ conferenceSid, callSid, timeoutMs? }`.
 * @returns A thunk; `await dispatch(...)` gives its last lifecycle action (`unwrap()` the leg, or throws the failure).
 * @example
 * ```ts
 * const result = await store.dispatch(holdParticipant({ conferenceSid: 'CF…', callSid: customer.callSid }))
 * if (holdParticipant.rejected.match(result)) console.warn(result.payload?.message)
 * ```
 */
export const holdParticipant = controls.holdParticipant

/**
 * Resumes a held leg: `holdPending` with `holdIntent: false` until `participantUnheld` confirms it.
 *
 * @param args - `{ conferenceSid, callSid, timeoutMs? }`.
 * @example
 * ```ts
 * store.dispatch(unholdParticipant({ conferenceSid: 'CF…', callSid: customer.callSid }))
 * ```
 */
export const unholdParticipant = controls.unholdParticipant

/**
 * Mutes a leg: `mutePending` with `muteIntent: true` until `participantMuted` confirms it.
 *
 * @param args - `{ conferenceSid, callSid, timeoutMs? }`.
 * @example
 * ```ts
 * store.dispatch(muteParticipant({ conferenceSid: 'CF…', callSid: myLeg.callSid }))
 * ```
 */
export const muteParticipant = controls.muteParticipant

/**
 * Unmutes a leg: `mutePending` with `muteIntent: false` until `participantUnmuted` confirms it.
 *
 * @param args - `{ conferenceSid, callSid, timeoutMs? }`.
 * @example
 * ```ts
 * store.dispatch(unmuteParticipant({ conferenceSid: 'CF…', callSid: myLeg.callSid }))
 * ```
 */
export const unmuteParticipant = controls.unmuteParticipant

/**
 * Takes a leg out of the conference: `removePending` until the leg leaves (`participantLeft`, or a
 * snapshot without it).
 *
 * @param args - `{ conferenceSid, callSid, timeoutMs? }`.
 * @example
 * ```ts
 * store.dispatch(removeParticipant({ conferenceSid: 'CF…', callSid: transferLeg.callSid }))
 * ```
 */
export const removeParticipant = controls.removeParticipant

/**
 * Dials someone into the conference. A connecting placeholder (`addPending`, keyed
 * `pending:<requestId>`) shows at once; when the transport names the new call SID, the real leg
 * replaces it, still connecting, until the platform reports it (joined, ringing in a snapshot, or
 * failed with a leave).
 *
 * @param args - `{ conferenceSid, to, from?, label?, participantType?, displayName?, timeoutMs? }`.
 * @example
 * ```ts
 * const { callSid } = await store.dispatch(addParticipant({ conferenceSid: 'CF…', to: '+15550100001', label: 'external' })).unwrap()
 * ```
 */
export const addParticipant = controls.addParticipant

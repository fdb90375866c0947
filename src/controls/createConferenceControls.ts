/**
 * `createConferenceControls(transport, options)`: the control thunks bound to a transport, for
 * apps that cannot set the thunk `extra` argument (a Flex plugin, whose store Flex creates).
 *
 * @module
 */
import { createAsyncThunk, type AsyncThunk } from '@reduxjs/toolkit'
import type { ReceivedMeta } from '../events'
import type { ConferencesState, ControlCommand } from '../model'
import {
  COMMAND_TYPE_PREFIX,
  timeoutProblem,
  type AddParticipantArgs,
  type ParticipantControlArgs,
} from '../commands'
import { deadlineOf, runCommand, type ControlFailure, type ControlResult, type ControlSettings, type SendCommand } from './runCommand'
import type { ConferenceTransport, TransportContext } from './transport'

/** How RTK types a control thunk's lifecycle: plain failures, `meta.receivedAt` on every action. */
export interface ControlThunkConfig<Extra = unknown> {
  extra: Extra
  rejectValue: ControlFailure
  pendingMeta: ReceivedMeta
  fulfilledMeta: ReceivedMeta
  rejectedMeta: ReceivedMeta
}

/** A control thunk: `dispatch(thunk(args))` resolves with its lifecycle's last action. */
export type ControlThunk<Args, Extra = unknown> = AsyncThunk<ControlResult, Args, ControlThunkConfig<Extra>>

/** The six control thunks. */
export interface ConferenceControls<Extra = unknown> {
  holdParticipant: ControlThunk<ParticipantControlArgs, Extra>
  unholdParticipant: ControlThunk<ParticipantControlArgs, Extra>
  muteParticipant: ControlThunk<ParticipantControlArgs, Extra>
  unmuteParticipant: ControlThunk<ParticipantControlArgs, Extra>
  removeParticipant: ControlThunk<ParticipantControlArgs, Extra>
  addParticipant: ControlThunk<AddParticipantArgs, Extra>
}

/**
 * Options of {@link createConferenceControls}.
 *
 * @typeParam State - Your root state, which `selectSlice` reads.
 */
export interface ConferenceControlsOptions<State = StateWithConferenceSlice> {
  /**
   * How long a command may take, from the click, to be accepted by the transport and confirmed
   * by the platform; past it, the command is rolled back and recorded. Default 10 000 ms.
   */
  timeoutMs?: number
  /**
   * The same for `addParticipant`. Default: `timeoutMs`. A Twilio add is confirmed only when the
   * callee answers (or the call fails): set it above your ring timeout.
   */
  addTimeoutMs?: number
  /**
   * Finds the slice in the root state, so that a command already confirmed dispatches no
   * time-out action. Default: `state.conferences`.
   */
  selectSlice?: (state: State) => ConferencesState | undefined
}

/** The root state the controls read by default: the slice at `state.conferences`. */
export interface StateWithConferenceSlice {
  conferences?: ConferencesState
}

/**
 * The default deadline of a command: 10 s.
 * @example
 * ```ts
 * const extra: ConferenceControlsExtra = { conferenceTransport, controlTimeoutMs: 2 * DEFAULT_CONTROL_TIMEOUT_MS }
 * ```
 */
export const DEFAULT_CONTROL_TIMEOUT_MS = 10_000

const selectSliceAtConferences = (state: never) => (state as { conferences?: ConferencesState } | undefined)?.conferences

const SENDERS = {
  hold: (transport, args: ParticipantControlArgs, signal, context) => transport.hold({ conferenceSid: args.conferenceSid, callSid: args.callSid, hold: true }, signal, context),
  unhold: (transport, args: ParticipantControlArgs, signal, context) => transport.hold({ conferenceSid: args.conferenceSid, callSid: args.callSid, hold: false }, signal, context),
  mute: (transport, args: ParticipantControlArgs, signal, context) => transport.mute({ conferenceSid: args.conferenceSid, callSid: args.callSid, muted: true }, signal, context),
  unmute: (transport, args: ParticipantControlArgs, signal, context) => transport.mute({ conferenceSid: args.conferenceSid, callSid: args.callSid, muted: false }, signal, context),
  remove: (transport, args: ParticipantControlArgs, signal, context) => transport.remove({ conferenceSid: args.conferenceSid, callSid: args.callSid }, signal, context),
  add: (transport, args: AddParticipantArgs, signal, context) =>
    transport.add(
      {
        conferenceSid: args.conferenceSid,
        to: args.to,
        ...(args.from === undefined ? {} : { from: args.from }),
        ...(args.label === undefined ? {} : { label: args.label }),
      },
      signal,
      context,
    ),
} satisfies Record<ControlCommand, (transport: ConferenceTransport, args: never, signal: AbortSignal, context: TransportContext) => ReturnType<SendCommand>>

const isTransport = (value: unknown): value is ConferenceTransport =>
  typeof value === 'object' &&
  value !== null &&
  ['hold', 'mute', 'remove', 'add'].every((method) => typeof (value as Record<string, unknown>)[method] === 'function')

/** Checks a transport and its deadlines: the settings, or why they cannot be used. */
export function controlSettingsOf<State>(
  transport: unknown,
  options: ConferenceControlsOptions<State>,
  names: { transport: string; timeoutMs: string; addTimeoutMs: string },
): ControlSettings | string {
  if (!isTransport(transport)) {
    return `\`${names.transport}\` must be a ConferenceTransport (an object with hold, mute, remove and add methods), got ${transport === undefined ? 'undefined' : typeof transport}`
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONTROL_TIMEOUT_MS
  const addTimeoutMs = options.addTimeoutMs ?? timeoutMs
  const problem =
    timeoutProblem(names.timeoutMs, timeoutMs) ?? timeoutProblem(names.addTimeoutMs, addTimeoutMs)
  if (problem !== undefined) return problem
  const selectSlice = (options.selectSlice as ((state: never) => ConferencesState | undefined) | undefined) ?? selectSliceAtConferences
  return { transport, timeoutMs, addTimeoutMs, selectSlice }
}

/**
 * Builds the six thunks over wherever their settings come from.
 *
 * @internal
 */
export function buildControls<Extra>(settingsOf: (extra: Extra) => ControlSettings | string): ConferenceControls<Extra> {
  const thunk = <Args>(command: ControlCommand) =>
    createAsyncThunk<ControlResult, Args, ControlThunkConfig<Extra>>(
      COMMAND_TYPE_PREFIX[command],
      (args, api) => runCommand(command, args, api, settingsOf(api.extra), SENDERS[command] as SendCommand) as never,
      {
        // The deadline goes with the intent, so the reducer keeps it pending exactly as long.
        getPendingMeta: ({ arg }, { extra }) => {
          const settings = settingsOf(extra)
          return { receivedAt: Date.now(), ...(typeof settings === 'string' ? {} : { timeoutMs: deadlineOf(command, arg, settings) }) }
        },
      },
    )
  return {
    holdParticipant: thunk<ParticipantControlArgs>('hold'),
    unholdParticipant: thunk<ParticipantControlArgs>('unhold'),
    muteParticipant: thunk<ParticipantControlArgs>('mute'),
    unmuteParticipant: thunk<ParticipantControlArgs>('unmute'),
    removeParticipant: thunk<ParticipantControlArgs>('remove'),
    addParticipant: thunk<AddParticipantArgs>('add'),
  }
}

/** The type of {@link createConferenceControls}, with `withTypes` to fix the root state once. */
export interface CreateConferenceControls {
  /**
   * Creates the control thunks bound to `transport`.
   *
   * @param transport - Carries the commands.
   * @param options - Deadlines and where the slice is mounted.
   * @returns The six control thunks.
   */
  <State = StateWithConferenceSlice>(transport: ConferenceTransport, options?: ConferenceControlsOptions<State>): ConferenceControls
  /**
   * The same function with your root state fixed, so `selectSlice` needs no annotation.
   *
   * @returns `createConferenceControls`, typed for `State`.
   * @example
   * ```ts
   * const createControls = createConferenceControls.withTypes<RootState>()
   * const controls = createControls(transport, { selectSlice: (state) => state.telephony.conferences })
   * ```
   */
  withTypes: <State>() => (transport: ConferenceTransport, options?: ConferenceControlsOptions<State>) => ConferenceControls
}

function createControls<State>(transport: ConferenceTransport, options: ConferenceControlsOptions<State> = {}): ConferenceControls {
  const settings = controlSettingsOf(transport, options ?? {}, { transport: 'transport', timeoutMs: 'timeoutMs', addTimeoutMs: 'addTimeoutMs' })
  if (typeof settings === 'string') throw new TypeError(`createConferenceControls: ${settings}`)
  return buildControls<unknown>(() => settings)
}

/**
 * Creates the control thunks bound to `transport`, for a store whose thunk `extra` argument you
 * cannot set (in a Flex plugin, Flex creates the store). Their action types and what they do to
 * the state are the same as the package's `holdParticipant`, `addParticipant`, ….
 *
 * @param transport - Carries the commands: {@link createHttpTransport}, `createEvoVoiceTransport` or yours.
 * @param options - Deadlines (default 10 s) and where the slice is mounted (`selectSlice`, typed by
 * your root state; `createConferenceControls.withTypes<RootState>()` fixes it once).
 * @returns `holdParticipant`, `unholdParticipant`, `muteParticipant`, `unmuteParticipant`,
 * `removeParticipant` and `addParticipant`.
 * @throws TypeError when `transport` is not a transport or a deadline is not a valid delay.
 * @example
 * ```ts
 * const controls = createConferenceControls(createHttpTransport({ baseUrl: '/api' }), {
 *   timeoutMs: 8_000,
 *   selectSlice: (state: RootState) => state.telephony.conferences,
 * })
 * store.dispatch(controls.holdParticipant({ conferenceSid, callSid: customer.callSid }))
 * ```
 */
export const createConferenceControls: CreateConferenceControls = /* @__PURE__ */ Object.assign(createControls, {
  withTypes: () => createControls,
})

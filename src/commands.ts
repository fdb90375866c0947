/**
 * What each control command is, in one table shared by the thunks (`controls/`, which send
 * commands) and the reducers (`reducers/`, which mark them pending and settle them), so that
 * neither folder imports the other: its action type, the register it acts on
 * and the value it asks for. Also what a command accepts, checked the same way on both sides.
 *
 * @module
 */
import { describeType, describeValue, keyProblem } from './validation/keys'
import type { ControlCommand, ControlErrorKind, ParticipantRecord, ParticipantType, PendingRequest } from './model'
import { isParticipantType, MAX_TEXT_LENGTH, PARTICIPANT_TYPE_NAMES } from './registers'

/** Every reason a command is rolled back for: `ControlErrorKind` says what each means. */
export const CONTROL_ERROR_KINDS = ['invalid', 'transport', 'no-reply', 'unconfirmed', 'aborted'] as const

/** Whether `value` is one of `CONTROL_ERROR_KINDS`. */
export function isControlErrorKind(value: unknown): value is ControlErrorKind {
  return (CONTROL_ERROR_KINDS as readonly unknown[]).includes(value)
}

/** A command that sets a flag: hold, unhold, mute, unmute. */
export type ToggleCommand = 'hold' | 'unhold' | 'mute' | 'unmute'

/** How a toggle command reads and writes a leg. */
export interface ToggleSpec {
  typePrefix: string
  /** The record field holding the command while it waits. */
  pending: 'holdPending' | 'mutePending'
  /** The register whose write confirms it. */
  register: 'onHold' | 'muted'
  /** The value asked for. */
  intent: boolean
}

/** The toggle commands. Each thunk's lifecycle actions are `<typePrefix>/pending|fulfilled|rejected`. */
export const TOGGLE_COMMANDS: Readonly<Record<ToggleCommand, ToggleSpec>> = {
  hold: { typePrefix: 'conferences/holdParticipant', pending: 'holdPending', register: 'onHold', intent: true },
  unhold: { typePrefix: 'conferences/unholdParticipant', pending: 'holdPending', register: 'onHold', intent: false },
  mute: { typePrefix: 'conferences/muteParticipant', pending: 'mutePending', register: 'muted', intent: true },
  unmute: { typePrefix: 'conferences/unmuteParticipant', pending: 'mutePending', register: 'muted', intent: false },
}

/** The action type prefix of every command's thunk. */
export const COMMAND_TYPE_PREFIX: Readonly<Record<ControlCommand, string>> = {
  hold: TOGGLE_COMMANDS.hold.typePrefix,
  unhold: TOGGLE_COMMANDS.unhold.typePrefix,
  mute: TOGGLE_COMMANDS.mute.typePrefix,
  unmute: TOGGLE_COMMANDS.unmute.typePrefix,
  remove: 'conferences/removeParticipant',
  add: 'conferences/addParticipant',
}

export const isToggleCommand = (command: ControlCommand): command is ToggleCommand => Object.hasOwn(TOGGLE_COMMANDS, command)

/** Arguments of `holdParticipant`, `unholdParticipant`, `muteParticipant`, `unmuteParticipant`, `removeParticipant`. */
export interface ParticipantControlArgs {
  conferenceSid: string
  /** The leg to act on. */
  callSid: string
  /** This command's deadline (ms from the click), instead of the controls' `timeoutMs`. */
  timeoutMs?: number
}

/** Arguments of `addParticipant`. */
export interface AddParticipantArgs {
  conferenceSid: string
  /** Who to dial: a phone number, a SIP address, a client identity (whatever your transport accepts). */
  to: string
  /** The caller ID to use; the transport's default when absent. */
  from?: string
  /** Twilio `ParticipantLabel` for the new leg, e.g. `external` or `transfer`. */
  label?: string
  /** The placeholder's type until the platform says more. Default `external`. */
  participantType?: ParticipantType
  /** The placeholder's name. Default: `to`. */
  displayName?: string
  /** This command's deadline (ms from the click), instead of the controls' `addTimeoutMs`. */
  timeoutMs?: number
}

/** A placeholder leg's key: `pending:<requestId>` (a call SID never starts like this). */
export const PLACEHOLDER_PREFIX = 'pending:'

/** The key of the placeholder leg an add shows until its call SID is known. */
export const placeholderKeyOf = (requestId: string): string => `${PLACEHOLDER_PREFIX}${requestId}`

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function keyArgProblem(args: Record<string, unknown>, name: string): string | undefined {
  const reason = keyProblem(args[name])
  if (reason !== undefined) return `\`${name}\` ${args[name] === undefined ? 'is required' : reason}`
  return undefined
}

function textArgProblem(args: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = args[name]
  if (value === undefined && !required) return undefined
  if (typeof value !== 'string') return `\`${name}\` must be a string, got ${describeType(value)}`
  if (value.trim().length === 0) return `\`${name}\` must not be empty`
  if (value.length > MAX_TEXT_LENGTH) return `\`${name}\` must be at most ${MAX_TEXT_LENGTH} characters`
  return undefined
}

/** The longest delay `setTimeout` honours; beyond it, timers fire at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647

/** Why `value` cannot be a deadline, or `undefined`. */
export function timeoutProblem(name: string, value: unknown): string | undefined {
  return typeof value === 'number' && value > 0 && value <= MAX_TIMEOUT_MS
    ? undefined
    : `\`${name}\` must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${describeValue(value)}`
}

const timeoutArgProblem = (args: Record<string, unknown>): string | undefined =>
  args.timeoutMs === undefined ? undefined : timeoutProblem('timeoutMs', args.timeoutMs)

/** Why the arguments of a hold, mute or remove cannot be sent, or `undefined`. */
export function participantArgsProblem(args: unknown): string | undefined {
  if (!isRecord(args)) return `the arguments must be an object, got ${describeType(args)}`
  const problem = keyArgProblem(args, 'conferenceSid') ?? keyArgProblem(args, 'callSid') ?? timeoutArgProblem(args)
  if (problem !== undefined) return problem
  if ((args.callSid as string).startsWith(PLACEHOLDER_PREFIX)) {
    return '`callSid` is the placeholder of a leg still being dialled: wait for its call SID'
  }
  return undefined
}

/** Why the arguments of an add cannot be sent, or `undefined`. */
export function addArgsProblem(args: unknown): string | undefined {
  if (!isRecord(args)) return `the arguments must be an object, got ${describeType(args)}`
  const type = args.participantType
  return (
    keyArgProblem(args, 'conferenceSid') ??
    textArgProblem(args, 'to', true) ??
    textArgProblem(args, 'from', false) ??
    textArgProblem(args, 'label', false) ??
    textArgProblem(args, 'displayName', false) ??
    (type === undefined || isParticipantType(type)
      ? undefined
      : `\`participantType\` must be one of ${PARTICIPANT_TYPE_NAMES.join(', ')}`) ??
    timeoutArgProblem(args)
  )
}

/** Why a command's arguments cannot be sent, or `undefined`. */
export const argsProblem = (command: ControlCommand, args: unknown): string | undefined =>
  command === 'add' ? addArgsProblem(args) : participantArgsProblem(args)

/** How messages name a command: "hold of CA…", "add of +15551230000". */
export function describeCommand(command: ControlCommand, target: string | undefined): string {
  return target === undefined ? command : `${command} of ${target.slice(0, 80)}`
}

/** What command `command` left pending on `leg`, if anything: only its `requestId` may settle it. */
export function pendingOf(leg: ParticipantRecord, command: ControlCommand): PendingRequest | undefined {
  if (isToggleCommand(command)) return leg[TOGGLE_COMMANDS[command].pending]
  return command === 'remove' ? leg.removePending : leg.addPending
}

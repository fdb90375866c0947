/**
 * The registers of a conference leg, listed once: every other module (types, checks, reducers,
 * merge, export) derives what it needs from these lists, so adding a register is one line here
 * (and one in the copy of a leg's versions, `reducers/legVersions.ts`, which the compiler asks for).
 *
 * A register is one value with the version that last wrote it (see `docs/architecture.md`,
 * "Ordering"). Identity is a closed set of registers too: a source that does not know a field
 * never erases it, and an unknown key is refused by name.
 *
 * @module
 */

/** The boolean flags a platform reports on a leg. */
export const FLAG_NAMES = ['muted', 'onHold', 'coaching', 'endConferenceOnExit', 'startConferenceOnEnter'] as const

/** The keys of `ParticipantIdentity`, each its own register. */
export const IDENTITY_KEYS = [
  'participantType',
  'workerSid',
  'reservationSid',
  'taskSid',
  'label',
  'displayName',
  'identity',
  'endpointId',
  'queueSid',
  'queueName',
  'callSidToCoach',
  'monitoredCallSid',
] as const

/**
 * The identity keys that name another leg of the same conference: its key as the platform gives
 * it (a Twilio call SID, an Amazon Connect connection ID, a Genesys participant ID), so they are
 * checked as keys, not by a Twilio prefix.
 */
export const LEG_KEY_IDENTITIES = ['callSidToCoach', 'monitoredCallSid'] as const

/** Every versioned register of a leg. `departure` holds the leave reason and call status. */
export const LEG_REGISTERS = ['status', 'connecting', 'speaking', 'departure', ...FLAG_NAMES, ...IDENTITY_KEYS] as const

/** Every participant type, lowest precedence first (`unknown` loses a tie to anything else). */
export const PARTICIPANT_TYPE_NAMES = ['unknown', 'external', 'transfer', 'customer', 'supervisor', 'worker'] as const

/** Whether `value` is one of `PARTICIPANT_TYPE_NAMES`. */
export function isParticipantType(value: unknown): value is (typeof PARTICIPANT_TYPE_NAMES)[number] {
  return (PARTICIPANT_TYPE_NAMES as readonly unknown[]).includes(value)
}

export type FlagName = (typeof FLAG_NAMES)[number]
export type IdentityKey = (typeof IDENTITY_KEYS)[number]
export type LegRegister = (typeof LEG_REGISTERS)[number]

/**
 * The identity keys that hold a Twilio SID, with the prefix each must have. The rest are free
 * text of at most `MAX_TEXT_LENGTH` characters, except `participantType` (one of the types).
 * Other platforms fill the same roles with their own keys (a Genesys user ID as `workerSid`): a
 * value that is not shaped like a Twilio SID only has to be a safe key.
 */
export const IDENTITY_SID_PREFIXES: Readonly<Partial<Record<IdentityKey, string>>> = {
  workerSid: 'WK',
  reservationSid: 'WR',
  taskSid: 'WT',
  queueSid: 'WQ',
}

/** Longest free-text value kept in state (names, reasons, labels, URLs). */
export const MAX_TEXT_LENGTH = 512

/**
 * Which of two values written at the same version is kept. Two writes at one version come from
 * two sources reporting the same event (a Flex participant event and the status callback it
 * mirrors); taking the greater value by a fixed rule makes the result independent of arrival order.
 */
export function prefersValue(candidate: unknown, current: unknown): boolean {
  return rankOf(candidate) > rankOf(current) || (rankOf(candidate) === rankOf(current) && compareSameRank(candidate, current) > 0)
}

function rankOf(value: unknown): number {
  if (value === undefined) return 0
  if (typeof value === 'boolean') return 1
  if (typeof value === 'number') return 2
  if (typeof value === 'string') return 3
  return 4
}

function compareSameRank(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const typeA = (PARTICIPANT_TYPE_NAMES as readonly string[]).indexOf(a)
    const typeB = (PARTICIPANT_TYPE_NAMES as readonly string[]).indexOf(b)
    if (typeA !== -1 && typeB !== -1) return typeA - typeB
    return a < b ? -1 : a > b ? 1 : 0
  }
  if (typeof a === 'boolean' || typeof a === 'number') return Number(a) - Number(b)
  const textA = JSON.stringify(a) ?? ''
  const textB = JSON.stringify(b) ?? ''
  return textA < textB ? -1 : textA > textB ? 1 : 0
}

/** Whether a write of `value` at `version` replaces `current` written at `currentVersion`. */
export function winsRegister(version: number, value: unknown, currentVersion: number, current: unknown): boolean {
  return version > currentVersion || (version === currentVersion && version > 0 && prefersValue(value, current))
}

/**
 * The flags of a Twilio leg, read by their names in one of Twilio's spellings (the status
 * callback's `Hold`, the REST resource's `hold`), so each adapter lists only the spelling.
 *
 * @module
 */
import type { ParticipantFlags } from '../../model'
import { FLAG_NAMES, type FlagName } from '../../registers'

/** Where each flag is in a parsed Twilio leg. */
export type FlagSpelling<Leg> = Readonly<Record<FlagName, keyof Leg>>

/** The flags `leg` reports; a flag it leaves out stays unknown (its register keeps its value). */
export function flagsOfTwilioLeg<Leg extends object>(leg: Leg, spelling: FlagSpelling<Leg>): Partial<ParticipantFlags> {
  const flags: Partial<ParticipantFlags> = {}
  for (const flag of FLAG_NAMES) {
    const value = leg[spelling[flag]]
    if (typeof value === 'boolean') flags[flag] = value
  }
  return flags
}

/** Twilio-shaped SIDs: a two-letter prefix and 32 hex digits. */
export const sid = (prefix: string, n: number): string => prefix + n.toString(16).padStart(32, '0')

/** The logged-in agent ("me"), as in docs/scenarios. */
export const ME = sid('WK', 1)

/** `CA…00c1` → `…00c1`: enough of a SID to tell legs apart on screen. */
export const shortSid = (value: string): string => `…${value.slice(-6)}`

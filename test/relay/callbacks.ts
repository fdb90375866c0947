/**
 * Status callbacks for relay tests: one conference per agent, with the agent's own labelled leg,
 * a customer, and then a run of hold / mute changes, each with the next `SequenceNumber`.
 */
const hex = (n: number, width = 32) => n.toString(16).padStart(width, '0')

export const conferenceSidOf = (n: number) => `CF${hex(n)}`
export const workerSidOf = (n: number) => `WK${hex(n)}`
export const customerCallOf = (n: number) => `CA${hex(n * 2)}`
export const workerCallOf = (n: number) => `CA${hex(n * 2 + 1)}`
export const ACCOUNT_SID = `AC${hex(7)}`

const timestamp = (second: number) => new Date(Date.UTC(2026, 11, 3, 9, 0, second % 60)).toUTCString().replace('GMT', '+0000')

/** The callback with sequence `sequence` (1-based) of conference `n`, whose agent is worker `n`. */
export function callback(n: number, sequence: number): Record<string, string> {
  const base = { AccountSid: ACCOUNT_SID, ConferenceSid: conferenceSidOf(n), FriendlyName: `room-${n}`, SequenceNumber: String(sequence), Timestamp: timestamp(sequence) }
  const leg = (callSid: string, label: string, flags: { hold?: boolean; muted?: boolean } = {}) => ({
    CallSid: callSid,
    ParticipantLabel: label,
    Muted: String(flags.muted ?? false),
    Hold: String(flags.hold ?? false),
    Coaching: 'false',
    EndConferenceOnExit: 'false',
    StartConferenceOnEnter: 'true',
  })
  if (sequence === 1) return { ...base, StatusCallbackEvent: 'participant-join', ...leg(customerCallOf(n), 'customer') }
  if (sequence === 2) return { ...base, StatusCallbackEvent: 'participant-join', ...leg(workerCallOf(n), `worker:${workerSidOf(n)}`) }
  if (sequence === 3) return { ...base, StatusCallbackEvent: 'conference-start' }
  // From 4 on: the customer goes on and off hold, the agent mutes and unmutes, in turn.
  const step = sequence - 4
  if (step % 2 === 0) {
    const hold = step % 4 === 0
    return { ...base, StatusCallbackEvent: hold ? 'participant-hold' : 'participant-unhold', ...leg(customerCallOf(n), 'customer', { hold }) }
  }
  const muted = step % 4 === 1
  return { ...base, StatusCallbackEvent: muted ? 'participant-mute' : 'participant-unmute', ...leg(workerCallOf(n), `worker:${workerSidOf(n)}`, { muted }) }
}

/** The end of conference `n` at `sequence`. */
export function conferenceEnd(n: number, sequence: number): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    ConferenceSid: conferenceSidOf(n),
    FriendlyName: `room-${n}`,
    SequenceNumber: String(sequence),
    Timestamp: timestamp(sequence),
    StatusCallbackEvent: 'conference-end',
    ReasonConferenceEnded: 'last-participant-left',
  }
}

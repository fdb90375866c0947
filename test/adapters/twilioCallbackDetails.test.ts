/**
 * What status callbacks carry beyond the leg's flags reaches the store and the view: whom a
 * coaching supervisor whispers to, why and by whom the conference ended, what an announcement said.
 * Bodies as in test/fixtures/real-clients/twilio-node-6 (the signature vectors' bodies).
 */
import { describe, expect, it } from 'vitest'
import { selectConferenceView } from 'conference-state'
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import { createTestStore } from 'conference-state/testing'

const CONFERENCE = 'CF46e593bb35f08f00ed459794a7b4ebce'
const CUSTOMER = 'CA6a67c939260e47620b788c9d1db40fbf'
const WORKER = 'CAb2f0c0db7d948d136f10db2d746b9c58'
const SUPERVISOR = 'CA4360f06be4e7a59cfeb666c2a8bd23d3'
const receivedAt = 1_765_379_000_000

const common = {
  AccountSid: 'ACe268443e43d93dab7ebef303bbe9642f',
  ConferenceSid: CONFERENCE,
  FriendlyName: 'WTc146b6ad38277b931d94d82f20703136',
}
const leg = (callSid: string, event: string, sequence: number, extra: Record<string, string> = {}) => ({
  ...common,
  CallSid: callSid,
  Coaching: 'false',
  EndConferenceOnExit: 'false',
  Hold: 'false',
  Muted: 'false',
  StartConferenceOnEnter: 'true',
  StatusCallbackEvent: event,
  SequenceNumber: String(sequence),
  Timestamp: 'Wed, 10 Dec 2025 15:04:45 +0000',
  ...extra,
})
const supervisorJoin = leg(SUPERVISOR, 'participant-join', 7, {
  Coaching: 'true',
  CallSidToCoach: WORKER,
  ParticipantLabel: 'supervisor:WK04d20c0774a6596e7bbb1a1ddf4f9f27',
})
const conferenceEnd = {
  ...common,
  CallSidEndingConference: CUSTOMER,
  ParticipantLabelEndingConference: 'customer',
  Reason: 'Participant customer with endConferenceOnExit left the conference',
  ReasonConferenceEnded: 'participant-with-end-conference-on-exit-left',
  SequenceNumber: '13',
  StatusCallbackEvent: 'conference-end',
  Timestamp: 'Wed, 10 Dec 2025 15:07:02 +0000',
}

function storeWith(...callbacks: Array<Record<string, string>>) {
  const store = createTestStore()
  for (const callback of callbacks) store.dispatch(fromTwilioStatusCallback(callback, { receivedAt }))
  return store
}

describe('status callback details on the view', () => {
  it('reads CallSidToCoach into the identity of a coaching leg', () => {
    const action = fromTwilioStatusCallback(supervisorJoin, { receivedAt })
    expect(action.payload).toMatchObject({ callSid: SUPERVISOR, flags: { coaching: true }, identity: { callSidToCoach: WORKER } })
  })

  it('shows callSidToCoach while the supervisor coaches, and no longer once it stops', () => {
    const store = storeWith(leg(WORKER, 'participant-join', 2), supervisorJoin)
    const supervisor = () => selectConferenceView(store.getState(), CONFERENCE)?.participants.find((p) => p.callSid === SUPERVISOR)
    expect(supervisor()?.callSidToCoach).toBe(WORKER)
    store.dispatch(fromTwilioStatusCallback(leg(SUPERVISOR, 'participant-modify', 9, { Coaching: 'false' }), { receivedAt }))
    expect(supervisor()?.coaching).toBe(false)
    expect(supervisor()?.callSidToCoach).toBeUndefined()
  })

  it('ignores CallSidToCoach on a leg that says it is not coaching', () => {
    const action = fromTwilioStatusCallback(leg(SUPERVISOR, 'participant-modify', 9, { CallSidToCoach: WORKER }), { receivedAt })
    expect(action.payload).not.toHaveProperty('identity')
  })

  it('refuses a CallSidToCoach that is not a call SID, naming it', () => {
    const action = fromTwilioStatusCallback({ ...supervisorJoin, CallSidToCoach: '__proto__' }, { receivedAt })
    expect(action.payload).toMatchObject({ field: 'CallSidToCoach' })
  })

  it('puts Reason and ParticipantLabelEndingConference of conference-end on the view', () => {
    const store = storeWith(leg(CUSTOMER, 'participant-join', 1), conferenceEnd)
    expect(selectConferenceView(store.getState(), CONFERENCE)).toMatchObject({
      status: 'closed',
      endReason: 'participant-with-end-conference-on-exit-left',
      endReasonText: 'Participant customer with endConferenceOnExit left the conference',
      callSidEndingConference: CUSTOMER,
      participantLabelEndingConference: 'customer',
    })
  })

  it('keeps what an announcement callback carries', () => {
    const failed = {
      ...common,
      CallSid: CUSTOMER,
      AnnounceUrl: 'https://example.com/announce.xml',
      ReasonAnnouncementFailed: 'Invalid URL',
      SequenceNumber: '4',
      StatusCallbackEvent: 'announcement-fail',
      Timestamp: 'Wed, 10 Dec 2025 15:04:10 +0000',
    }
    const store = storeWith(failed)
    expect(selectConferenceView(store.getState(), CONFERENCE)?.lastAnnouncement).toMatchObject({
      outcome: 'failed',
      callSid: CUSTOMER,
      reason: 'Invalid URL',
      announceUrl: 'https://example.com/announce.xml',
    })
  })
})

/**
 * The life of a command without a network: intent → pending → confirmed or rolled back, with a
 * scripted transport and fake timers (no test waits on the wall clock).
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  addParticipant,
  ConferenceTransportError,
  holdParticipant,
  muteParticipant,
  removeParticipant,
  unholdParticipant,
  unmuteParticipant,
} from 'conference-state/controls'
import {
  conferenceEnded,
  conferenceSnapshotReceived,
  controlConfirmationTimedOut,
  participantHeld,
  participantJoined,
  participantLeft,
  participantMuted,
  participantUnheld,
  selectConferenceView,
  selectControlErrors,
  selectLiveParticipantCount,
  selectParticipant,
  selectParticipants,
} from 'conference-state'
import { AGENT, CF, CUSTOMER, NEW_LEG, scriptedTransport, seedCall, storeWithTransport, T0 } from './scriptedTransport'

const TIMEOUT = 200

let warn: MockInstance
let error: MockInstance

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  warn = vi.spyOn(console, 'warn')
  error = vi.spyOn(console, 'error')
})

afterEach(() => {
  vi.useRealTimers()
  expect(warn).not.toHaveBeenCalled()
  expect(error).not.toHaveBeenCalled()
})

function setup(extra: { controlTimeoutMs?: number; controlAddTimeoutMs?: number } = {}, config = {}) {
  const scripted = scriptedTransport()
  const store = storeWithTransport({ conferenceTransport: scripted.transport, controlTimeoutMs: TIMEOUT, ...extra }, config)
  seedCall(store)
  const leg = (callSid: string) => selectParticipant(store.getState(), CF, callSid)
  const errors = () => selectControlErrors(store.getState())
  return { ...scripted, store, leg, errors }
}

describe('a hold click', () => {
  it('shows the intent at once, sends the command, and settles when participantHeld confirms it', async () => {
    const { store, calls, last, leg, errors } = setup()
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))

    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: true, holdIntent: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toHaveLength(1)
    expect(last()).toMatchObject({ method: 'hold', command: { conferenceSid: CF, callSid: CUSTOMER, hold: true } })

    last().resolve()
    const settled = await click
    expect(holdParticipant.fulfilled.match(settled)).toBe(true)
    expect(settled.payload).toEqual({ conferenceSid: CF, callSid: CUSTOMER })
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: true }) // accepted, not yet confirmed

    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3, flags: { onHold: true } }, T0 + 10))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
    expect(leg(CUSTOMER)).not.toHaveProperty('holdIntent')

    const before = store.getState()
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(store.getState()).toBe(before) // the deadline found nothing to roll back and dispatched nothing
    expect(errors()).toEqual([])
  })

  it('is confirmed by a platform event that arrives before the transport answers', async () => {
    const { store, last, leg } = setup()
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3 }, T0 + 10))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
    last().resolve()
    await click
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
  })

  it('is confirmed by any event or snapshot whose write makes onHold equal the intent', async () => {
    const { store, last, leg } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve()
    // A mute that still says Hold=false does not confirm the hold…
    store.dispatch(participantMuted({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3, flags: { muted: true, onHold: false } }, T0 + 10))
    expect(leg(CUSTOMER)).toMatchObject({ muted: true, onHold: false, holdPending: true })
    // …a snapshot that shows the leg held does.
    store.dispatch(
      conferenceSnapshotReceived(
        { conferenceSid: CF, requestedAt: T0 + 20, source: 'test', participants: [
          { callSid: CUSTOMER, status: 'joined', flags: { onHold: true } },
          { callSid: AGENT, status: 'joined' },
        ] },
        T0 + 30,
      ),
    )
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
  })

  it('rolls back and records the error when the transport fails', async () => {
    const { store, last, leg, errors } = setup()
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    last().reject(new ConferenceTransportError('POST /x answered 503 Service Unavailable', { status: 503 }))
    const settled = await click
    expect(holdParticipant.rejected.match(settled)).toBe(true)
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
    expect(errors()).toEqual([
      expect.objectContaining({
        command: 'hold',
        kind: 'transport',
        status: 503,
        conferenceSid: CF,
        callSid: CUSTOMER,
        requestId: settled.meta.requestId,
        message: `hold of ${CUSTOMER} failed: POST /x answered 503 Service Unavailable`,
      }),
    ])
    expect(store.getState().conferences.controlErrorCount).toBe(1)
  })

  it('rolls back with an `unconfirmed` error when the transport accepts but nothing confirms it in time', async () => {
    const { store, last, leg, errors } = setup()
    const dispatched: string[] = []
    store.subscribe(() => dispatched.push(String(store.getState().conferences.controlErrorCount)))
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(50)
    last().resolve()
    await vi.advanceTimersByTimeAsync(TIMEOUT - 51)
    expect(leg(CUSTOMER)?.holdPending).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
    expect(errors()).toEqual([
      expect.objectContaining({
        command: 'hold',
        kind: 'unconfirmed',
        callSid: CUSTOMER,
        message: `hold of ${CUSTOMER} was not confirmed by the platform within ${TIMEOUT} ms: rolled back`,
      }),
    ])
  })

  it('aborts a transport that does not answer by the deadline, even one that ignores its signal', async () => {
    const { store, last, leg, errors } = setup()
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    const { signal } = last()
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(signal.aborted).toBe(true)
    const settled = await click
    expect(settled.payload).toMatchObject({ kind: 'no-reply' })
    expect(leg(CUSTOMER)?.holdPending).toBe(false)
    expect(errors()[0]?.message).toBe(`hold of ${CUSTOMER} failed: no reply within ${TIMEOUT} ms; the request was aborted`)
    last().resolve() // a late answer changes nothing
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toHaveLength(1)
  })

  it('takes its deadline from the arguments when given', async () => {
    const { store, leg } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER, timeoutMs: 1_000 }))
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(CUSTOMER)?.holdPending).toBe(true)
    await vi.advanceTimersByTimeAsync(800)
    expect(leg(CUSTOMER)?.holdPending).toBe(false)
  })

  it('defaults to a 10 s deadline', async () => {
    const scripted = scriptedTransport()
    const store = storeWithTransport({ conferenceTransport: scripted.transport })
    seedCall(store)
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(9_999)
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(false)
  })

  it('leaves nothing pending when the leg already shows the intent', async () => {
    const { store, last, leg, errors } = setup()
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3 }, T0 + 5))
    const before = store.getState()
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(store.getState()).toBe(before)
    await vi.advanceTimersByTimeAsync(0)
    last().resolve()
    await click
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
    expect(errors()).toEqual([])
  })

  it('is settled by the leg leaving: a gone leg has no hold to wait for', async () => {
    const { store, calls, leg, errors } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    store.dispatch(muteParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3 }, T0 + 10))
    expect(leg(CUSTOMER)).toMatchObject({ status: 'recently_left', holdPending: false, mutePending: false })
    calls.forEach((call) => call.resolve())
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })
})

describe('repeated clicks: the last intent wins', () => {
  it('an older request failing does not clear a newer intent (the failure is still recorded)', async () => {
    const { store, calls, leg, errors } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    store.dispatch(unholdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    expect(leg(CUSTOMER)).toMatchObject({ holdPending: true, holdIntent: false })

    calls[0]!.reject(new Error('boom'))
    await vi.advanceTimersByTimeAsync(0)
    expect(leg(CUSTOMER)).toMatchObject({ holdPending: true, holdIntent: false })
    expect(errors()).toEqual([expect.objectContaining({ command: 'hold', kind: 'transport', message: `hold of ${CUSTOMER} failed: boom` })])

    calls[1]!.resolve()
    store.dispatch(participantUnheld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 4 }, T0 + 10))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
  })

  it('an older request timing out does not clear a newer intent', async () => {
    const { store, calls, leg, errors } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    calls[0]!.resolve()
    await vi.advanceTimersByTimeAsync(100)
    store.dispatch(unholdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    calls[1]!.resolve()
    await vi.advanceTimersByTimeAsync(100) // the hold's deadline passes
    expect(leg(CUSTOMER)).toMatchObject({ holdPending: true, holdIntent: false })
    expect(errors()).toEqual([])
    await vi.advanceTimersByTimeAsync(100) // the unhold's deadline passes
    expect(leg(CUSTOMER)?.holdPending).toBe(false)
    expect(errors()).toEqual([expect.objectContaining({ command: 'unhold', kind: 'unconfirmed' })])
  })

  it('an event confirming the older intent does not settle the newer one', async () => {
    const { store, calls, leg } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    store.dispatch(unholdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    calls.forEach((call) => call.resolve())
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3 }, T0 + 10))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: true, holdIntent: false })
    store.dispatch(participantUnheld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 4 }, T0 + 11))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
  })

  it('a hand-dispatched time-out of a superseded request changes nothing', () => {
    const { store } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    const before = store.getState()
    store.dispatch(controlConfirmationTimedOut({ conferenceSid: CF, callSid: CUSTOMER, command: 'hold', requestId: 'someOlderRequest', timeoutMs: 1 }))
    expect(store.getState()).toBe(before)
  })
})

describe('mute, unmute', () => {
  it('mark mutePending with the intent and settle on participantMuted', async () => {
    const { store, last, leg } = setup()
    store.dispatch(muteParticipant({ conferenceSid: CF, callSid: AGENT }))
    expect(leg(AGENT)).toMatchObject({ muted: false, mutePending: true, muteIntent: true, holdPending: false })
    await vi.advanceTimersByTimeAsync(0)
    expect(last()).toMatchObject({ method: 'mute', command: { callSid: AGENT, muted: true } })
    last().resolve()
    store.dispatch(participantMuted({ conferenceSid: CF, callSid: AGENT, sequence: 3 }, T0 + 10))
    expect(leg(AGENT)).toMatchObject({ muted: true, mutePending: false })

    store.dispatch(unmuteParticipant({ conferenceSid: CF, callSid: AGENT }))
    await vi.advanceTimersByTimeAsync(0)
    expect(last()).toMatchObject({ method: 'mute', command: { callSid: AGENT, muted: false } })
    expect(leg(AGENT)).toMatchObject({ muted: true, mutePending: true, muteIntent: false })
  })
})

describe('remove', () => {
  it('marks removePending until the leg leaves', async () => {
    const { store, last, leg, errors } = setup()
    store.dispatch(removeParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(leg(CUSTOMER)).toMatchObject({ status: 'joined', removePending: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(last()).toMatchObject({ method: 'remove', command: { conferenceSid: CF, callSid: CUSTOMER } })
    last().resolve()
    store.dispatch(participantLeft({ conferenceSid: CF, callSid: CUSTOMER, sequence: 3, reason: 'participant_kicked' }, T0 + 10))
    expect(leg(CUSTOMER)).toMatchObject({ status: 'recently_left', removePending: false })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('is rolled back when the leg is still there at the deadline', async () => {
    const { store, last, leg, errors } = setup()
    store.dispatch(removeParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve()
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(CUSTOMER)).toMatchObject({ status: 'joined', removePending: false })
    expect(errors()).toEqual([expect.objectContaining({ command: 'remove', kind: 'unconfirmed' })])
  })
})

describe('add', () => {
  const placeholders = (store: ReturnType<typeof setup>['store']) =>
    selectParticipants(store.getState(), CF).filter((leg) => leg.callSid.startsWith('pending:'))

  it('shows a connecting placeholder, replaces it with the real leg, and settles when the leg joins', async () => {
    const { store, last, leg, errors } = setup()
    const click = store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001', label: 'external' }))
    const [placeholder] = placeholders(store)
    expect(placeholder).toMatchObject({
      callSid: `pending:${click.requestId}`,
      connecting: true,
      isLive: false,
      addPending: true,
      participantType: 'external',
      displayName: '+15550100001',
      label: 'external',
    })
    expect(selectLiveParticipantCount(store.getState(), CF)).toBe(2) // a placeholder is never counted
    expect(selectParticipants(store.getState(), CF).at(-1)).toBe(placeholder) // listed after the legs already there

    await vi.advanceTimersByTimeAsync(0)
    expect(last()).toMatchObject({ method: 'add', command: { conferenceSid: CF, to: '+15550100001', label: 'external' } })
    last().resolve({ callSid: NEW_LEG })
    expect((await click).payload).toEqual({ conferenceSid: CF, callSid: NEW_LEG })
    expect(placeholders(store)).toEqual([])
    expect(leg(NEW_LEG)).toMatchObject({ connecting: true, addPending: true, displayName: '+15550100001', isLive: false })

    store.dispatch(participantJoined({ conferenceSid: CF, callSid: NEW_LEG, sequence: 3, identity: { participantType: 'external' } }, T0 + 10))
    expect(leg(NEW_LEG)).toMatchObject({ connecting: false, addPending: false, isLive: true })
    expect(selectLiveParticipantCount(store.getState(), CF)).toBe(3)
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('is settled when the platform reports the new leg gone (a failed dial is not a control error)', async () => {
    const { store, last, leg, errors } = setup()
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve({ callSid: NEW_LEG })
    await vi.advanceTimersByTimeAsync(0)
    store.dispatch(
      participantLeft({ conferenceSid: CF, callSid: NEW_LEG, sequence: 3, reason: 'participant_add_failed', callStatus: 'no-answer' }, T0 + 10),
    )
    expect(leg(NEW_LEG)).toMatchObject({ status: 'recently_left', addPending: false, leftReason: 'participant_add_failed' })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('keeps the platform\'s leg when its join arrived before the transport answered', async () => {
    const { store, last, leg } = setup()
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: NEW_LEG, sequence: 3 }, T0 + 10))
    last().resolve({ callSid: NEW_LEG })
    await vi.advanceTimersByTimeAsync(0)
    expect(placeholders(store)).toEqual([])
    expect(leg(NEW_LEG)).toMatchObject({ isLive: true, addPending: false })
  })

  it('removes the placeholder and records the error when the transport fails', async () => {
    const { store, last, errors } = setup()
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    last().reject(new ConferenceTransportError('POST /conferences/CF…/participants answered 400 Bad Request: invalid number', { status: 400 }))
    await vi.advanceTimersByTimeAsync(0)
    expect(placeholders(store)).toEqual([])
    expect(errors()).toEqual([
      expect.objectContaining({
        command: 'add',
        kind: 'transport',
        status: 400,
        destination: '+15550100001',
        message: 'add of +15550100001 failed: POST /conferences/CF…/participants answered 400 Bad Request: invalid number',
      }),
    ])
    expect(errors()[0]).not.toHaveProperty('callSid')
  })

  it('removes a dialled leg no platform event reported by the deadline', async () => {
    const { store, last, leg, errors } = setup()
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve({ callSid: NEW_LEG })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(NEW_LEG)).toBeUndefined()
    expect(errors()).toEqual([
      expect.objectContaining({
        command: 'add',
        kind: 'unconfirmed',
        callSid: NEW_LEG,
        destination: '+15550100001',
        message: `add of +15550100001 (${NEW_LEG}) was not confirmed by the platform within ${TIMEOUT} ms: rolled back`,
      }),
    ])
  })

  it('has its own deadline (controlAddTimeoutMs), for platforms that confirm only on answer', async () => {
    const { store, last, leg } = setup({ controlAddTimeoutMs: 60_000 })
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve({ callSid: NEW_LEG })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(leg(NEW_LEG)?.addPending).toBe(true)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(leg(NEW_LEG)).toBeUndefined()
  })

  it('is settled by a snapshot that lists the new leg ringing', async () => {
    const { store, last, leg } = setup()
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve({ callSid: NEW_LEG })
    await vi.advanceTimersByTimeAsync(0)
    // Requested after the add was sent (the thunks stamp their actions with Date.now()).
    const requestedAt = Date.now() + 1
    store.dispatch(
      conferenceSnapshotReceived(
        { conferenceSid: CF, requestedAt, source: 'test', participants: [
          { callSid: CUSTOMER, status: 'joined' },
          { callSid: AGENT, status: 'joined' },
          { callSid: NEW_LEG, status: 'connecting' },
        ] },
        requestedAt + 10,
      ),
    )
    // The snapshot lists the leg ringing: the platform knows it, so the add is settled.
    expect(leg(NEW_LEG)).toMatchObject({ connecting: true, addPending: false })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(NEW_LEG)).toMatchObject({ connecting: true, addPending: false })
  })

  it('places the leg in the conference the transport names (a call just turned into a conference)', async () => {
    const { store, last } = setup()
    const OTHER = CF.replace(/1$/, '2')
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve({ callSid: NEW_LEG, conferenceSid: OTHER })
    await vi.advanceTimersByTimeAsync(0)
    expect(placeholders(store)).toEqual([])
    expect(selectParticipant(store.getState(), OTHER, NEW_LEG)).toMatchObject({ connecting: true, addPending: true })
  })

  it('a placeholder survives snapshots and the conference end, and goes with its command', async () => {
    const { store, last } = setup()
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    store.dispatch(
      conferenceSnapshotReceived({ conferenceSid: CF, requestedAt: T0 + 1_000_000, source: 'test', participants: [{ callSid: CUSTOMER, status: 'joined' }] }, T0 + 1_000_001),
    )
    expect(placeholders(store)).toHaveLength(1)
    expect(selectParticipant(store.getState(), CF, AGENT)?.status).toBe('recently_left')
    store.dispatch(conferenceEnded({ conferenceSid: CF, sequence: 9 }, T0 + 1_000_002))
    expect(placeholders(store)).toMatchObject([{ status: 'joined', connecting: true }])
    await vi.advanceTimersByTimeAsync(0)
    last().resolve({ callSid: NEW_LEG })
    await vi.advanceTimersByTimeAsync(0)
    // The conference is over: the placeholder goes and no leg is made up in a closed conference.
    expect(placeholders(store)).toEqual([])
    expect(selectParticipant(store.getState(), CF, NEW_LEG)).toBeUndefined()
  })

  it('shows no placeholder in a conference the store does not know (and leaves no empty conference behind)', async () => {
    const { store, last, errors } = setup()
    const UNKNOWN = CF.replace(/1$/, '9')
    store.dispatch(addParticipant({ conferenceSid: UNKNOWN, to: '+15550100001' }))
    expect(store.getState().conferences.sidChunks.flat()).toEqual([CF])
    await vi.advanceTimersByTimeAsync(0)
    last().reject(new Error('no such conference'))
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().conferences.sidChunks.flat()).toEqual([CF])
    expect(errors()).toEqual([expect.objectContaining({ command: 'add', conferenceSid: UNKNOWN })])
  })

  it('refuses a transport reply without a usable call SID', async () => {
    const { store, last, errors } = setup()
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    last().resolve({ callSid: '__proto__' })
    await vi.advanceTimersByTimeAsync(0)
    expect(placeholders(store)).toEqual([])
    expect(errors()[0]).toMatchObject({ kind: 'transport', message: expect.stringContaining('without a usable `callSid`') })
  })
})

describe('refused before sending', () => {
  it.each([
    ['an unsafe call SID', () => holdParticipant({ conferenceSid: CF, callSid: '__proto__' }), '`callSid` "__proto__" is reserved'],
    ['a missing conference', () => muteParticipant({ callSid: CUSTOMER } as never), '`conferenceSid` is required'],
    ['a placeholder', () => holdParticipant({ conferenceSid: CF, callSid: 'pending:abc' }), 'placeholder of a leg still being dialled'],
    ['an empty destination', () => addParticipant({ conferenceSid: CF, to: ' ' }), '`to` must not be empty'],
    ['a bad deadline', () => holdParticipant({ conferenceSid: CF, callSid: CUSTOMER, timeoutMs: -1 }), '`timeoutMs` must be a number of milliseconds'],
    [
      'a deadline that cannot even be shown as text',
      () => holdParticipant({ conferenceSid: CF, callSid: CUSTOMER, timeoutMs: { toString: 0 } as never }),
      '`timeoutMs` must be a number of milliseconds from 1 to 2147483647, got object',
    ],
  ])('%s: nothing is sent or marked, an `invalid` error is recorded', async (_, thunk, message) => {
    const { store, calls, errors } = setup()
    const before = selectConferenceView(store.getState(), CF)
    const settled = await store.dispatch(thunk() as ReturnType<typeof holdParticipant>)
    expect(calls).toEqual([])
    expect(selectConferenceView(store.getState(), CF)).toBe(before)
    expect(settled.payload).toMatchObject({ kind: 'invalid' })
    expect(errors()).toEqual([expect.objectContaining({ kind: 'invalid', message: expect.stringContaining(message) })])
  })

  it('says how to configure the store when the extra argument has no transport', async () => {
    const store = storeWithTransport({})
    seedCall(store)
    await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(selectControlErrors(store.getState())).toEqual([
      expect.objectContaining({
        kind: 'invalid',
        message: expect.stringContaining('`conferenceTransport` is missing from the thunk `extra` argument'),
      }),
    ])
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(false)
  })
})

describe('aborting a command', () => {
  it('rolls back and records an `aborted` error', async () => {
    const { store, last, leg, errors } = setup()
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    click.abort('user changed their mind')
    await click
    expect(last().signal.aborted).toBe(true)
    expect(leg(CUSTOMER)?.holdPending).toBe(false)
    expect(errors()).toEqual([expect.objectContaining({ command: 'hold', kind: 'aborted', message: `hold of ${CUSTOMER} failed: aborted by the app (user changed their mind)` })])
  })
})

describe('the control error log', () => {
  it('is bounded by maxControlErrors and counts every error', async () => {
    const { store, errors } = setup({}, { maxControlErrors: 3 })
    for (let index = 0; index < 5; index++) await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: `bad key ${index}` }))
    expect(errors()).toHaveLength(3)
    expect(store.getState().conferences.controlErrorCount).toBe(5)
  })

  it('keeps its reference until an error is recorded', async () => {
    const { store, last, errors } = setup()
    const empty = errors()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await vi.advanceTimersByTimeAsync(0)
    expect(errors()).toBe(empty)
    last().reject(new Error('boom'))
    await vi.advanceTimersByTimeAsync(0)
    expect(errors()).not.toBe(empty)
  })

  it('state stays plain data through every step', async () => {
    const { store, calls } = setup()
    store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await vi.advanceTimersByTimeAsync(0)
    calls[0]!.reject(new Error('boom'))
    calls[1]!.resolve({ callSid: NEW_LEG })
    await vi.advanceTimersByTimeAsync(0)
    const state = store.getState()
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  })
})

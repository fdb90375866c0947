/**
 * createEvoVoiceTransport against a real HTTP server on 127.0.0.1 playing Evo Voice: the session
 * services with the seed's bodies, every reply a `SessionInfo` labelled `Content-Type: text/csv`
 * with a JSON body (as in seed 003). Real `fetch`, fake timers (setTimeout only).
 */
import type { ServerResponse } from 'node:http'
import { describe, expect, it, vi } from 'vitest'
import {
  addParticipant,
  holdParticipant,
  muteParticipant,
  removeParticipant,
  unholdParticipant,
} from 'conference-state/controls'
import {
  conferenceSnapshotReceived,
  participantHeld,
  selectConferenceClock,
  selectControlErrors,
  selectParticipant,
  selectParticipants,
  selectRejectedEvents,
} from 'conference-state'
import {
  createEvoVoiceTransport,
  fromEvoVoiceSession,
  type EvoVoiceSessionInfo,
  type EvoVoiceTransportOptions,
} from 'conference-state/evo-voice'
import { fakeSid } from 'conference-state/testing'
import { AGENT, CF, CUSTOMER, NEW_LEG, storeWithTransport } from './scriptedTransport'
import { reply, useTestServer, type ReceivedRequest } from './testServer'

const TIMEOUT = 200
const SESSION = 'a1b2c3d4-session'
const DEVICE_CALL = fakeSid('CA', 0xd1)

type Member = { callSid: string; role: 'Caller' | 'Agent' | 'Transfer'; callState: 'Ringing' | 'Connected' | 'Hold'; muted: boolean }

const env = useTestServer()

/** A `SessionInfo` shaped like the seed's sample reply. */
function sessionInfo(members: Member[], extra: Record<string, unknown> = {}): EvoVoiceSessionInfo {
  return {
    dialState: 'None',
    callState: 'Connected',
    queueState: 'None',
    accountId: 'acct-1',
    accountName: 'Example Co',
    customerBreadcrumb: [{ id: 'c-1', name: 'Example Co' }],
    endpointId: 'ep-agent',
    channel: 'Voice',
    ended: false,
    callSid: DEVICE_CALL,
    holdReason: 'None',
    conferenceSid: CF,
    displayName: 'Support call',
    log: [{ date: '2026-01-01T09:00:00Z', message: 'Call started' }],
    members: members.map((member) => ({
      identity: member.role === 'Agent' ? 'agent-ada' : `member-${member.callSid.slice(-4)}`,
      endpointId: member.role === 'Agent' ? 'ep-agent' : '',
      displayName: member.role,
      isOriginalMember: member.callSid !== NEW_LEG,
      avatarUrl: '',
      applicationData: { source: 'test' },
      callState: member.callState,
      role: member.role,
      callSid: member.callSid,
      muted: member.muted,
    })),
    direction: 'Incoming',
    mostRecentParticipantCallSid: members.at(-1)?.callSid ?? '',
    wasMissed: false,
    id: SESSION,
    dateCreated: '2026-01-01T09:00:00Z',
    ...extra,
  }
}

/** Evo Voice, as far as this transport uses it: the session's members change as documented. */
function evoVoice(options: { confirm?: boolean } = {}) {
  const members: Member[] = [
    { callSid: CUSTOMER, role: 'Caller', callState: 'Connected', muted: false },
    { callSid: AGENT, role: 'Agent', callState: 'Connected', muted: false },
  ]
  const member = (callSid: string | undefined) => members.find((item) => item.callSid === callSid)
  const answer = (response: ServerResponse) => reply(response, 200, sessionInfo(members), 'text/csv')
  const respond = (request: ReceivedRequest, response: ServerResponse) => {
    const url = new URL(request.url, 'http://evo')
    const body = (request.json ?? {}) as Record<string, unknown>
    const confirm = options.confirm ?? true
    if (request.method === 'POST' && url.pathname === `/sessions/${SESSION}/conference/members`) {
      if (confirm) members.push({ callSid: NEW_LEG, role: 'Transfer', callState: 'Ringing', muted: false })
      return answer(response)
    }
    const memberRoute = url.pathname.match(new RegExp(`^/sessions/${SESSION}/conference/members/(CA\\w+)$`))
    if (request.method === 'PATCH' && memberRoute !== null) {
      const target = member(memberRoute[1])
      if (target === undefined) return reply(response, 404, { responseStatus: { message: 'member not found' } })
      if (confirm && typeof body.hold === 'boolean') target.callState = body.hold ? 'Hold' : 'Connected'
      if (confirm && typeof body.muted === 'boolean') target.muted = body.muted
      return answer(response)
    }
    if (request.method === 'POST' && url.pathname === `/sessions/${SESSION}/hold`) {
      if (confirm) member(CUSTOMER)!.callState = 'Hold'
      return answer(response)
    }
    if (request.method === 'PATCH' && url.pathname === `/sessions/${SESSION}`) {
      if (confirm) member(CUSTOMER)!.callState = 'Connected'
      return answer(response)
    }
    if (request.method === 'DELETE' && url.pathname === `/sessions/${SESSION}`) {
      const gone = members.findIndex((item) => item.callSid === url.searchParams.get('callSid'))
      if (confirm && gone >= 0) members.splice(gone, 1)
      return answer(response)
    }
    return reply(response, 404, { responseStatus: { message: 'no route' } })
  }
  return { members, respond, initial: () => sessionInfo(members) }
}

function setup(overrides: Partial<EvoVoiceTransportOptions> = {}, evo = evoVoice()) {
  const sessions: EvoVoiceSessionInfo[] = []
  const conferenceTransport = createEvoVoiceTransport({
    baseUrl: env.server.baseUrl,
    sessionId: SESSION,
    callSid: DEVICE_CALL,
    fromNumber: '+15550100000',
    headers: { Cookie: 'ss-id=agent-session' },
    onSession: (session) => sessions.push(session),
    ...overrides,
  })
  const store = storeWithTransport({ conferenceTransport, controlTimeoutMs: TIMEOUT })
  // The desktop learned the session by polling GET /sessions/{id} before any command.
  store.dispatch(fromEvoVoiceSession(evo.initial(), Date.now() - 1_000))
  env.server.respond = evo.respond
  const leg = (callSid: string) => selectParticipant(store.getState(), CF, callSid)
  const errors = () => selectControlErrors(store.getState())
  const snapshots = () => store.seen.filter((action) => conferenceSnapshotReceived.match(action as never))
  return { store, sessions, leg, errors, snapshots, evo }
}

describe('createEvoVoiceTransport: the session services', () => {
  it('add: AddConferenceMember with the seed\'s body; the text/csv SessionInfo reply is folded in as a snapshot', async () => {
    const { store, sessions, leg, errors, snapshots } = setup()
    const sentAfter = Date.now()
    const click = store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(selectParticipants(store.getState(), CF).at(-1)).toMatchObject({ callSid: `pending:${click.requestId}`, connecting: true })
    const settled = await click
    const sentBefore = Date.now()

    expect(settled.payload).toEqual({ conferenceSid: CF, callSid: NEW_LEG })
    expect(env.server.received).toMatchObject([
      {
        method: 'POST',
        url: `/sessions/${SESSION}/conference/members`,
        json: { sessionId: SESSION, callSid: DEVICE_CALL, destination: '+15550100001', fromNumber: '+15550100000' },
      },
    ])
    expect(env.server.received[0]?.headers).toMatchObject({ cookie: 'ss-id=agent-session', 'content-type': 'application/json' })
    expect(sessions).toHaveLength(1)
    expect(sessions[0]?.mostRecentParticipantCallSid).toBe(NEW_LEG)

    const [snapshot] = snapshots().slice(-1) as Array<ReturnType<typeof conferenceSnapshotReceived>>
    expect(snapshot?.payload).toMatchObject({ conferenceSid: CF, source: 'evo-voice-session' })
    expect(snapshot!.payload.requestedAt).toBeGreaterThanOrEqual(sentAfter)
    expect(snapshot!.payload.requestedAt).toBeLessThanOrEqual(sentBefore)

    // The reply lists the new member ringing: the platform knows it, so the add is settled.
    expect(selectParticipants(store.getState(), CF).map((item) => item.callSid)).toEqual([CUSTOMER, AGENT, NEW_LEG])
    expect(leg(NEW_LEG)).toMatchObject({ connecting: true, addPending: false, participantType: 'transfer', isLive: false })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('the reply\'s snapshot is ordered by the clock read before the request: a hold that lands meanwhile stands', async () => {
    const { store, leg, snapshots, evo } = setup()
    const asOf = selectConferenceClock(store.getState(), CF)
    expect(asOf).toBeGreaterThan(0)
    let answer: (() => void) | undefined
    env.server.respond = (request, response) => (answer = () => evo.respond(request, response))
    const click = store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    await env.server.requestArrived(1)
    // While the add is in flight, another source (a Twilio status callback) reports a hold.
    store.dispatch(participantHeld({ conferenceSid: CF, callSid: CUSTOMER, sequence: 5 }))
    answer!() // Evo Voice answers with the session as it was: the customer connected, not held
    await click

    const [snapshot] = snapshots().slice(-1) as Array<ReturnType<typeof conferenceSnapshotReceived>>
    expect(snapshot?.payload).toMatchObject({ conferenceSid: CF, asOf })
    expect(snapshot!.payload.participants.find((item) => item.callSid === CUSTOMER)?.flags).toMatchObject({ onHold: false })
    expect(leg(CUSTOMER)).toMatchObject({ status: 'joined', onHold: true })
    expect(leg(NEW_LEG)).toMatchObject({ connecting: true, addPending: false })
  })

  it('hold, mute and remove replies carry the clock read before each request', async () => {
    const { store, snapshots } = setup()
    const asOfs: number[] = []
    const send = async (dispatchCommand: () => Promise<unknown>) => {
      asOfs.push(selectConferenceClock(store.getState(), CF))
      await dispatchCommand()
    }
    await send(() => store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER })))
    await send(() => store.dispatch(muteParticipant({ conferenceSid: CF, callSid: AGENT })))
    await send(() => store.dispatch(removeParticipant({ conferenceSid: CF, callSid: CUSTOMER })))
    const carried = (snapshots() as Array<ReturnType<typeof conferenceSnapshotReceived>>).slice(-3).map((action) => action.payload.asOf)
    expect(carried).toEqual(asOfs)
    // Each reply moved the clock on, so each command read a later one.
    expect(new Set(asOfs).size).toBe(3)
  })

  it('add: the command\'s `from` wins over `fromNumber`', async () => {
    const { store } = setup()
    await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001', from: '+15550109999' }))
    expect(env.server.received[0]?.json).toMatchObject({ fromNumber: '+15550109999' })
  })

  it('add on a call that just became a conference: the leg goes where the reply says', async () => {
    const evo = evoVoice()
    const { store } = setup({}, evo)
    const twoParty = DEVICE_CALL // before the add, the session was keyed by its call SID
    store.dispatch(fromEvoVoiceSession(sessionInfo(evo.members, { conferenceSid: null }), Date.now() - 500))
    const settled = await store.dispatch(addParticipant({ conferenceSid: twoParty, to: '+15550100001' }))
    expect(settled.payload).toEqual({ conferenceSid: CF, callSid: NEW_LEG })
    // The clock read was the two-party call's: it says nothing of the new conference's, so it is not passed.
    const reply = store.seen.filter((action) => conferenceSnapshotReceived.match(action as never)).at(-1) as ReturnType<typeof conferenceSnapshotReceived>
    expect(reply.payload.conferenceSid).toBe(CF)
    expect(Object.hasOwn(reply.payload, 'asOf')).toBe(false)
    expect(selectParticipants(store.getState(), twoParty).some((item) => item.callSid.startsWith('pending:'))).toBe(false)
    expect(selectParticipant(store.getState(), CF, NEW_LEG)).toMatchObject({ connecting: true })
  })

  it('hold: the member route (PATCH …/conference/members/{callSid} {"hold":true}), confirmed by its own reply', async () => {
    const { store, leg, errors } = setup()
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(leg(CUSTOMER)).toMatchObject({ holdPending: true, holdIntent: true })
    await click
    expect(env.server.received).toMatchObject([{ method: 'PATCH', url: `/sessions/${SESSION}/conference/members/${CUSTOMER}`, json: { hold: true } }])
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('mute: the member route with {"muted":true}, confirmed by its own reply', async () => {
    const { store, leg } = setup()
    await store.dispatch(muteParticipant({ conferenceSid: CF, callSid: AGENT }))
    expect(env.server.received).toMatchObject([{ method: 'PATCH', url: `/sessions/${SESSION}/conference/members/${AGENT}`, json: { muted: true } }])
    expect(leg(AGENT)).toMatchObject({ muted: true, mutePending: false })
  })

  it('the member route is configurable (it is undocumented by the vendor)', async () => {
    const { store } = setup({
      memberRoute: {
        method: 'POST',
        path: ({ sessionId, callSid }) => `/v2/sessions/${sessionId}/members/${callSid}/state`,
        body: (change, { callSid }) => ({ callSid, ...change }),
      },
    })
    env.server.respond = (_request, response) => response.writeHead(204).end()
    await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER, timeoutMs: 5_000 }))
    expect(env.server.received).toMatchObject([{ method: 'POST', url: `/v2/sessions/${SESSION}/members/${CUSTOMER}/state`, json: { callSid: CUSTOMER, hold: true } }])
  })

  it('holdWith "session": HoldSession {callSid, reason} to hold, PatchSession to resume', async () => {
    const { store, leg } = setup({ holdWith: 'session', holdReason: 'Transferring' })
    await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: true, holdPending: false })
    await store.dispatch(unholdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
    expect(env.server.received).toMatchObject([
      { method: 'POST', url: `/sessions/${SESSION}/hold`, json: { callSid: DEVICE_CALL, reason: 'Transferring' } },
      { method: 'PATCH', url: `/sessions/${SESSION}`, json: { callState: 'Connected', holdReason: 'None' } },
    ])
  })

  it('remove: EndSession (DELETE /sessions/{id}?callSid=), confirmed by the reply no longer listing the member', async () => {
    const { store, leg } = setup()
    await store.dispatch(removeParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(env.server.received).toMatchObject([{ method: 'DELETE', url: `/sessions/${SESSION}?callSid=${CUSTOMER}`, body: '' }])
    expect(leg(CUSTOMER)).toMatchObject({ status: 'recently_left', leftReason: 'absent_from_snapshot', removePending: false })
  })
})

describe('createEvoVoiceTransport: failures give a clear recorded error and a rollback', () => {
  it('500', async () => {
    const { store, leg, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 500, { responseStatus: { errorCode: 'Exception', message: 'Twilio error 21220' } }, 'text/csv')
    await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
    expect(errors()).toEqual([
      expect.objectContaining({
        kind: 'transport',
        status: 500,
        message: `hold of ${CUSTOMER} failed: PATCH /sessions/${SESSION}/conference/members/${CUSTOMER} answered 500 Internal Server Error: {"responseStatus":{"errorCode":"Exception","message":"Twilio error 21220"}}`,
      }),
    ])
  })

  it('401 (the session cookie expired)', async () => {
    const { store, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 401, { responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated' } })
    await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(selectParticipants(store.getState(), CF).map((item) => item.callSid)).toEqual([CUSTOMER, AGENT])
    expect(errors()).toEqual([expect.objectContaining({ command: 'add', kind: 'transport', status: 401, message: expect.stringContaining('answered 401 Unauthorized') })])
  })

  it('a hang past the deadline', async () => {
    const { store, leg, errors } = setup()
    env.server.respond = () => undefined
    const click = store.dispatch(muteParticipant({ conferenceSid: CF, callSid: AGENT }))
    await env.server.requestArrived(1)
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    await click
    expect(leg(AGENT)).toMatchObject({ muted: false, mutePending: false })
    expect(errors()).toEqual([expect.objectContaining({ kind: 'no-reply', message: `mute of ${AGENT} failed: no reply within ${TIMEOUT} ms; the request was aborted` })])
  })

  it('malformed JSON behind `Content-Type: text/csv`', async () => {
    const { store, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 200, 'dialState,callState\nNone,Connected', 'text/csv')
    await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(selectParticipants(store.getState(), CF)).toHaveLength(2)
    expect(errors()[0]).toMatchObject({
      kind: 'transport',
      status: 200,
      message: expect.stringMatching(/answered 200 with a body that is not valid JSON \(Content-Type: text\/csv; .*\): dialState,callState None,Connected$/),
    })
  })

  it('an AddConferenceMember reply that does not say which member is new', async () => {
    const { store, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 200, sessionInfo([], { mostRecentParticipantCallSid: '' }), 'text/csv')
    await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(selectParticipants(store.getState(), CF).filter((item) => item.callSid.startsWith('pending:'))).toEqual([])
    expect(errors()[0]?.message).toBe(
      `add of +15550100001 failed: POST /sessions/${SESSION}/conference/members answered a SessionInfo without a valid \`mostRecentParticipantCallSid\`: cannot tell which member is new`,
    )
  })

  it('a reply that never confirms: rolled back at the deadline', async () => {
    const { store, leg, errors } = setup({}, evoVoice({ confirm: false }))
    await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: true })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
    expect(errors()).toEqual([expect.objectContaining({ kind: 'unconfirmed', command: 'hold' })])
  })

  it('an unreadable SessionInfo is recorded as a rejection, not lost', async () => {
    const { store, leg, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 200, { id: SESSION, conferenceSid: CF, members: [{ callSid: 'not-a-sid', callState: 'Hold' }] }, 'text/csv')
    await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(selectRejectedEvents(store.getState())).toEqual([expect.objectContaining({ source: 'evo-voice-session', field: 'members[0].callSid' })])
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(CUSTOMER)?.holdPending).toBe(false)
    expect(errors()).toEqual([expect.objectContaining({ kind: 'unconfirmed' })])
  })
})

describe('createEvoVoiceTransport options', () => {
  it.each(['baseUrl', 'sessionId', 'callSid'] as const)('needs `%s`', (name) => {
    const options = { baseUrl: env.server.baseUrl, sessionId: SESSION, callSid: DEVICE_CALL, [name]: undefined }
    expect(() => createEvoVoiceTransport(options as never)).toThrow(`\`${name}\` is a required option for createEvoVoiceTransport`)
  })
})

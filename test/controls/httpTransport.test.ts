/**
 * createHttpTransport against a real HTTP server on 127.0.0.1 that implements the documented
 * routes, with the real `fetch` (no mocks). The server plays the app's backend; confirmations are
 * real Twilio status callbacks, read by fromTwilioStatusCallback, as the backend would relay them.
 *
 * Timers are fake (setTimeout only): deadlines move when the test says, and the only waiting is
 * on network I/O.
 */
import type { ServerResponse } from 'node:http'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  addParticipant,
  createHttpTransport,
  holdParticipant,
  muteParticipant,
  removeParticipant,
  unholdParticipant,
  unmuteParticipant,
} from 'conference-state/controls'
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import { selectControlErrors, selectParticipant, selectParticipants } from 'conference-state'
import { fakeSid } from 'conference-state/testing'
import { AGENT, CF, CUSTOMER, NEW_LEG, seedCall, storeWithTransport } from './scriptedTransport'
import { reply, startTestServer, useTestServer, type ReceivedRequest } from './testServer'

const TIMEOUT = 200
const env = useTestServer()
let sequence: number
beforeEach(() => {
  sequence = 10
})

/** A Twilio conference status callback body, as Twilio form-encodes it. */
function twilioCallback(event: string, callSid: string, flags: { Hold?: boolean; Muted?: boolean } = {}, extra: Record<string, string> = {}): string {
  sequence += 1
  return new URLSearchParams({
    AccountSid: fakeSid('AC', 1),
    ConferenceSid: CF,
    FriendlyName: 'support-room',
    SequenceNumber: String(sequence),
    StatusCallbackEvent: event,
    Timestamp: new Date().toUTCString().replace('GMT', '+0000'),
    CallSid: callSid,
    Muted: String(flags.Muted ?? false),
    Hold: String(flags.Hold ?? false),
    Coaching: 'false',
    EndConferenceOnExit: 'false',
    StartConferenceOnEnter: 'true',
    ...extra,
  }).toString()
}

function setup() {
  const conferenceTransport = createHttpTransport({
    baseUrl: `${env.server.baseUrl}/api/`,
    headers: async () => ({ Authorization: 'Bearer agent-token' }),
  })
  const store = storeWithTransport({ conferenceTransport, controlTimeoutMs: TIMEOUT })
  seedCall(store)
  /** The backend: answers as documented, then relays Twilio's callback for the change it made. */
  const backend = (confirm: boolean) => (request: ReceivedRequest, response: ServerResponse) => {
    const path = request.url.split('/')
    const callSid = path[5]
    const body = (request.json ?? {}) as { hold?: boolean; muted?: boolean; to?: string }
    let callback: string | undefined
    if (request.method === 'POST' && callSid !== undefined && body.hold !== undefined) {
      reply(response, 200, { call_sid: callSid, hold: body.hold })
      callback = twilioCallback(body.hold ? 'participant-hold' : 'participant-unhold', callSid, { Hold: body.hold })
    } else if (request.method === 'POST' && callSid !== undefined && body.muted !== undefined) {
      reply(response, 200, { call_sid: callSid, muted: body.muted })
      callback = twilioCallback(body.muted ? 'participant-mute' : 'participant-unmute', callSid, { Muted: body.muted })
    } else if (request.method === 'DELETE' && callSid !== undefined) {
      response.writeHead(204).end()
      callback = twilioCallback('participant-leave', callSid, {}, { ReasonParticipantLeft: 'participant_kicked', ParticipantCallStatus: 'completed' })
    } else if (request.method === 'POST' && callSid === undefined && typeof body.to === 'string') {
      reply(response, 201, { callSid: NEW_LEG })
      callback = twilioCallback('participant-join', NEW_LEG, {}, { ParticipantLabel: 'external' })
    } else {
      reply(response, 404, { message: 'no such route' })
    }
    if (confirm && callback !== undefined) {
      const relayed = callback
      response.on('finish', () => store.dispatch(fromTwilioStatusCallback(relayed)))
    }
  }
  const leg = (callSid: string) => selectParticipant(store.getState(), CF, callSid)
  const errors = () => selectControlErrors(store.getState())
  return { store, backend, leg, errors }
}

const participantPath = (callSid: string) => `/api/conferences/${CF}/participants/${callSid}`

describe('createHttpTransport: the documented routes', () => {
  it.each([
    ['hold', holdParticipant, { hold: true }, { onHold: true }, { holdPending: true, holdIntent: true }],
    ['unhold', unholdParticipant, { hold: false }, { onHold: false }, { holdPending: true, holdIntent: false }],
    ['mute', muteParticipant, { muted: true }, { muted: true }, { mutePending: true, muteIntent: true }],
    ['unmute', unmuteParticipant, { muted: false }, { muted: false }, { mutePending: true, muteIntent: false }],
  ] as const)('%s: POST …/participants/{callSid} with %j, confirmed by the status callback', async (_, thunk, body, confirmed, pending) => {
    const { store, backend, leg, errors } = setup()
    env.server.respond = backend(true)
    // Start from the opposite of what is asked, so that there is something to wait for.
    const opposite = { Hold: 'hold' in body && !body.hold, Muted: 'muted' in body && !body.muted }
    store.dispatch(fromTwilioStatusCallback(twilioCallback('participant-modify', CUSTOMER, opposite)))
    const click = store.dispatch(thunk({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(leg(CUSTOMER)).toMatchObject(pending)
    const settled = await click
    expect(thunk.fulfilled.match(settled)).toBe(true)
    const [request] = env.server.received
    expect(request).toMatchObject({ method: 'POST', url: participantPath(CUSTOMER), json: body })
    expect(request?.headers).toMatchObject({ authorization: 'Bearer agent-token', 'content-type': 'application/json', accept: 'application/json' })
    expect(leg(CUSTOMER)).toMatchObject({ ...confirmed, holdPending: false, mutePending: false })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('remove: DELETE …/participants/{callSid}, confirmed by participant-leave', async () => {
    const { store, backend, leg, errors } = setup()
    env.server.respond = backend(true)
    await store.dispatch(removeParticipant({ conferenceSid: CF, callSid: AGENT }))
    expect(env.server.received).toMatchObject([{ method: 'DELETE', url: participantPath(AGENT), body: '' }])
    expect(leg(AGENT)).toMatchObject({ status: 'recently_left', leftReason: 'participant_kicked', removePending: false })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('add: POST …/participants with {to, from, label} → {callSid}; the placeholder gives way to the leg, confirmed by participant-join', async () => {
    const { store, backend, leg, errors } = setup()
    env.server.respond = backend(true)
    const click = store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001', from: '+15550100000', label: 'external' }))
    expect(selectParticipants(store.getState(), CF).at(-1)).toMatchObject({ callSid: `pending:${click.requestId}`, connecting: true })
    const settled = await click
    expect(settled.payload).toEqual({ conferenceSid: CF, callSid: NEW_LEG })
    expect(env.server.received).toMatchObject([
      { method: 'POST', url: `/api/conferences/${CF}/participants`, json: { to: '+15550100001', from: '+15550100000', label: 'external' } },
    ])
    expect(selectParticipants(store.getState(), CF).map((item) => item.callSid)).toEqual([CUSTOMER, AGENT, NEW_LEG])
    expect(leg(NEW_LEG)).toMatchObject({ isLive: true, addPending: false, participantType: 'external' })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(errors()).toEqual([])
  })

  it('add: also reads Twilio\'s own `call_sid`, for a backend that relays Twilio\'s reply', async () => {
    const { store } = setup()
    env.server.respond = (_request, response) => reply(response, 201, { call_sid: NEW_LEG, status: 'queued' })
    const settled = await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(settled.payload).toEqual({ conferenceSid: CF, callSid: NEW_LEG })
    expect(env.server.received[0]?.json).toEqual({ to: '+15550100001' })
  })
})

describe('createHttpTransport: failures give a clear recorded error and a rollback', () => {
  it('500: the status and the start of the body', async () => {
    const { store, leg, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 500, { message: 'Twilio said: participant not found' })
    const settled = await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(settled.payload).toEqual({
      kind: 'transport',
      status: 500,
      message: `hold of ${CUSTOMER} failed: POST ${participantPath(CUSTOMER)} answered 500 Internal Server Error: {"message":"Twilio said: participant not found"}`,
    })
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
    expect(errors()).toEqual([expect.objectContaining({ command: 'hold', kind: 'transport', status: 500, callSid: CUSTOMER })])
  })

  it('401: the status, for the app to sign in again', async () => {
    const { store, leg, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 401, 'token expired', 'text/plain')
    await store.dispatch(muteParticipant({ conferenceSid: CF, callSid: AGENT }))
    expect(leg(AGENT)).toMatchObject({ muted: false, mutePending: false })
    expect(errors()).toEqual([
      expect.objectContaining({
        command: 'mute',
        kind: 'transport',
        status: 401,
        message: `mute of ${AGENT} failed: POST ${participantPath(AGENT)} answered 401 Unauthorized: token expired`,
      }),
    ])
  })

  it('a hang past the deadline: the request is aborted, rolled back and recorded as `no-reply`', async () => {
    const { store, leg, errors } = setup()
    env.server.respond = () => undefined // never answers
    const click = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await env.server.requestArrived(1)
    expect(leg(CUSTOMER)?.holdPending).toBe(true)
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    const settled = await click
    expect(settled.payload).toEqual({ kind: 'no-reply', message: `hold of ${CUSTOMER} failed: no reply within ${TIMEOUT} ms; the request was aborted` })
    expect(leg(CUSTOMER)?.holdPending).toBe(false)
    expect(errors()).toEqual([expect.objectContaining({ kind: 'no-reply' })])
  })

  it('malformed JSON in an add reply: a clear error, and the placeholder goes', async () => {
    const { store, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 201, '{"callSid": "CA', 'application/json')
    await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(selectParticipants(store.getState(), CF).map((item) => item.callSid)).toEqual([CUSTOMER, AGENT])
    expect(errors()).toEqual([
      expect.objectContaining({
        command: 'add',
        kind: 'transport',
        status: 201,
        destination: '+15550100001',
        message: expect.stringMatching(
          new RegExp(`^add of \\+15550100001 failed: POST /api/conferences/${CF}/participants answered 201 with a body that is not valid JSON \\(Content-Type: application/json; .+\\): \\{"callSid": "CA$`),
        ),
      }),
    ])
  })

  it('an add reply without a call SID: a clear error', async () => {
    const { store, errors } = setup()
    env.server.respond = (_request, response) => reply(response, 201, { sid: 'nope' })
    await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(errors()[0]?.message).toBe(
      `add of +15550100001 failed: POST /api/conferences/${CF}/participants answered with no \`callSid\`; expected {"callSid":"CA" + 32 hex digits}`,
    )
  })

  it('a success that is never confirmed: rolled back at the deadline as `unconfirmed`', async () => {
    const { store, backend, leg, errors } = setup()
    env.server.respond = backend(false) // accepts, but no status callback ever comes
    const settled = await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(holdParticipant.fulfilled.match(settled)).toBe(true)
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: true, holdIntent: true })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(leg(CUSTOMER)).toMatchObject({ onHold: false, holdPending: false })
    expect(errors()).toEqual([
      expect.objectContaining({ kind: 'unconfirmed', message: `hold of ${CUSTOMER} was not confirmed by the platform within ${TIMEOUT} ms: rolled back` }),
    ])
  })

  it('an add that is accepted but never confirmed: the dialled leg goes at the deadline', async () => {
    const { store, backend, errors } = setup()
    env.server.respond = backend(false)
    await store.dispatch(addParticipant({ conferenceSid: CF, to: '+15550100001' }))
    expect(selectParticipant(store.getState(), CF, NEW_LEG)).toMatchObject({ connecting: true, addPending: true })
    await vi.advanceTimersByTimeAsync(TIMEOUT)
    expect(selectParticipant(store.getState(), CF, NEW_LEG)).toBeUndefined()
    expect(errors()).toEqual([expect.objectContaining({ command: 'add', kind: 'unconfirmed', callSid: NEW_LEG })])
  })

  it('nobody listening: the network error, named', async () => {
    const closed = await startTestServer()
    await closed.close()
    const conferenceTransport = createHttpTransport({ baseUrl: closed.baseUrl })
    const store = storeWithTransport({ conferenceTransport, controlTimeoutMs: TIMEOUT })
    seedCall(store)
    await store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    expect(selectControlErrors(store.getState())).toEqual([
      expect.objectContaining({ kind: 'transport', message: expect.stringMatching(/^hold of CA\w+ failed: POST \/conferences\/CF\w+\/participants\/CA\w+ failed: fetch failed/) }),
    ])
    expect(selectParticipant(store.getState(), CF, CUSTOMER)?.holdPending).toBe(false)
  })
})

describe('createHttpTransport options', () => {
  it('needs a baseUrl', () => {
    expect(() => createHttpTransport({} as never)).toThrow('`baseUrl` is a required option for createHttpTransport')
  })

  it('encodes path segments', async () => {
    env.server.respond = (_request, response) => response.writeHead(204).end()
    const transport = createHttpTransport({ baseUrl: env.server.baseUrl })
    await transport.hold({ conferenceSid: 'room 1/a', callSid: 'CA?x', hold: true }, new AbortController().signal)
    expect(env.server.received[0]?.url).toBe('/conferences/room%201%2Fa/participants/CA%3Fx')
  })
})

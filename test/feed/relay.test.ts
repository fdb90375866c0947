/**
 * The feed against the real relay (`createConferenceRelay` on node:http, 127.0.0.1), fed by the
 * Twilio simulator's signed, reordered and duplicated callbacks, with controls going through
 * `createHttpTransport` → relay → simulator REST → callbacks. A feed that drops off mid-call and
 * resumes with its last event id must end where a feed that never dropped ends, and both where
 * the simulator's truth is.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EventSource } from 'eventsource'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { selectParticipants, type ConferencesState } from 'conference-state'
import { createHttpTransport } from 'conference-state/controls'
import { createConferenceRelay, type ConferenceRelay } from 'conference-state/relay'
import { comparableState, createTestStore, fakeSid } from 'conference-state/testing'
import { mintViewerToken } from '../../examples/agent-desktop/live/viewerTokens'
import { createTwilioSimulator, type TwilioSimulator } from '../../examples/twilio-simulator/simulator'
import type { Truth } from '../../examples/twilio-simulator/world'
import { connectConferenceFeed, type ConferenceFeed } from '../../src/feed'
import { manualTimers } from './manualClock'

const AUTH_TOKEN = 'relay-feed-test-auth-token'
const SECRET = 'relay-feed-test-secret-0123456789abcdef'
const SUPERVISOR = fakeSid('WK', 0xf1)

let simulator: TwilioSimulator
let relay: ConferenceRelay
let server: Server
let relayUrl: string
const feeds: ConferenceFeed[] = []

beforeEach(async () => {
  server = createServer((request, response) => relay(request, response))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  relayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  simulator = createTwilioSimulator({ callbackUrl: `${relayUrl}/twilio/conference-events`, authToken: AUTH_TOKEN, seed: 3, confirmDelayMs: 5, ringMs: 30, duplicateRate: 0.2 })
  const simulatorUrl = await simulator.listen()
  relay = createConferenceRelay({
    twilioAuthToken: AUTH_TOKEN,
    tokenSecret: SECRET,
    twilioAccountSid: simulator.accountSid,
    twilioApiUrl: simulatorUrl,
    callerId: '+15550100000',
    heartbeatMs: 60_000,
  })
  await relay.ready
})

afterEach(async () => {
  for (const feed of feeds.splice(0)) feed.close()
  await simulator.close()
  await relay.close()
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const token = () => mintViewerToken(SECRET, { workerSid: SUPERVISOR, role: 'supervisor' }, 300)

function viewer(connectivity?: EventTarget) {
  const store = createTestStore()
  const timers = manualTimers()
  const feed = connectConferenceFeed({ dispatch: store.dispatch, url: relayUrl, getToken: token, EventSource, timers, connectivity: connectivity ?? null })
  feeds.push(feed)
  return { store, feed, timers }
}

const truthLegs = (truth: Truth) =>
  truth.conferences.flatMap((conference) =>
    conference.participants
      .filter((leg) => leg.status === 'connected')
      .map((leg) => `${conference.conferenceSid}/${leg.callSid} hold=${leg.hold} muted=${leg.muted} coaching=${leg.coaching}`),
  ).sort()

const viewLegs = (state: { conferences: ConferencesState }, truth: Truth) =>
  truth.conferences.flatMap((conference) =>
    selectParticipants(state, conference.conferenceSid)
      .filter((leg) => leg.isLive)
      .map((leg) => `${conference.conferenceSid}/${leg.callSid} hold=${leg.onHold} muted=${leg.muted} coaching=${leg.coaching}`),
  ).sort()

const legs = () => [{ label: 'customer', endConferenceOnExit: true }, { label: `worker:${fakeSid('WK', 1)}` }, { label: `worker:${fakeSid('WK', 2)}` }]

describe('connectConferenceFeed with the relay', () => {
  it('resumes after a drop with Last-Event-ID and ends where an undisturbed feed and the truth are', async () => {
    const steady = viewer()
    const connectivity = new EventTarget()
    const dropped = viewer(connectivity)
    await vi.waitFor(() => expect([steady.feed.status, dropped.feed.status]).toEqual(['live', 'live']))

    const first = simulator.placeCall(legs())
    const second = simulator.placeCall(legs())
    await simulator.idle()
    await vi.waitFor(() => expect(viewLegs(dropped.store.getState(), simulator.truth())).toEqual(truthLegs(simulator.truth())))
    const resumeFrom = dropped.feed.getState().lastEventId
    expect(resumeFrom).toBeDefined()

    connectivity.dispatchEvent(new Event('offline'))
    expect(dropped.feed.status).toBe('reconnecting')
    const transport = createHttpTransport({ baseUrl: relayUrl, headers: async () => ({ Authorization: `Bearer ${await token()}` }) })
    const signal = new AbortController().signal
    const [customer = '', worker = '', colleague = ''] = first.callSids
    await transport.hold({ conferenceSid: first.conferenceSid, callSid: customer, hold: true }, signal)
    await transport.mute({ conferenceSid: first.conferenceSid, callSid: worker, muted: true }, signal)
    await transport.remove({ conferenceSid: first.conferenceSid, callSid: colleague }, signal)
    const added = await transport.add({ conferenceSid: second.conferenceSid, to: '+15550100142', label: 'external' }, signal)
    await transport.remove({ conferenceSid: second.conferenceSid, callSid: second.callSids[0] ?? '' }, signal)
    await simulator.idle()
    await vi.waitFor(() => expect(viewLegs(steady.store.getState(), simulator.truth())).toEqual(truthLegs(simulator.truth())))

    connectivity.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(dropped.feed.status).toBe('live'))
    await vi.waitFor(() => expect(viewLegs(dropped.store.getState(), simulator.truth())).toEqual(truthLegs(simulator.truth())))
    await vi.waitFor(() => expect(comparableState(dropped.store.getState().conferences)).toEqual(comparableState(steady.store.getState().conferences)))

    const truth = simulator.truth()
    expect(truth.conferences.find((conference) => conference.conferenceSid === first.conferenceSid)?.participants.map((leg) => leg.callSid)).toEqual([customer, worker])
    expect(truth.conferences.find((conference) => conference.conferenceSid === second.conferenceSid)?.status).toBe('completed')
    expect(added.callSid).toMatch(/^CA/)
    expect(dropped.feed.getState().lastEventId).not.toBe(resumeFrom)
  })
})

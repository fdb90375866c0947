/**
 * The Twilio simulator (examples/twilio-simulator) against a webhook receiver that checks
 * signatures with the `twilio` package, and driven through the real `twilio` REST client. What the
 * callbacks build in a store must equal the simulator's truth, whatever order they arrived in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { selectConferenceRecord, selectParticipants, type ConferencesState } from 'conference-state'
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import { createTestStore } from 'conference-state/testing'
import { createTwilioSimulator, type TwilioSimulator } from '../../examples/twilio-simulator/simulator'
import { twilioClientFor } from '../../examples/twilio-simulator/twilioClient'
import type { Truth } from '../../examples/twilio-simulator/world'
import { startWebhookReceiver } from './webhookReceiver'

const AUTH_TOKEN = 'simulator-test-token'
const WORKER = `WK${'0'.repeat(31)}1`

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let simulator: TwilioSimulator
let origin: string

async function start(overrides: Partial<Parameters<typeof createTwilioSimulator>[0]> = {}) {
  simulator = createTwilioSimulator({ callbackUrl: receiver.url, authToken: AUTH_TOKEN, seed: 7, confirmDelayMs: 5, ringMs: 20, ...overrides })
  origin = await simulator.listen()
}

beforeEach(async () => {
  receiver = await startWebhookReceiver(AUTH_TOKEN)
})

afterEach(async () => {
  await simulator?.close()
  await receiver.close()
})

/** The connected legs of a conference, as the truth has them. */
const truthLegs = (truth: Truth, conferenceSid: string) =>
  (truth.conferences.find((conference) => conference.conferenceSid === conferenceSid)?.participants ?? [])
    .filter((leg) => leg.status === 'connected')
    .map((leg) => ({ callSid: leg.callSid, hold: leg.hold, muted: leg.muted, coaching: leg.coaching }))
    .sort((a, b) => a.callSid.localeCompare(b.callSid))

/** The live legs of a conference, as a store built from the callbacks has them. */
const viewLegs = (state: { conferences: ConferencesState }, conferenceSid: string) =>
  selectParticipants(state, conferenceSid)
    .filter((leg) => leg.isLive)
    .map((leg) => ({ callSid: leg.callSid, hold: leg.onHold, muted: leg.muted, coaching: leg.coaching }))
    .sort((a, b) => a.callSid.localeCompare(b.callSid))

const storeOfReceived = () => {
  const store = createTestStore()
  for (const { body } of receiver.received) store.dispatch(fromTwilioStatusCallback(body, { receivedAt: 0 }))
  return store
}

const standardCall = () => [
  { label: 'customer', endConferenceOnExit: true },
  { label: `worker:${WORKER}`, endConferenceOnExit: true },
  { label: `supervisor:WK${'0'.repeat(30)}f1`, coaching: true, startConferenceOnEnter: false },
]

describe('the Twilio simulator', () => {
  it('POSTs signed callbacks, out of order and some twice, that rebuild its truth', async () => {
    await start({ duplicateRate: 0.3, maxDelayMs: 30 })
    const calls = Array.from({ length: 8 }, () => simulator.placeCall(standardCall()))
    await simulator.idle()

    expect(receiver.received.length).toBeGreaterThan(0)
    expect(receiver.received.every((entry) => entry.signatureValid)).toBe(true)
    const keys = receiver.received.map(({ body }) => `${body.ConferenceSid}#${body.SequenceNumber}`)
    const unique = new Set(keys)
    // 8 calls × (3 joins + conference-start), each delivered at least once; the seed duplicates some.
    expect(unique.size).toBe(32)
    expect(keys.length).toBeGreaterThan(unique.size)
    const sequences = receiver.received.map(({ body }) => Number(body.SequenceNumber))
    const inOrder = receiver.received.every(({ body }, index) =>
      receiver.received.slice(0, index).every((earlier) => earlier.body.ConferenceSid !== body.ConferenceSid || Number(earlier.body.SequenceNumber) <= Number(body.SequenceNumber)),
    )
    expect(inOrder, `arrival order ${sequences.join(',')}`).toBe(false)

    const state = storeOfReceived().getState()
    for (const { conferenceSid } of calls) {
      expect(viewLegs(state, conferenceSid)).toEqual(truthLegs(simulator.truth(), conferenceSid))
      expect(viewLegs(state, conferenceSid)).toHaveLength(3)
      expect(selectConferenceRecord(state, conferenceSid)?.status).toBe('active')
    }
  })

  it('answers the twilio package: update, list, fetch, create and delete, each followed by its callbacks', async () => {
    await start()
    const { conferenceSid, callSids } = simulator.placeCall(standardCall())
    const [customer = '', me = '', supervisor = ''] = callSids
    const client = twilioClientFor(origin, simulator.accountSid, AUTH_TOKEN)
    const participants = client.conferences(conferenceSid).participants

    const held = await participants(customer).update({ hold: true })
    expect(held).toMatchObject({ callSid: customer, conferenceSid, hold: true, muted: false, status: 'connected' })
    await participants(me).update({ muted: true })
    await participants(supervisor).update({ coaching: false })
    const listed = await participants.list()
    expect(listed.map((leg) => leg.callSid)).toEqual(callSids)
    expect((await participants(me).fetch()).muted).toBe(true)

    const added = await participants.create({ from: '+15550100000', to: '+15550100142', label: 'external' })
    expect(added.callSid).toMatch(/^CA[0-9a-f]{32}$/)
    expect(added.status).toBe('connecting')
    const unanswered = await participants.create({ from: '+15550100000', to: '+15550100000' })
    await expect.poll(() => simulator.truth().conferences[0]?.participants.map((leg) => [leg.callSid, leg.status]), { timeout: 5_000 })
      .toEqual([...callSids.map((sid) => [sid, 'connected']), [added.callSid, 'connected']])

    expect(await participants(supervisor).remove()).toBe(true)
    await simulator.idle()

    const truth = simulator.truth()
    expect(truthLegs(truth, conferenceSid)).toEqual(
      [
        { callSid: customer, hold: true, muted: false, coaching: false },
        { callSid: me, hold: false, muted: true, coaching: false },
        { callSid: added.callSid, hold: false, muted: false, coaching: false },
      ].sort((a, b) => a.callSid.localeCompare(b.callSid)),
    )
    const events = receiver.received.map(({ body }) => body.StatusCallbackEvent)
    for (const event of ['participant-hold', 'participant-mute', 'participant-modify', 'participant-leave']) expect(events).toContain(event)
    const failedAdd = receiver.received.find(({ body }) => body.CallSid === unanswered.callSid)?.body
    expect(failedAdd).toMatchObject({ StatusCallbackEvent: 'participant-leave', ParticipantCallStatus: 'no-answer' })
    expect(viewLegs(storeOfReceived().getState(), conferenceSid)).toEqual(truthLegs(truth, conferenceSid))
  })

  it('ends the conference as Twilio does when a leg with EndConferenceOnExit is kicked', async () => {
    await start()
    const { conferenceSid, callSids } = simulator.placeCall(standardCall())
    const client = twilioClientFor(origin, simulator.accountSid, AUTH_TOKEN)
    await client.conferences(conferenceSid).participants(callSids[0] ?? '').remove()
    await expect.poll(() => simulator.truth().conferences[0]?.status, { timeout: 5_000 }).toBe('completed')
    await simulator.idle()
    const end = receiver.received.find(({ body }) => body.StatusCallbackEvent === 'conference-end')?.body
    expect(end).toMatchObject({ ReasonConferenceEnded: 'participant-with-end-conference-on-exit-kicked', CallSidEndingConference: callSids[0] })
    expect(selectConferenceRecord(storeOfReceived().getState(), conferenceSid)?.status).toBe('closed')
  })

  it("answers Twilio's errors: unknown participant 404 (20404), wrong credentials 401 (20003)", async () => {
    await start()
    const { conferenceSid } = simulator.placeCall(standardCall())
    const client = twilioClientFor(origin, simulator.accountSid, AUTH_TOKEN)
    await expect(client.conferences(conferenceSid).participants(`CA${'f'.repeat(32)}`).update({ hold: true })).rejects.toMatchObject({ status: 404, code: 20404 })
    const intruder = twilioClientFor(origin, simulator.accountSid, 'wrong-token')
    await expect(intruder.conferences(conferenceSid).participants.list()).rejects.toMatchObject({ status: 401, code: 20003 })
  })

  it('retries a callback the relay refuses with 503', async () => {
    await start({ duplicateRate: 0 })
    receiver.refuse(2)
    simulator.placeCall([{ label: 'customer' }])
    await simulator.idle()
    expect(receiver.received.map(({ body }) => body.StatusCallbackEvent)).toEqual(['participant-join'])
    expect(simulator.delivery.records.map((record) => record.status)).toEqual([204])
  })

  it('changes legs on its own side: a leg joins, flags change, callbacks follow', async () => {
    await start({ duplicateRate: 0 })
    const { conferenceSid, callSids } = simulator.placeCall(standardCall())
    const joined = simulator.joinLeg(conferenceSid, { label: 'external' })
    expect(simulator.updateLeg(conferenceSid, callSids[0] ?? '', { muted: true, hold: true })).toBe(true)
    expect(simulator.updateLeg(conferenceSid, `CA${'f'.repeat(32)}`, { muted: true })).toBe(false)
    await simulator.idle()
    const events = receiver.received.map(({ body }) => `${body.StatusCallbackEvent} ${body.CallSid ?? ''}`)
    expect(events).toEqual(expect.arrayContaining([`participant-join ${joined}`, `participant-hold ${callSids[0]}`, `participant-mute ${callSids[0]}`]))
    expect(viewLegs(storeOfReceived().getState(), conferenceSid)).toEqual(truthLegs(simulator.truth(), conferenceSid))
  })

  it('serves the truth and places calls over HTTP', async () => {
    await start()
    const placed = (await (await fetch(`${origin}/calls`, { method: 'POST', body: JSON.stringify({ legs: [{ label: 'customer' }, { label: `worker:${WORKER}` }] }) })).json()) as { conferenceSid: string; callSids: string[] }
    expect(placed.callSids).toHaveLength(2)
    expect((await fetch(`${origin}/calls/${placed.conferenceSid}/legs/${placed.callSids[0]}/hangup`, { method: 'POST' })).status).toBe(204)
    expect((await fetch(`${origin}/idle`)).status).toBe(204)
    const truth = (await (await fetch(`${origin}/truth`)).json()) as Truth
    expect(truth.conferences).toEqual([
      expect.objectContaining({ conferenceSid: placed.conferenceSid, status: 'in-progress', participants: [expect.objectContaining({ callSid: placed.callSids[1], status: 'connected' })] }),
    ])
  })
})

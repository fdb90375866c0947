/**
 * Everything behind the live demo's page: the Twilio simulator, the relay (its CLI, pointed at
 * the simulator for webhooks and REST), the agent's call, and the gateway that puts the relay and
 * a token endpoint on the page's origin. `npm run demo:live` and the browser test both start it.
 */
import { randomBytes } from 'node:crypto'
import { createTwilioSimulator, type TwilioSimulator } from '../../twilio-simulator/simulator'
import { ME, sid } from '../src/sim/sids'
import { createGateway, type Gateway } from './gateway'
import { freePort, startRelayProcess, type RelayProcess } from './relayProcess'

export const COLLEAGUE = sid('WK', 2)
export const SUPERVISOR = sid('WK', 0xf1)
export const CALLER_ID = '+15550100000'

export interface LiveStackOptions {
  /** Serve the built page from here (the browser test); Vite serves it otherwise. */
  staticRoot?: string
  /** Seed of the simulator's delivery order and duplicates. Default 1. */
  seed?: number
  /** Viewer token lifetime (s). Default 120. */
  tokenTtlSeconds?: number
  /** How long a dialled number rings in the simulator (ms). Default 1500. */
  ringMs?: number
}

export interface LiveStack {
  simulator: TwilioSimulator
  /** The simulator's own routes (`/truth`, …). */
  simulatorUrl: string
  relay: RelayProcess
  gateway: Gateway
  /** The gateway's URL when it listens alone (with `staticRoot`). */
  gatewayUrl: string | undefined
  /** My current call. */
  conferenceSid(): string
  /** Hangs my call up and places a new one (the page's "New call" button does the same). */
  newCall(): { conferenceSid: string }
  stop(): Promise<void>
}

/** My call: a customer, me, a colleague, and a supervisor coaching me. */
const myCallLegs = () => [
  { label: 'customer', endConferenceOnExit: true, to: '+15550100199' },
  { label: `worker:${ME}`, endConferenceOnExit: true },
  { label: `worker:${COLLEAGUE}` },
  { label: `supervisor:${SUPERVISOR}`, coaching: true, startConferenceOnEnter: false },
]

export async function startLiveStack(options: LiveStackOptions = {}): Promise<LiveStack> {
  const authToken = randomBytes(16).toString('hex')
  const tokenSecret = randomBytes(32).toString('hex')
  const relayPort = await freePort()
  const relayUrl = `http://127.0.0.1:${relayPort}`
  const simulator = createTwilioSimulator({
    callbackUrl: `${relayUrl}/twilio/conference-events`,
    authToken,
    seed: options.seed ?? 1,
    ringMs: options.ringMs ?? 1500,
    confirmDelayMs: 150,
    maxDelayMs: 60,
    duplicateRate: 0.1,
  })
  const simulatorUrl = await simulator.listen()
  let relay: RelayProcess
  try {
    relay = await startRelayProcess(relayPort, {
      TWILIO_AUTH_TOKEN: authToken,
      RELAY_TOKEN_SECRET: tokenSecret,
      RELAY_PUBLIC_URL: relayUrl,
      TWILIO_ACCOUNT_SID: simulator.accountSid,
      TWILIO_API_URL: simulatorUrl,
      RELAY_CALLER_ID: CALLER_ID,
    })
  } catch (error) {
    await simulator.close()
    throw error
  }

  let current = simulator.placeCall(myCallLegs())
  const newCall = () => {
    const me = current.callSids[1]
    if (me !== undefined) simulator.hangUp(current.conferenceSid, me)
    current = simulator.placeCall(myCallLegs())
    return { conferenceSid: current.conferenceSid }
  }
  const gateway = createGateway({
    relayUrl: relay.url,
    tokenSecret,
    viewer: { workerSid: ME, role: 'agent' },
    newCall,
    ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds }),
    ...(options.staticRoot === undefined ? {} : { staticRoot: options.staticRoot }),
  })
  const gatewayUrl = options.staticRoot === undefined ? undefined : await gateway.listen()

  return {
    simulator,
    simulatorUrl,
    relay,
    gateway,
    gatewayUrl,
    conferenceSid: () => current.conferenceSid,
    newCall,
    async stop() {
      await gateway.close()
      await simulator.close()
      await relay.stop()
    },
  }
}

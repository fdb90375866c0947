/**
 * The simulator as a process: `tsx examples/twilio-simulator/main.ts --port 8788 --callback-url
 * http://127.0.0.1:8787/twilio/conference-events`, with `TWILIO_AUTH_TOKEN` (and optionally
 * `TWILIO_ACCOUNT_SID`) in the environment. Prints `listening on http://HOST:PORT`; stops on SIGTERM.
 */
import { parseArgs } from 'node:util'
import { createTwilioSimulator } from './simulator'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8788' },
    host: { type: 'string', default: '127.0.0.1' },
    'callback-url': { type: 'string' },
    seed: { type: 'string', default: '1' },
    'duplicate-rate': { type: 'string', default: '0.1' },
    'max-delay-ms': { type: 'string', default: '40' },
    'ring-ms': { type: 'string', default: '1500' },
    'confirm-ms': { type: 'string', default: '150' },
  },
})

const authToken = process.env.TWILIO_AUTH_TOKEN
const callbackUrl = values['callback-url']
if (authToken === undefined || authToken === '' || callbackUrl === undefined) {
  console.error('twilio-simulator needs TWILIO_AUTH_TOKEN in the environment and --callback-url <the relay webhook URL>')
  process.exit(2)
}

const simulator = createTwilioSimulator({
  callbackUrl,
  authToken,
  ...(process.env.TWILIO_ACCOUNT_SID === undefined ? {} : { accountSid: process.env.TWILIO_ACCOUNT_SID }),
  seed: Number(values.seed),
  duplicateRate: Number(values['duplicate-rate']),
  maxDelayMs: Number(values['max-delay-ms']),
  ringMs: Number(values['ring-ms']),
  confirmDelayMs: Number(values['confirm-ms']),
})
const url = await simulator.listen(Number(values.port), values.host)
console.log(`twilio-simulator listening on ${url} (account ${simulator.accountSid}, callbacks to ${callbackUrl})`)

const stop = () => void simulator.close().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

import { describe, expect, it } from 'vitest'
import { runRelayCommand, type RelayCommandIo } from '../../src/cli/relayCommand'
import { AUTH_TOKEN, postCallback, send, TOKEN_SECRET, viewerToken } from './harness'
import { callback } from './callbacks'

/** Runs the command in-process; `stop()` plays SIGTERM. */
function run(argv: string[], env: Record<string, string | undefined>) {
  const out: string[] = []
  const err: string[] = []
  let stop: () => void = () => {}
  let listening: (line: string) => void = () => {}
  const ready = new Promise<string>((resolve) => (listening = resolve))
  const io: RelayCommandIo = {
    env,
    out: (text) => {
      out.push(text)
      if (text.includes('listening on')) listening(text)
    },
    err: (text) => err.push(text),
    onStop: (handler) => (stop = handler),
  }
  const exit = runRelayCommand(argv, io)
  return { out, err, exit, ready, stop: () => stop() }
}

const ENV = { TWILIO_AUTH_TOKEN: AUTH_TOKEN, RELAY_TOKEN_SECRET: TOKEN_SECRET }

describe('conference-state relay', () => {
  it('refuses to start without TWILIO_AUTH_TOKEN or RELAY_TOKEN_SECRET, naming them (exit 2)', async () => {
    const neither = run([], {})
    expect(await neither.exit).toBe(2)
    expect(neither.err.join('\n')).toMatch(/TWILIO_AUTH_TOKEN and RELAY_TOKEN_SECRET/)
    const one = run([], { TWILIO_AUTH_TOKEN: 'x' })
    expect(await one.exit).toBe(2)
    expect(one.err.join('\n')).toMatch(/set RELAY_TOKEN_SECRET/)
  })

  it('refuses a bad --port or an unknown option (exit 2) and prints its usage with --help', async () => {
    expect(await run(['--port', 'eighty'], ENV).exit).toBe(2)
    expect(await run(['--verbose'], ENV).exit).toBe(2)
    const help = run(['--help'], {})
    expect(await help.exit).toBe(0)
    expect(help.out.join('\n')).toContain('RELAY_PUBLIC_URL')
  })

  it('listens on --host/--port, signs over http://HOST:PORT by default, and stops cleanly (exit 0)', async () => {
    const command = run(['--port', '0', '--host', '127.0.0.1'], ENV)
    const line = await command.ready
    const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!
    const target = { baseUrl: origin, webhookUrl: `${origin}/twilio/conference-events` }
    expect((await postCallback(target as Parameters<typeof postCallback>[0], callback(1, 1))).status).toBe(204)
    expect(JSON.parse((await send(`${origin}/healthz`)).body)).toMatchObject({ status: 'ok', bus: { kind: 'memory' } })
    const reply = await send(`${origin}/events`, { headers: { authorization: `Bearer ${await viewerToken('WKx', 'agent', { expiresAt: 1 })}` } })
    expect(reply.status).toBe(401)
    command.stop()
    expect(await command.exit).toBe(0)
  })

  it('takes RELAY_PUBLIC_URL as the URL Twilio signs', async () => {
    const command = run(['--port', '0'], { ...ENV, RELAY_PUBLIC_URL: 'https://relay.example.com' })
    const origin = /listening on (http:\/\/[^\s]+)/.exec(await command.ready)![1]!
    const target = { baseUrl: origin, webhookUrl: 'https://relay.example.com/twilio/conference-events' }
    expect((await postCallback(target as Parameters<typeof postCallback>[0], callback(1, 1))).status).toBe(204)
    expect((await postCallback({ baseUrl: origin, webhookUrl: `${origin}/twilio/conference-events` } as Parameters<typeof postCallback>[0], callback(1, 2))).status).toBe(403)
    command.stop()
    expect(await command.exit).toBe(0)
  })
})

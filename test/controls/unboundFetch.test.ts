/**
 * Browsers refuse `window.fetch` called as another object's method ("Illegal invocation"): the
 * transports must call the `fetch` they were given unbound. A `fetch` that behaves like the
 * browser's proves it without a browser (test/e2e/live.e2e.ts proves it in Chromium).
 */
import { describe, expect, it } from 'vitest'
import { createHttpTransport } from 'conference-state/controls'

function browserLikeFetch(this: unknown, _input: RequestInfo | URL, _init?: RequestInit): Promise<Response> {
  if (this !== undefined && this !== globalThis) return Promise.reject(new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation"))
  return Promise.resolve(new Response(null, { status: 204 }))
}

describe('createHttpTransport', () => {
  it('calls its fetch unbound, as browsers require', async () => {
    const transport = createHttpTransport({ baseUrl: 'https://desk.example.com/api', fetch: browserLikeFetch })
    await expect(transport.hold({ conferenceSid: 'CF1', callSid: 'CA1', hold: true }, new AbortController().signal)).resolves.toBeUndefined()
  })
})

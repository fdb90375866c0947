import { createHash } from 'node:crypto'
import fc from 'fast-check'
import twilio from 'twilio'
import { describe, expect, it } from 'vitest'
import { verifyTwilioSignature } from '../../src/adapters/twilio/signature'
import recorded from '../fixtures/real-clients/twilio-webhook-signature-vectors.json'

const { getExpectedTwilioSignature, validateRequest } = twilio

type Params = Record<string, string | string[]>

/** The recorded vectors, with each body's parameters as the plain record a form parser yields. */
const vectors = recorded.vectors.map((vector) => ({ ...vector, params: Object.fromEntries(Object.entries(vector.params).filter((entry): entry is [string, string] => typeof entry[1] === "string")) }))

const toSearchParams = (params: Params) => {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) for (const item of [value].flat()) search.append(name, item)
  return search
}

const TOKEN = recorded.authToken

describe('verifyTwilioSignature against the vectors twilio-node 6 produced', () => {
  for (const vector of vectors) {
    const cases = vector.validateRequest
    const check = (overrides: { url?: string; signature?: string; params?: Params; authToken?: string }) =>
      verifyTwilioSignature({
        authToken: overrides.authToken ?? TOKEN,
        url: overrides.url ?? recorded.url,
        params: overrides.params ?? vector.params,
        signature: overrides.signature ?? vector.signature,
      })

    it(`${vector.name}: accepts the real signature, from parsed params and from the raw body`, () => {
      expect(check({})).toBe(cases.correct)
      expect(verifyTwilioSignature({ authToken: TOKEN, url: recorded.url, params: new URLSearchParams(vector.rawBody), signature: vector.signature })).toBe(true)
    })

    it(`${vector.name}: agrees with validateRequest on every recorded variation`, () => {
      const tampered = { ...vector.params, [cases.tamperedBody.changed]: `${vector.params[cases.tamperedBody.changed]}x` }
      expect(check({ params: tampered })).toBe(cases.tamperedBody.result)
      for (const key of ['wrongUrl_http', 'wrongUrl_otherPath', 'wrongUrl_trailingSlash', 'signedWithoutPort_validatedWithPort443'] as const) {
        expect(check({ url: cases[key].url }), key).toBe(cases[key].result)
      }
      const port443 = cases.signedWithPort443_validatedWithoutPort
      expect(check({ url: port443.url, signature: port443.signature })).toBe(port443.result)
      expect(check({ url: cases.signedWithPort443_validatedWithPort443.url, signature: port443.signature })).toBe(true)
      expect(check({ signature: cases.signedWithNonStandardPort8443_validatedWithoutPort.signature })).toBe(false)
      const query = cases.withQueryString_signedAndValidatedWithQuery
      expect(check({ url: query.url, signature: query.signature })).toBe(query.result)
      expect(check({ url: cases.withQueryString_validatedWithoutQuery.url, signature: query.signature })).toBe(false)
      expect(check({ url: cases.withQueryString_reorderedQuery.url, signature: query.signature })).toBe(false)
      expect(check({ params: { ...vector.params, tenant: 'acme', v: '2' }, signature: query.signature })).toBe(false)
      expect(check({ authToken: 'another-token' })).toBe(cases.wrongToken.result)
      expect(check({ signature: '' })).toBe(cases.emptySignature.result)
      const sha256 = cases.hmacSha256Variant
      expect(verifyTwilioSignature({ authToken: TOKEN, url: recorded.url, params: vector.params, signature: sha256.signature, algorithm: 'HMAC_SHA256' })).toBe(true)
      expect(check({ signature: sha256.signature })).toBe(false)
      expect(verifyTwilioSignature({ authToken: TOKEN, url: recorded.url, params: vector.params, signature: vector.signature, algorithm: 'HMAC_SHA256' })).toBe(
        sha256.sha1SignatureCheckedAsSha256,
      )
    })
  }
})

const text = fc.string({ unit: 'grapheme', maxLength: 12 })
const paramsArbitrary: fc.Arbitrary<Params> = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 10 }),
  fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })),
  { maxKeys: 8 },
)
const urlArbitrary = fc
  .record({
    scheme: fc.constantFrom('https', 'http'),
    host: fc.domain(),
    port: fc.constantFrom('', ':443', ':80', ':8443'),
    path: fc.webPath(),
    query: fc.option(fc.webQueryParameters(), { nil: undefined }),
  })
  .map(({ scheme, host, port, path, query }) => `${scheme}://${host}${port}${path}${query === undefined ? '' : `?${query}`}`)
  .filter((url) => !url.includes('bodySHA256'))

describe('verifyTwilioSignature against the twilio package on generated webhooks', () => {
  it('accepts exactly what validateRequest accepts for signatures from getExpectedTwilioSignature', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), urlArbitrary, paramsArbitrary, (authToken, url, params) => {
        const signature = getExpectedTwilioSignature(authToken, url, params)
        expect(verifyTwilioSignature({ authToken, url, params, signature })).toBe(true)
        expect(verifyTwilioSignature({ authToken, url, params: toSearchParams(params), signature })).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('agrees with validateRequest when the signature, URL, token or a parameter is altered', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        urlArbitrary,
        paramsArbitrary,
        fc.constantFrom('signature', 'url', 'token', 'param', 'extra-param', 'algorithm'),
        text,
        (authToken, url, params, alteration, noise) => {
          let signature = getExpectedTwilioSignature(authToken, url, params)
          let checkedUrl = url
          let checkedToken = authToken
          let checkedParams: Params = params
          let algorithm: 'HMAC_SHA1' | 'HMAC_SHA256' = 'HMAC_SHA1'
          if (alteration === 'signature') signature = `${signature.slice(0, -2)}${noise}`
          if (alteration === 'url') checkedUrl = `${url}${url.includes('?') ? '&' : '?'}z=${encodeURIComponent(noise)}`
          if (alteration === 'token') checkedToken = `${authToken}${noise}x`
          if (alteration === 'param') checkedParams = { ...params, Extra: `${noise}` }
          if (alteration === 'extra-param') checkedParams = { ...params, [`Z${noise}`]: [noise, `${noise}y`] }
          if (alteration === 'algorithm') algorithm = 'HMAC_SHA256'
          const expected = validateRequest(checkedToken, signature, checkedUrl, checkedParams, algorithm)
          expect(verifyTwilioSignature({ authToken: checkedToken, url: checkedUrl, params: checkedParams, signature, algorithm })).toBe(expected)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('verifyTwilioSignature on JSON webhooks (bodySHA256)', () => {
  const body = JSON.stringify({ StatusCallbackEvent: 'participant-hold', ConferenceSid: 'CF00000000000000000000000000000001' })
  const url = `https://relay.example.com/twilio/json?bodySHA256=${createHash('sha256').update(body).digest('hex')}`
  const signature = getExpectedTwilioSignature(TOKEN, url, {})

  it('accepts the signed URL with the body it hashes, like validateRequestWithBody', () => {
    expect(twilio.validateRequestWithBody(TOKEN, signature, url, body)).toBe(true)
    expect(verifyTwilioSignature({ authToken: TOKEN, url, signature, body })).toBe(true)
  })

  it('refuses an altered or missing body', () => {
    expect(verifyTwilioSignature({ authToken: TOKEN, url, signature, body: `${body} ` })).toBe(false)
    expect(verifyTwilioSignature({ authToken: TOKEN, url, signature })).toBe(false)
  })

  it('takes only the `bodySHA256` query parameter as the mark of a JSON webhook, as validateRequest does', () => {
    const params = { StatusCallbackEvent: 'participant-join', CallSid: 'CA00000000000000000000000000000001' }
    // Form webhooks whose URL merely contains the text: their parameters are signed.
    for (const formUrl of ['https://relay.example.com/hooks/bodySHA256-check/conference', 'https://relay.example.com/conference?next=bodySHA256']) {
      const formSignature = getExpectedTwilioSignature(TOKEN, formUrl, params)
      expect(validateRequest(TOKEN, formSignature, formUrl, params)).toBe(true)
      expect(verifyTwilioSignature({ authToken: TOKEN, url: formUrl, params, signature: formSignature })).toBe(true)
      expect(verifyTwilioSignature({ authToken: TOKEN, url: formUrl, params: { ...params, Hold: 'true' }, signature: formSignature })).toBe(false)
    }
  })
})

describe('verifyTwilioSignature on hostile input', () => {
  const vector = vectors[0]!
  it('returns false instead of throwing', () => {
    const hostile: unknown[] = [
      undefined,
      null,
      {},
      { authToken: TOKEN, url: recorded.url, params: vector.params },
      { authToken: TOKEN, url: recorded.url, params: vector.params, signature: 42 },
      { authToken: '', url: recorded.url, params: vector.params, signature: vector.signature },
      { authToken: TOKEN, url: 7, params: vector.params, signature: vector.signature },
      { authToken: TOKEN, url: recorded.url, params: null, signature: vector.signature },
      { authToken: TOKEN, url: recorded.url, params: { ...vector.params, Muted: { toString: () => 'x' } }, signature: vector.signature },
      { authToken: TOKEN, url: recorded.url, params: vector.params, signature: vector.signature, algorithm: 'MD5' },
      { authToken: TOKEN, url: recorded.url, params: vector.params, signature: vector.signature, algorithm: '__proto__' },
      {
        authToken: TOKEN,
        url: recorded.url,
        params: new Proxy(vector.params, {
          ownKeys: () => {
            throw new Error('hostile')
          },
        }),
        signature: vector.signature,
      },
    ]
    for (const input of hostile) {
      expect(verifyTwilioSignature(input as Parameters<typeof verifyTwilioSignature>[0])).toBe(false)
    }
  })
})

/**
 * `verifyTwilioSignature`: is this webhook really from Twilio?
 *
 * Twilio signs each webhook with the account's auth token: HMAC-SHA1 over the URL it requested
 * (scheme, host, path and query exactly as configured) followed by every POST parameter, sorted by
 * name, as `name` + `value` (a repeated name contributes each distinct value, sorted). The digest,
 * base64, arrives in `X-Twilio-Signature`. JSON webhooks instead carry `bodySHA256` (hex SHA-256 of
 * the raw body) in the query string and sign the URL alone. Like the `twilio` package's
 * `validateRequest`, a URL is also accepted with its default port added or removed, since proxies
 * disagree about `:443`. Written on `node:crypto` so a server verifies without loading `twilio`;
 * in a browser it answers `false` (an auth token belongs on the server).
 * See `docs/relay.md` (security model).
 *
 * @module
 */
import type * as NodeCrypto from 'node:crypto'
import type * as NodeQuerystring from 'node:querystring'

/**
 * A Node built-in, looked up when the helper runs (`process.getBuiltinModule`, Node 20.16 and
 * later) instead of imported: `conference-state/twilio` is also bundled for browsers, where
 * webpack 5 refuses a static `node:` import even when nothing calls it. Where there is no such
 * module (a browser, which must never hold an auth token anyway) it is `undefined`, the first use
 * throws, and {@link verifyTwilioSignature} answers `false`.
 */
const builtin = <Module>(id: string): Module =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as Module
const nodeCrypto = (): typeof NodeCrypto => builtin<typeof NodeCrypto>('node:crypto')
const nodeQuerystring = (): typeof NodeQuerystring => builtin<typeof NodeQuerystring>('node:querystring')

/** The HMAC Twilio signs with: SHA-1 for auth-token webhooks, SHA-256 for SharedKey ones. */
export type TwilioSignatureAlgorithm = 'HMAC_SHA1' | 'HMAC_SHA256'

/** The POST parameters as a form parser yields them, or the parsed form itself. */
export type TwilioSignedParams = URLSearchParams | Readonly<Record<string, string | readonly string[]>>

/** What {@link verifyTwilioSignature} checks. */
export interface TwilioSignatureInput {
  /** The auth token (or SharedKey secret) the webhook was signed with. */
  authToken: string
  /** The full URL Twilio requested, with its query string, as configured in Twilio (public scheme and host). */
  url: string
  /** The form parameters of the POST body. Omit (or pass `{}`) for a JSON webhook signed with `bodySHA256`. */
  params?: TwilioSignedParams
  /** The `X-Twilio-Signature` header. */
  signature: string | undefined
  /** The raw body, required when `url` carries `bodySHA256` (JSON webhooks). */
  body?: string
  /** `HMAC_SHA1` (default, auth-token webhooks) or `HMAC_SHA256` (named by `X-Twilio-Webhooks-Signature-Settings`). */
  algorithm?: TwilioSignatureAlgorithm
}

const HASH_OF: Readonly<Record<TwilioSignatureAlgorithm, string>> = { HMAC_SHA1: 'sha1', HMAC_SHA256: 'sha256' }

/** Scheme, authority split into host and port, and the rest, without normalizing anything Twilio signed. */
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is

function withPort(url: string, port: 'added' | 'removed'): string {
  const match = URL_PARTS.exec(url)
  if (match === null) return url
  const [, scheme = '', authority = '', rest = ''] = match
  const userInfoEnd = authority.lastIndexOf('@') + 1
  const hostAndPort = authority.slice(userInfoEnd)
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1)
  const host = portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart)
  const prefix = scheme + authority.slice(0, userInfoEnd) + host
  if (port === 'removed') return prefix + rest
  if (portStart !== -1) return url
  return prefix + (scheme.toLowerCase() === 'https://' ? ':443' : ':80') + rest
}

/** The query re-encoded as Node's legacy `querystring` does (some back ends signed that form). */
function withLegacyQuery(url: string): string {
  const start = url.indexOf('?')
  if (start === -1 || start === url.length - 1) return url
  return `${url.slice(0, start)}?${nodeQuerystring().stringify(nodeQuerystring().parse(url.slice(start + 1)))}`
}

/** The URLs a correct signature may have been computed over (the same set as `twilio`'s `validateRequest`). */
function candidateUrls(url: string): string[] {
  const asReceived = [withPort(url, 'removed'), withPort(url, 'added')]
  let normalized: string
  try {
    normalized = new URL(url).toString()
  } catch {
    return asReceived
  }
  const withoutPort = withPort(normalized, 'removed')
  const withDefaultPort = withPort(normalized, 'added')
  return [...new Set([...asReceived, withoutPort, withDefaultPort, withLegacyQuery(withoutPort), withLegacyQuery(withDefaultPort)])]
}

/** `url` + each parameter name and value, names sorted, a repeated name's distinct values sorted. */
function signedText(url: string, params: TwilioSignedParams): string | undefined {
  const byName = new Map<string, string[]>()
  const add = (name: string, value: string) => {
    const values = byName.get(name)
    if (values === undefined) byName.set(name, [value])
    else values.push(value)
  }
  if (params instanceof URLSearchParams) {
    params.forEach((value, name) => add(name, value))
  } else {
    for (const name of Object.keys(params)) {
      const value = params[name]
      if (typeof value === 'string') add(name, value)
      else if (Array.isArray(value)) for (const item of value) add(name, String(item))
      else return undefined // neither a string nor an array: cannot be what Twilio signed
    }
  }
  let text = url
  // Twilio sorts names by UTF-16 code units (JavaScript's default sort), not by locale.
  for (const name of [...byName.keys()].sort()) {
    const values = byName.get(name) ?? []
    const distinct = values.length === 1 ? values : [...new Set(values)].sort()
    for (const value of distinct) text += name + value
  }
  return text
}

// Node reads every string here (in `Buffer.from`, `update`) as UTF-8, as Twilio signs it.
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && nodeCrypto().timingSafeEqual(left, right)
}

/**
 * The `bodySHA256` query parameter that marks a JSON webhook, or `null` for a form webhook. Only
 * the parameter counts: a path or a value that merely contains the text is a form webhook's URL.
 */
function bodyHashOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('bodySHA256')
  } catch {
    return null
  }
}

/**
 * Checks a Twilio webhook signature. Never throws: anything malformed is simply not valid.
 *
 * @param input - `authToken`, the `url` Twilio requested (public scheme and host, with query),
 *   the form `params`, the `X-Twilio-Signature` header as `signature`; `body` for JSON webhooks
 *   signed with `bodySHA256`; `algorithm` for SharedKey webhooks.
 * @returns `true` only when the signature matches (compared in constant time).
 * @example
 * ```ts
 * const ok = verifyTwilioSignature({
 *   authToken: process.env.TWILIO_AUTH_TOKEN!,
 *   url: `https://relay.example.com${request.url}`,
 *   params: new URLSearchParams(rawBody),
 *   signature: request.headers['x-twilio-signature'] as string | undefined,
 * })
 * if (!ok) response.writeHead(403).end()
 * ```
 */
export function verifyTwilioSignature(input: TwilioSignatureInput): boolean {
  try {
    const { authToken, url, signature } = input
    if (typeof authToken !== 'string' || authToken.length === 0) return false
    if (typeof url !== 'string' || typeof signature !== 'string' || signature.length === 0) return false
    const algorithm = input.algorithm ?? 'HMAC_SHA1'
    if (!Object.hasOwn(HASH_OF, algorithm)) return false
    const hash = HASH_OF[algorithm]
    const bodyHash = bodyHashOf(url)
    const params = input.params ?? {}
    if (typeof params !== 'object' || params === null) return false
    const signatureMatches = candidateUrls(url).some((candidate) => {
      const text = signedText(candidate, bodyHash === null ? params : {})
      return text !== undefined && sameText(nodeCrypto().createHmac(hash, authToken).update(text).digest('base64'), signature)
    })
    if (!signatureMatches) return false
    // A JSON webhook signs only the URL: the body counts through the hash the URL carries.
    if (bodyHash === null) return true
    return typeof input.body === 'string' && sameText(nodeCrypto().createHash('sha256').update(input.body).digest('hex'), bodyHash)
  } catch {
    return false
  }
}

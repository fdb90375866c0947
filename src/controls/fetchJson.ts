/**
 * One JSON request over `fetch`, with failures a person can act on: what was asked, what came
 * back (status and the start of the body), and why it could not be read. Shared by the HTTP and
 * Evo Voice transports.
 *
 * @module
 */
import { ConferenceTransportError } from './transport'
import { shortenAtWord } from '../shortenText'

/** Headers for every request, or a function that returns them (for tokens that expire). */
export type HeadersSource = HeadersInit | (() => HeadersInit | Promise<HeadersInit>)

/** How the reply body is read. */
export type ReplyBody =
  /** A JSON body is required (`reply` is its value). */
  | 'json'
  /** A JSON body is read when there is one (`reply` is `undefined` for an empty body). */
  | 'optional-json'
  /** The body is drained and ignored. */
  | 'ignored'

export interface JsonRequest {
  fetch: typeof fetch
  method: string
  url: string
  /** Sent as JSON when present. */
  body?: unknown
  headers?: HeadersSource
  credentials?: RequestCredentials
  signal: AbortSignal
  /** How to read the reply body. */
  reply: ReplyBody
}

/** Longest body excerpt quoted in an error. */
const EXCERPT_LENGTH = 200

const excerptOf = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return shortenAtWord(flat, EXCERPT_LENGTH)
}

/** `POST /conferences/CF…/participants`: the request as errors name it (no host, so no secrets in the log). */
export function describeRequest(method: string, url: string): string {
  try {
    // The base only serves relative URLs (`/api/…`); it never shows.
    const { pathname, search } = new URL(url, 'http://localhost')
    return `${method} ${pathname}${search}`
  } catch {
    return `${method} ${url}`
  }
}

const messageOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${error.message}${cause}`
}

async function headersOf(source: HeadersSource | undefined, hasBody: boolean): Promise<Headers> {
  const headers = new Headers(typeof source === 'function' ? await source() : source)
  if (!headers.has('Accept')) headers.set('Accept', 'application/json')
  if (hasBody && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
  return headers
}

/**
 * Sends one request and reads its reply.
 *
 * @returns The parsed JSON body (`undefined` for an ignored or empty optional body).
 * @throws {@link ConferenceTransportError} for a network failure, a non-2xx answer or a body that
 * is not JSON; the signal's own reason when it aborted.
 */
export async function fetchJson(request: JsonRequest): Promise<unknown> {
  // `fetch` is called unbound: browsers refuse `window.fetch` called as another object's method
  // ("Illegal invocation"), which `request.fetch(…)` would be.
  const { method, url, signal, fetch: send } = request
  const described = describeRequest(method, url)
  const hasBody = request.body !== undefined
  let response: Response
  try {
    const init: RequestInit = {
      method,
      headers: await headersOf(request.headers, hasBody),
      signal,
      ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
      ...(request.credentials === undefined ? {} : { credentials: request.credentials }),
    }
    response = await send(url, init)
  } catch (error) {
    if (signal.aborted) throw error
    throw new ConferenceTransportError(`${described} failed: ${messageOf(error)}`, { cause: error })
  }

  let text: string
  try {
    text = await response.text()
  } catch (error) {
    if (signal.aborted) throw error
    throw new ConferenceTransportError(`${described} answered ${response.status} but its body could not be read: ${messageOf(error)}`, {
      status: response.status,
      cause: error,
    })
  }
  if (!response.ok) {
    const body = excerptOf(text)
    const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
    throw new ConferenceTransportError(`${described} answered ${statusLine}${body ? `: ${body}` : ''}`, {
      status: response.status,
      body,
    })
  }
  if (request.reply === 'ignored') return undefined
  if (text.trim().length === 0) {
    if (request.reply === 'optional-json') return undefined
    throw new ConferenceTransportError(`${described} answered ${response.status} with an empty body; expected JSON`, {
      status: response.status,
    })
  }
  try {
    // Some platforms label JSON as something else (Evo Voice says `text/csv`): trust the body.
    return JSON.parse(text) as unknown
  } catch (error) {
    const contentType = response.headers.get('Content-Type') ?? 'none'
    throw new ConferenceTransportError(
      `${described} answered ${response.status} with a body that is not valid JSON (Content-Type: ${contentType}; ${messageOf(error)}): ${excerptOf(text)}`,
      { status: response.status, body: excerptOf(text), cause: error },
    )
  }
}

/** `baseUrl` + path segments, each encoded (SIDs are checked keys, but never trust a URL to that). */
export function urlOf(baseUrl: string, ...segments: string[]): string {
  const base = baseUrl.replace(/\/+$/, '')
  return `${base}/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`
}

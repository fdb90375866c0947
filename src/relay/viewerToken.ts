/**
 * Viewer tokens: who is asking, and what they may see and do.
 *
 * A viewer token is a JWT signed with HS256 by the app's own login service (the relay only
 * verifies): `sub` is the worker SID, `role` is `agent` or `supervisor`, `exp` is required. It
 * comes in `Authorization: Bearer …` or, for `EventSource` (which cannot set headers), `?token=`.
 * Verified with `jose`, never by hand. See `docs/relay.md` (security model).
 *
 * @module
 */
import type { IncomingMessage } from 'node:http'
import { errors, jwtVerify } from 'jose'
import { keyProblem } from '../validation/keys'

/**
 * The roles a viewer token can carry, once.
 * @example
 * ```ts
 * const role = VIEWER_ROLES.includes(user.group as ViewerRole) ? user.group : 'agent'
 * const token = await new SignJWT({ role }).setSubject(user.workerSid).setProtectedHeader({ alg: 'HS256' }).sign(key)
 * ```
 */
export const VIEWER_ROLES = ['agent', 'supervisor'] as const

/** `agent`: only conferences with one of their legs; `supervisor`: every conference. */
export type ViewerRole = (typeof VIEWER_ROLES)[number]

/** A verified viewer. */
export interface Viewer {
  /** The token's `sub`: the worker SID whose legs make a conference visible to an agent. */
  readonly workerSid: string
  readonly role: ViewerRole
  /** The token's `exp`, in epoch ms: the relay ends the viewer's stream then (it reconnects with a fresh token). */
  readonly expiresAt: number
}

/** Why a request carries no usable token (the 401's reason). */
export type ViewerTokenProblem = { readonly reason: string }

/** The HS256 key `jose` verifies with. */
export function viewerTokenKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret)
}

/** The token from `Authorization: Bearer …`, else from `?token=`. */
export function tokenOf(request: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = request.headers.authorization
  if (typeof header === 'string') {
    const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(header)
    return match?.[1]
  }
  return query.get('token') ?? undefined
}

/**
 * Verifies a viewer token: signature (HS256 only), `exp` (required, with no leeway), `sub` a plain
 * identifier, `role` one of {@link VIEWER_ROLES}.
 *
 * @param token - The compact JWT, or `undefined` when the request had none.
 * @param key - From {@link viewerTokenKey}.
 * @param now - The clock (epoch ms) `exp` is checked against.
 * @returns The viewer, or why the token is refused.
 */
export async function verifyViewerToken(token: string | undefined, key: Uint8Array, now: number): Promise<Viewer | ViewerTokenProblem> {
  if (token === undefined || token.length === 0) return { reason: 'a viewer token is required (Authorization: Bearer … or ?token=)' }
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(now),
    })
    const problem = keyProblem(payload.sub)
    if (problem !== undefined) return { reason: `the token's \`sub\` ${problem}` }
    const role = payload.role
    if (role !== 'agent' && role !== 'supervisor') return { reason: 'the token\'s `role` must be "agent" or "supervisor"' }
    return { workerSid: payload.sub as string, role, expiresAt: (payload.exp as number) * 1000 }
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { reason: 'the viewer token has expired' }
    if (error instanceof errors.JOSEError) return { reason: `the viewer token is not valid (${error.code})` }
    return { reason: 'the viewer token is not valid' }
  }
}

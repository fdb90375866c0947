/**
 * Viewer tokens as the app's own login service would mint them for the relay: JWT HS256 through
 * `jose`, `sub` the worker SID, `role` agent or supervisor, a short `exp` so that the feed's
 * token refresh is exercised.
 */
import { SignJWT } from 'jose'

export interface ViewerTokenClaims {
  workerSid: string
  role: 'agent' | 'supervisor'
}

export async function mintViewerToken(secret: string, claims: ViewerTokenClaims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.workerSid)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(secret))
}

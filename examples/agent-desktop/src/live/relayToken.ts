/**
 * The viewer token, as the page gets it from the app's login service (`GET /api/relay-token`):
 * kept until shortly before it expires, fetched again after that. The feed asks for one on every
 * (re)connect and the controls on every command, so both always carry a valid one.
 */
export interface RelayTokens {
  get(): Promise<string>
}

/** Seconds before `exp` at which a token is replaced. */
const MARGIN_S = 15

const expiryOf = (token: string): number => {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown }
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0
  } catch {
    return 0
  }
}

export function createRelayTokens(tokenUrl: string): RelayTokens {
  let cached: { token: string; expiresAt: number } | undefined
  let pending: Promise<string> | undefined
  const fetchToken = async () => {
    const reply = await fetch(tokenUrl, { cache: 'no-store' })
    if (!reply.ok) throw new Error(`${tokenUrl} answered ${reply.status}`)
    const { token } = (await reply.json()) as { token: string }
    cached = { token, expiresAt: expiryOf(token) }
    return token
  }
  return {
    get() {
      if (cached !== undefined && cached.expiresAt - MARGIN_S * 1000 > Date.now()) return Promise.resolve(cached.token)
      pending ??= fetchToken().finally(() => (pending = undefined))
      return pending
    },
  }
}

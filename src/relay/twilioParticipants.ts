/**
 * The Twilio Conference Participant API, as the control routes call it: update (hold, mute,
 * coaching), delete (kick) and create (dial in). Through the `twilio` package, an optional peer
 * dependency loaded on first use, so a relay without controls never loads it. `apiUrl` sends the
 * package's requests to another origin (a local Twilio simulator, a test fake).
 *
 * @module
 */

/** What the control routes change on a leg (nothing else is ever forwarded). */
export interface ParticipantChanges {
  hold?: boolean
  muted?: boolean
  coaching?: boolean
  callSidToCoach?: string
}

/** A leg to dial into a conference. */
export interface NewParticipant {
  to: string
  from: string
  label?: string
}

/**
 * The part of a `twilio` client the relay uses: `client.conferences(sid).participants…`. A real
 * `twilio(accountSid, authToken)` client has this shape; tests may pass their own.
 */
export interface TwilioConferenceClient {
  conferences(conferenceSid: string): {
    participants: ((callSid: string) => {
      update(params: ParticipantChanges): Promise<unknown>
      remove(): Promise<unknown>
    }) & {
      create(params: NewParticipant): Promise<{ callSid: string }>
    }
  }
}

/** How the relay reaches Twilio's REST API. */
export interface TwilioRestOptions {
  /** An injected client (tests, custom HTTP clients). Wins over the others. */
  client?: TwilioConferenceClient
  accountSid?: string
  authToken: string
  /** Another origin for every REST call, e.g. `http://127.0.0.1:4010`. */
  apiUrl?: string
}

/**
 * The control routes cannot call Twilio at all (no account SID, no `twilio` package): answered
 * 501, unlike a failed call to Twilio (502), whatever error that call threw.
 */
export class ControlsUnavailableError extends Error {
  override name = 'ControlsUnavailableError'
}

/** Resolves (once) the client the control routes call. */
export function lazyTwilioClient(options: TwilioRestOptions): () => Promise<TwilioConferenceClient> {
  let client: Promise<TwilioConferenceClient> | undefined
  return () => (client ??= load(options))
}

async function load(options: TwilioRestOptions): Promise<TwilioConferenceClient> {
  if (options.client !== undefined) return options.client
  if (options.accountSid === undefined) {
    throw new ControlsUnavailableError('the control routes need `twilioAccountSid` (env TWILIO_ACCOUNT_SID) or a `twilioClient`')
  }
  let twilio: typeof import('twilio')
  try {
    twilio = (await import('twilio')).default
  } catch (error) {
    throw new ControlsUnavailableError('the control routes need the `twilio` package: npm install twilio', { cause: error })
  }
  const { apiUrl } = options
  if (apiUrl === undefined) return twilio(options.accountSid, options.authToken)
  const origin = new URL(apiUrl)
  class RedirectingRequestClient extends twilio.RequestClient {
    override request<TData>(request: Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: TData }) {
      const target = new URL(request.uri)
      target.protocol = origin.protocol
      target.host = origin.host
      return super.request({ ...request, uri: target.href })
    }
  }
  return twilio(options.accountSid, options.authToken, { httpClient: new RedirectingRequestClient() })
}

/** The HTTP status to answer when Twilio refused a call: its own 4xx, else 502. */
export function statusOfTwilioError(error: unknown): number {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 502
}

/**
 * A real `twilio` REST client whose requests go to the simulator instead of api.twilio.com: the
 * package's own `RequestClient`, with the origin of each URL replaced. Tests use it to prove the
 * simulator answers what the `twilio` package sends and parses what it answers.
 */
import twilio from 'twilio'
import RequestClient from 'twilio/lib/base/RequestClient.js'

class RedirectingRequestClient extends RequestClient {
  constructor(private readonly origin: string) {
    super()
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri)
    const origin = new URL(this.origin)
    target.protocol = origin.protocol
    target.host = origin.host
    return super.request({ ...opts, uri: target.href })
  }
}

/** A `twilio` client for `accountSid` whose every REST call goes to `origin` (e.g. the simulator). */
export function twilioClientFor(origin: string, accountSid: string, authToken: string): twilio.Twilio {
  return twilio(accountSid, authToken, { httpClient: new RedirectingRequestClient(origin) })
}

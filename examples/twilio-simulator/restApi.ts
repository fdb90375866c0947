/**
 * The part of Twilio's REST API a relay's controls call through the `twilio` package: the
 * Conference Participant resource (`/2010-04-01/Accounts/{AccountSid}/Conferences/{Sid}/Participants…`).
 * Answers as Twilio does (snake_case JSON, 201 on create, 204 on delete, Twilio's error shape on
 * 4xx), checks Basic auth (AccountSid and auth token), and schedules the callbacks each change
 * causes, after the reply, as Twilio would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CallbackBody, LegFlags, SimulatedConference, SimulatedLeg, World } from './world'
import { rfc2822 } from './world'

export interface RestApiOptions {
  accountSid: string
  authToken: string
  world: World
  /** Sends callbacks (after `confirmDelayMs`). */
  emit: (bodies: CallbackBody[]) => void
  /** Runs `run` after `ms` (kept by the simulator, so `close()` can cancel it). */
  later: (ms: number, run: () => void) => void
  /** How long after the REST reply the confirming callbacks are sent (ms). Default 50. */
  confirmDelayMs?: number
  /** How long a dialled number rings before it answers (ms). Default 1000. */
  ringMs?: number
  /** Numbers ending in this ring out unanswered. Default `0000`. */
  unansweredSuffix?: string
}

const API = /^\/2010-04-01\/Accounts\/([^/]+)\/Conferences\/([^/]+?)(?:\/Participants(?:\/([^/]+?))?)?\.json$/

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))

const twilioError = (response: ServerResponse, status: number, code: number, message: string) =>
  json(response, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status })

function readBool(params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name)
  return value === null ? undefined : value.toLowerCase() === 'true'
}

function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (text += chunk))
    request.on('end', () => resolve(new URLSearchParams(text)))
    request.on('error', reject)
  })
}

function flagsOf(params: URLSearchParams): LegFlags {
  const flags: LegFlags = {}
  const set = (key: keyof LegFlags, name: string) => {
    const value = readBool(params, name)
    if (value !== undefined) (flags as Record<string, unknown>)[key] = value
  }
  set('hold', 'Hold')
  set('muted', 'Muted')
  set('coaching', 'Coaching')
  set('endConferenceOnExit', 'EndConferenceOnExit')
  set('startConferenceOnEnter', 'StartConferenceOnEnter')
  const coach = params.get('CallSidToCoach')
  if (coach !== null) flags.callSidToCoach = coach
  return flags
}

export function createRestApi(options: RestApiOptions) {
  const { accountSid, authToken, world, emit, later } = options
  const confirmDelayMs = options.confirmDelayMs ?? 50
  const ringMs = options.ringMs ?? 1000
  const unansweredSuffix = options.unansweredSuffix ?? '0000'
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
  const confirm = (bodies: CallbackBody[] | undefined) => {
    if (bodies !== undefined && bodies.length > 0) later(confirmDelayMs, () => emit(bodies))
  }

  const base = (conference: SimulatedConference) => `/2010-04-01/Accounts/${accountSid}/Conferences/${conference.conferenceSid}`
  const resource = (conference: SimulatedConference, leg: SimulatedLeg) => ({
    account_sid: accountSid,
    call_sid: leg.callSid,
    label: leg.label ?? null,
    call_sid_to_coach: leg.callSidToCoach ?? null,
    coaching: leg.coaching,
    conference_sid: conference.conferenceSid,
    date_created: rfc2822(leg.dateCreated),
    date_updated: rfc2822(leg.dateUpdated),
    end_conference_on_exit: leg.endConferenceOnExit,
    muted: leg.muted,
    hold: leg.hold,
    status: leg.status,
    start_conference_on_enter: leg.startConferenceOnEnter,
    queue_time: null,
    uri: `${base(conference)}/Participants/${leg.callSid}.json`,
  })
  const findLeg = (conference: SimulatedConference, key: string) =>
    conference.legs.get(key) ?? [...conference.legs.values()].find((leg) => leg.label === key)

  /** Answers a REST request; `false` when the path is not Twilio's. */
  return async function handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<boolean> {
    const match = API.exec(pathname)
    if (match === null) return false
    const [, account, conferenceKey = '', participantKey] = match
    if (request.headers.authorization !== expectedAuth || account !== accountSid) {
      twilioError(response, 401, 20003, 'Authenticate')
      return true
    }
    const conference = world.conferences.get(conferenceKey) ?? [...world.conferences.values()].find((c) => c.friendlyName === conferenceKey && c.status !== 'completed')
    if (conference === undefined) {
      twilioError(response, 404, 20404, `The requested resource ${pathname} was not found`)
      return true
    }
    const method = request.method ?? 'GET'
    const isList = pathname.endsWith('/Participants.json')

    if (participantKey === undefined && !isList) {
      if (method !== 'GET') return twilioError(response, 405, 20004, 'Method not allowed'), true
      json(response, 200, {
        account_sid: accountSid,
        sid: conference.conferenceSid,
        friendly_name: conference.friendlyName,
        status: conference.status,
        date_created: rfc2822(conference.dateCreated),
        date_updated: rfc2822(conference.dateUpdated),
        uri: `${base(conference)}.json`,
      })
      return true
    }

    if (isList) {
      if (method === 'GET') {
        const participants = [...conference.legs.values()].map((leg) => resource(conference, leg))
        const uri = `${base(conference)}/Participants.json`
        json(response, 200, {
          participants,
          first_page_uri: `${uri}?PageSize=50&Page=0`,
          next_page_uri: null,
          previous_page_uri: null,
          page: 0,
          page_size: 50,
          start: 0,
          end: Math.max(participants.length - 1, 0),
          uri,
        })
        return true
      }
      if (method !== 'POST') return twilioError(response, 405, 20004, 'Method not allowed'), true
      const params = await readForm(request)
      const to = params.get('To')
      if (to === null || to === '') return twilioError(response, 400, 21604, "A 'To' phone number is required."), true
      if (conference.status === 'completed') return twilioError(response, 400, 20001, 'The conference has ended'), true
      const leg = world.dial(conference, {
        ...flagsOf(params),
        to,
        from: params.get('From') ?? undefined,
        label: params.get('Label') ?? undefined,
      })
      json(response, 201, resource(conference, leg))
      const callSid = leg.callSid
      later(ringMs, () => emit(to.replace(/\D/g, '').endsWith(unansweredSuffix) ? world.noAnswer(conference, callSid) : world.answer(conference, callSid)))
      return true
    }

    const leg = findLeg(conference, participantKey ?? '')
    if (leg === undefined) {
      twilioError(response, 404, 20404, `The requested resource ${pathname} was not found`)
      return true
    }
    if (method === 'GET') {
      json(response, 200, resource(conference, leg))
    } else if (method === 'POST') {
      const params = await readForm(request)
      confirm(world.update(conference, leg.callSid, flagsOf(params)))
      json(response, 200, resource(conference, leg))
    } else if (method === 'DELETE') {
      confirm(world.leave(conference, leg.callSid, 'kicked'))
      response.writeHead(204).end()
    } else {
      twilioError(response, 405, 20004, 'Method not allowed')
    }
    return true
  }
}

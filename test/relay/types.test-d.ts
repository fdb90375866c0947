/**
 * Type tests of `conference-state/relay`: what a TypeScript user mounting it sees.
 */
import type { RequestListener } from 'node:http'
import type { RequestHandler } from 'express'
import twilio from 'twilio'
import { describe, expectTypeOf, test } from 'vitest'
import {
  createConferenceRelay,
  createMemoryBus,
  type BusEntry,
  type ConferenceBus,
  type ConferenceRelay,
  type ConferenceRelayOptions,
  type RelayHealth,
  type TwilioConferenceClient,
  type ViewerRole,
} from 'conference-state/relay'

describe('conference-state/relay types', () => {
  test('the relay mounts in node:http and express', () => {
    const relay = createConferenceRelay({ twilioAuthToken: 't', tokenSecret: 's' })
    expectTypeOf(relay).toEqualTypeOf<ConferenceRelay>()
    expectTypeOf(relay).toExtend<RequestListener>()
    expectTypeOf(relay).toExtend<RequestHandler>()
    expectTypeOf(relay.close).returns.toEqualTypeOf<Promise<void>>()
  })

  test('the two secrets are required, the rest optional', () => {
    expectTypeOf<{ twilioAuthToken: string }>().not.toExtend<ConferenceRelayOptions>()
    expectTypeOf<{ twilioAuthToken: string; tokenSecret: string }>().toExtend<ConferenceRelayOptions>()
  })

  test("a real twilio client is a TwilioConferenceClient", () => {
    expectTypeOf(twilio('AC', 'token')).toExtend<TwilioConferenceClient>()
  })

  test('the bus is the interface the Redis bus implements', () => {
    expectTypeOf(createMemoryBus()).toEqualTypeOf<ConferenceBus>()
    expectTypeOf<BusEntry['action']['type']>().toEqualTypeOf<string>()
    expectTypeOf<ConferenceBus['readAfter']>().returns.toEqualTypeOf<Promise<readonly BusEntry[] | undefined>>()
  })

  test('roles and health are closed shapes', () => {
    expectTypeOf<ViewerRole>().toEqualTypeOf<'agent' | 'supervisor'>()
    expectTypeOf<RelayHealth['bus']['kind']>().toEqualTypeOf<'memory' | 'redis'>()
  })
})

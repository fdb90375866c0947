import { describe, expectTypeOf, it } from 'vitest'
import { createRedisBus, type BusStatus, type ConferenceBus, type RedisBusOptions } from '../../src/relay/index'

describe('createRedisBus types', () => {
  it('takes a required url and returns a ConferenceBus', () => {
    expectTypeOf(createRedisBus).parameter(0).toEqualTypeOf<RedisBusOptions>()
    expectTypeOf(createRedisBus).returns.toEqualTypeOf<ConferenceBus>()
    expectTypeOf<RedisBusOptions['url']>().toEqualTypeOf<string>()
    // @ts-expect-error: `url` is required
    createRedisBus({ maxLen: 10 })
    expectTypeOf<ReturnType<ConferenceBus['status']>>().toEqualTypeOf<BusStatus>()
    expectTypeOf<NonNullable<RedisBusOptions['onError']>>().toEqualTypeOf<(error: Error) => void>()
  })
})

import { describe, expectTypeOf, it } from 'vitest'
import type { Dispatch, UnknownAction } from '@reduxjs/toolkit'
import { connectConferenceFeed, type ConferenceFeed, type ConferenceFeedState, type ConferenceFeedStatus } from 'conference-state/feed'
import { createTestStore } from 'conference-state/testing'

describe('conference-state/feed types', () => {
  it('takes a store dispatch and gives a feed fit for useSyncExternalStore', () => {
    const store = createTestStore()
    const feed = connectConferenceFeed({ dispatch: store.dispatch, url: '/relay', getToken: async () => 'token' })
    expectTypeOf(feed).toEqualTypeOf<ConferenceFeed>()
    expectTypeOf(feed.getState).returns.toEqualTypeOf<ConferenceFeedState>()
    expectTypeOf(feed.subscribe).parameter(0).toExtend<(state: ConferenceFeedState) => void>()
    expectTypeOf<() => void>().toExtend<Parameters<typeof feed.subscribe>[0]>()
    expectTypeOf(feed.status).toEqualTypeOf<ConferenceFeedStatus>()
    expectTypeOf<ConferenceFeedStatus>().toEqualTypeOf<'connecting' | 'live' | 'reconnecting' | 'closed'>()
    expectTypeOf<Dispatch<UnknownAction>>().toExtend<Parameters<typeof connectConferenceFeed>[0]['dispatch']>()
  })

  it('needs url, dispatch and getToken', () => {
    // @ts-expect-error: getToken is required
    connectConferenceFeed({ dispatch: () => undefined, url: '/relay' })
    // @ts-expect-error: a token is a string
    connectConferenceFeed({ dispatch: () => undefined, url: '/relay', getToken: () => 42 })
  })
})

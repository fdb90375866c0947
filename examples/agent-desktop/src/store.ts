/**
 * The demo's store: the conferences slice, its timers middleware, the control thunks' transport
 * in the thunk `extra` argument, and the event sources feeding it: the simulated platform in the
 * page, or, in live mode (`?live`, `npm run demo:live`), the relay through `connectConferenceFeed`.
 */
import { configureStore } from '@reduxjs/toolkit'
import {
  conferencesReducer,
  createConferencesState,
  createConferenceTimers,
  currentWorkerIdentified,
  eventsReceived,
} from 'conference-state'
import { type ConferenceControlsExtra } from 'conference-state/controls'
import { useDispatch, useSelector } from 'react-redux'
import { demoConfig } from './config'
import { createEventFeed } from './feed/eventFeed'
import { createEventLog } from './feed/eventLog'
import { startMeters } from './feed/meters'
import { createLiveCall } from './live/liveCall'
import { createRelayConnection } from './live/relayConnection'
import { createCallBackend } from './sim/callBackend'
import { createLoadGenerator } from './sim/loadGenerator'
import { createMyCall } from './sim/myCall'
import { startScenarioReplay } from './sim/scenarioReplay'
import { ME } from './sim/sids'
import { createSimulatedTransport } from './sim/simulatedTransport'

const backend = createCallBackend()
const generator = createLoadGenerator({ conferences: demoConfig.conferences, ratePerSecond: demoConfig.ratePerSecond })
const eventLog = createEventLog({ capacity: 500, ignore: generator.owns })

const relay = demoConfig.live ? createRelayConnection() : undefined

const extra: ConferenceControlsExtra = {
  conferenceTransport: relay?.transport ?? createSimulatedTransport(backend, demoConfig),
  controlTimeoutMs: 8_000,
  controlAddTimeoutMs: 8_000 + demoConfig.ringMs,
}

export const timers = createConferenceTimers({ pruneEveryMs: 5_000 })

export const store = configureStore({
  reducer: { conferences: conferencesReducer },
  preloadedState: {
    // Long enough to see a "recently left" badge; closed calls leave the wall after 20 s.
    conferences: createConferencesState({ recentlyLeftMs: 15_000, retainClosedMs: 20_000 }),
  },
  middleware: (getDefaultMiddleware) =>
    getDefaultMiddleware({
      thunk: { extraArgument: extra },
      // In development, RTK's checks walk the whole state on every dispatch: with 1,000
      // conferences, that is most of the work. The slice is plain, frozen data, so leave it out
      // (docs/performance.md), and do not walk a frame's batch of thousands of events either.
      immutableCheck: { ignoredPaths: ['conferences'], warnAfter: 64 },
      serializableCheck: { ignoredPaths: ['conferences'], ignoredActions: [eventsReceived.type], warnAfter: 64 },
    }).concat(timers.middleware, eventLog.middleware),
})

export type RootState = ReturnType<typeof store.getState>
export type AppDispatch = typeof store.dispatch
export const useAppDispatch = useDispatch.withTypes<AppDispatch>()
export const useAppSelector = useSelector.withTypes<RootState>()

store.dispatch(currentWorkerIdentified({ workerSid: ME }))

export const feed = createEventFeed(store.dispatch)
backend.connect(feed.enqueue)
feed.addSource(generator.produce)

/** The relay's event stream in live mode (its status feeds the banner); `undefined` otherwise. */
export const relayFeed = relay?.connect(store.dispatch)
export const myCall = relay === undefined ? createMyCall(backend) : createLiveCall(store)
export const replay = startScenarioReplay(feed.enqueue, demoConfig.replaySpeed)
export const readings = startMeters(() => feed.stats.events)
export { eventLog, generator }

import { describe, expect, it } from 'vitest'
import {
  conferenceEnded,
  conferencesMerged,
  conferencesReducer,
  conferenceSnapshotReceived,
  conferencesPruned,
  createConferenceSelectors,
  eventRejected,
  eventsReceived,
  participantIdentified,
  participantJoined,
  participantLeft,
  type ConferenceEvent,
  type ConferencesState,
} from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const slice = createConferenceSelectors((state: ConferencesState) => state)

/** Every object reachable from `root` that is not frozen, by path. */
function unfrozen(root: unknown): string[] {
  const found: string[] = []
  const seen = new Set<object>()
  const walk = (value: unknown, path: string) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return
    seen.add(value)
    if (!Object.isFrozen(value)) found.push(path)
    for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`)
  }
  walk(root, 'state')
  return found
}

describe('development builds freeze every object a reducer creates', () => {
  it('after every kind of event, nothing in the state can be mutated', () => {
    const cf = fakeSid('CF', 1)
    const other = fakeSid('CF', 2)
    const events: Array<{ type: string }> = [
      participantJoined({ conferenceSid: cf, callSid: fakeSid('CA', 1), sequence: 1, taskSid: fakeSid('WT', 1) }, 1),
      participantIdentified({ conferenceSid: cf, callSid: fakeSid('CA', 1), identity: { workerSid: fakeSid('WK', 1) } }, 2),
      conferenceSnapshotReceived({ conferenceSid: cf, requestedAt: 2, source: 'test', participants: [{ callSid: fakeSid('CA', 2), status: 'joined' }] }, 3),
      participantLeft({ conferenceSid: cf, callSid: fakeSid('CA', 2), sequence: 5 }, 4),
      eventsReceived([participantJoined({ conferenceSid: other, callSid: fakeSid('CA', 3), sequence: 1 }, 5) as ConferenceEvent]),
      eventRejected({ source: 'test', reason: 'r', summary: 's' }, 6),
      conferenceEnded({ conferenceSid: other, sequence: 2 }, 7),
      conferencesPruned({ now: 24 * 3_600_000 }),
    ]
    let state = conferencesReducer(undefined, { type: 'init' })
    for (const event of events) {
      state = conferencesReducer(state, event as ConferenceEvent)
      expect(unfrozen(state)).toEqual([])
    }
    const copy = conferencesReducer(conferencesReducer(undefined, { type: 'init' }), conferencesMerged(JSON.parse(JSON.stringify(slice.selectConferenceExport(state))), 8))
    expect(unfrozen(copy)).toEqual([])
    expect(() => {
      ;(copy.sidChunks as string[][]).push([])
    }).toThrow(TypeError)
  })
})

/** An announcement is recorded on its conference as plain data: what it did not say stays absent. */
import { describe, expect, it } from 'vitest'
import { announcementEnded, announcementFailed, conferencesReducer, createConferencesState, participantJoined } from 'conference-state'
import { fakeSid } from 'conference-state/testing'

const CF = fakeSid('CF', 1)

describe('the last announcement', () => {
  it('keeps no key for a field the event did not carry, so the state survives a JSON round trip', () => {
    let state = conferencesReducer(createConferencesState(), participantJoined({ conferenceSid: CF, callSid: fakeSid('CA', 1), sequence: 1 }, 1))
    state = conferencesReducer(state, announcementEnded({ conferenceSid: CF, sequence: 2 }, 2))
    const record = state.table.flat(2).find((conference) => conference.conferenceSid === CF)
    expect(record?.lastAnnouncement).toStrictEqual({ outcome: 'ended', version: expect.any(Number) as number })
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state)
  })

  it('keeps the reason and URL a failure carried', () => {
    const state = conferencesReducer(createConferencesState(), announcementFailed({ conferenceSid: CF, sequence: 1, reason: 'bad URL', announceUrl: 'https://example.com/a.xml' }, 1))
    const record = state.table.flat(2).find((conference) => conference.conferenceSid === CF)
    expect(record?.lastAnnouncement).toMatchObject({ outcome: 'failed', reason: 'bad URL', announceUrl: 'https://example.com/a.xml' })
    expect(record?.lastAnnouncement).not.toHaveProperty('callSid')
  })
})

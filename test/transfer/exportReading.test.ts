import { describe, expect, it } from 'vitest'
import { conferencesReducer, participantJoined, selectConferenceExport, type ConferencesState } from 'conference-state'
import { fakeSid } from 'conference-state/testing'
import { MAX_EXPORTED_CONFERENCES, MAX_EXPORTED_LEGS, readExport } from '../../src/reducers/exportSchema'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)

/** A valid export of one conference with one leg, as plain JSON data. */
function validExport(): { format: 1; conferences: Array<Record<string, unknown>> } {
  const state: ConferencesState = conferencesReducer(undefined, participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 10))
  return JSON.parse(JSON.stringify(selectConferenceExport({ conferences: state }))) as { format: 1; conferences: Array<Record<string, unknown>> }
}

const legOf = (exported: ReturnType<typeof validExport>) => (exported.conferences[0]!.participants as Array<Record<string, unknown>>)[0]!

describe('readExport (the conferencesMerged door, without a schema library)', () => {
  it('passes a valid export through as an equal, fresh copy', () => {
    const exported = validExport()
    const read = readExport(exported)
    expect(read.problems).toEqual([])
    expect(read.conferences).toEqual(exported.conferences)
    expect(read.conferences[0]).not.toBe(exported.conferences[0])
    expect(read.conferences[0]!.participants[0]).not.toBe(legOf(exported))
  })

  it('reads a getter once, and keeps the value it gave', () => {
    const exported = validExport()
    let reads = 0
    const conference = { ...exported.conferences[0]! }
    delete conference.friendlyName
    Object.defineProperty(conference, 'friendlyName', { enumerable: true, get: () => (++reads === 1 ? 'Sales' : 42) })
    const read = readExport({ format: 1, conferences: [conference] })
    expect(read.problems).toEqual([])
    expect(reads).toBe(1)
    expect(read.conferences[0]!.friendlyName).toBe('Sales')
  })

  it('turns a throwing getter deep in a leg into a rejection of that conference, not a throw', () => {
    const exported = validExport()
    Object.defineProperty(legOf(exported), 'speaking', { enumerable: true, get: () => { throw new Error('boom') } })
    const read = readExport(exported)
    expect(read.conferences).toEqual([])
    expect(read.problems).toEqual([{ field: 'conferences[0]', reason: 'could not be read (boom)' }])
  })

  it('does not let a polluted prototype fill in an absent field', () => {
    const exported = validExport()
    delete exported.conferences[0]!.conferenceSid
    const polluted = Object.prototype as Record<string, unknown>
    polluted.conferenceSid = CF
    try {
      expect(readExport(exported).problems).toEqual([{ field: 'conferences[0].conferenceSid', reason: 'is required' }])
    } finally {
      delete polluted.conferenceSid
    }
  })

  it.each([
    ['an unknown register', (leg: Record<string, unknown>) => ((leg.versions as Record<string, unknown>).mood = 3), 'conferences[0].participants[0].versions.mood', /is not a register of a leg/],
    ['an unknown leg field', (leg: Record<string, unknown>) => (leg.holdPending = {}), 'conferences[0].participants[0].holdPending', /is not a field of an exported participant/],
    ['a negative version', (leg: Record<string, unknown>) => (leg.order = -1), 'conferences[0].participants[0].order', /must be a version/],
    ['an unsafe call SID', (leg: Record<string, unknown>) => (leg.callSid = 'constructor'), 'conferences[0].participants[0].callSid', /reserved/],
    ['a missing flag', (leg: Record<string, unknown>) => delete leg.muted, 'conferences[0].participants[0].muted', /is required/],
    ['a bad identity value', (leg: Record<string, unknown>) => (leg.workerSid = 'WR00000000000000000000000000000001'), 'conferences[0].participants[0].workerSid', /starting with WK/],
    ['an unknown status', (leg: Record<string, unknown>) => (leg.status = 'gone'), 'conferences[0].participants[0].status', /must be joined, recently_left or left/],
  ])('refuses %s by its dotted field', (_name, spoil, field, reason) => {
    const exported = validExport()
    spoil(legOf(exported))
    const [problem] = readExport(exported).problems
    expect(problem?.field).toBe(field)
    expect(problem?.reason).toMatch(reason)
  })

  it('refuses an over-long list before reading any of its members', () => {
    const exported = validExport()
    let touched = 0
    const legs = new Proxy(new Array<unknown>(MAX_EXPORTED_LEGS + 1), {
      get: (target, key) => {
        if (key !== 'length') touched += 1
        return Reflect.get(target, key) as unknown
      },
    })
    exported.conferences[0]!.participants = legs as unknown[]
    expect(readExport(exported).problems).toEqual([{ field: 'conferences[0].participants', reason: `must hold at most ${MAX_EXPORTED_LEGS} legs` }])
    expect(touched).toBe(0)
    const tooMany = { format: 1, conferences: new Array<unknown>(MAX_EXPORTED_CONFERENCES + 1) }
    expect(readExport(tooMany).problems[0]?.field).toBe('conferences')
  })

  it('reads each tombstone alone: a bad one is refused and the good one kept', () => {
    const read = readExport({ format: 1, conferences: [], forgottenConferences: [{ conferenceSid: CF, version: 4 }, { conferenceSid: CF, version: 'x' }] })
    expect(read.forgottenConferences).toEqual([{ conferenceSid: CF, version: 4 }])
    expect(read.problems.map((problem) => problem.field)).toEqual(['forgottenConferences[1].version'])
  })
})

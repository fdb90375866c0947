/**
 * The built package, as users install it: every name of DESIGN section 11 is exported from both
 * the ESM and the CJS build, and the bin runs. `npm test` builds first.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const CONTRACT = [
  'conferencesSlice',
  'conferencesReducer',
  'conferenceStarted',
  'conferenceEnded',
  'participantJoined',
  'participantLeft',
  'participantMuted',
  'participantUnmuted',
  'participantHeld',
  'participantUnheld',
  'participantModified',
  'participantSpeechStarted',
  'participantSpeechStopped',
  'announcementEnded',
  'announcementFailed',
  'participantIdentified',
  'conferenceSnapshotReceived',
  'currentWorkerIdentified',
  'recentlyLeftExpired',
  'conferencesPruned',
  'eventsReceived',
  'eventRejected',
  'fromTwilioStatusCallback',
  'fromTwilioParticipantList',
  'fromEvoVoiceSession',
  'selectConferenceView',
  'selectConferenceViewByTaskSid',
  'selectConferenceSids',
  'selectParticipants',
  'selectLiveParticipantCount',
  'selectLiveWorkerCount',
  'selectLiveWorkers',
  'selectMyParticipants',
  'selectIsCustomerOnHold',
  'selectIsMyselfOnHold',
  'selectIsMyselfMuted',
  'selectIsGroupCall',
  'selectRejectedEvents',
  'selectFlexConferencesState',
  'createConferenceSelectors',
]

const dist = new URL('../dist/', import.meta.url)
const requireFromHere = createRequire(import.meta.url)

describe('the built package', () => {
  it('has been built (npm test runs the build first)', () => {
    expect(existsSync(new URL('index.js', dist))).toBe(true)
  })

  it.each([
    ['ESM', async () => (await import(new URL('index.js', dist).href)) as Record<string, unknown>],
    ['CJS', async () => requireFromHere(new URL('index.cjs', dist).pathname) as Record<string, unknown>],
  ])('exports every name of the public contract from the %s build', async (_format, load) => {
    const built = await load()
    const missing = CONTRACT.filter((name) => built[name] === undefined)
    expect(missing).toEqual([])
    expect(typeof (built.participantJoined as { type?: unknown }).type).toBe('string')
  })

  it('actions keep their event names under conferences/', async () => {
    const built = (await import(new URL('index.js', dist).href)) as Record<string, { type?: string }>
    for (const name of CONTRACT.filter((item) => built[item]?.type !== undefined)) {
      expect(built[name]?.type).toBe(`conferences/${name}`)
    }
  })

  it('exports the hooks from conference-state/react, as dist/react/index.js and index.cjs', () => {
    const hooks = [
      'createConferenceHooks',
      'useConferenceSids',
      'useConferenceView',
      'useConferenceViewByTaskSid',
      'useParticipants',
      'useParticipant',
      'useLiveParticipants',
      'useRecentlyLeftParticipants',
      'useLiveParticipantCount',
      'useLiveWorkers',
      'useLiveWorkerCount',
      'useMyParticipants',
      'useIsCustomerOnHold',
      'useIsMyselfOnHold',
      'useIsMyselfMuted',
      'useIsGroupCall',
      'useCurrentWorkerSid',
      'useRejectedEvents',
      'useControlErrors',
    ]
    // A fresh Node resolves the subpath through package.json `exports`, and the entry's own import
    // of `conference-state` by name, as an installed package would.
    const report = 'console.log(JSON.stringify({ file, functions: Object.keys(m).filter((k) => typeof m[k] === "function") }))'
    const load = (inputType: 'module' | 'commonjs', code: string) =>
      JSON.parse(
        execFileSync(process.execPath, [`--input-type=${inputType}`, '-e', `${code}; ${report}`], {
          cwd: new URL('..', dist),
          encoding: 'utf8',
        }),
      ) as { file: string; functions: string[] }
    const esm = load('module', "const m = await import('conference-state/react'); const file = import.meta.resolve('conference-state/react')")
    const cjs = load('commonjs', "const m = require('conference-state/react'); const file = require.resolve('conference-state/react')")
    expect(esm.file).toMatch(/\/dist\/react\/index\.js$/)
    expect(cjs.file).toMatch(/\/dist\/react\/index\.cjs$/)
    expect(hooks.filter((name) => !esm.functions.includes(name))).toEqual([])
    expect(hooks.filter((name) => !cjs.functions.includes(name))).toEqual([])
  })

  it('runs the bin', () => {
    const out = execFileSync(process.execPath, [new URL('cli/bin.js', dist).pathname, 'replay', 'docs/scenarios/inbound-call.ndjson'], {
      encoding: 'utf8',
    })
    expect(out).toMatch(/18 events replayed, 0 lines skipped/)
  })
})

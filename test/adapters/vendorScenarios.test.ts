/**
 * The Connect and Genesys replay scenarios (docs/scenarios/*.ndjson, built from the real-client
 * recordings): the CLI reads every line, and replaying them gives the checkpoints the scenario
 * README promises.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { currentWorkerIdentified, selectConferenceSids, selectConferenceView } from 'conference-state'
import { createTestStore } from 'conference-state/testing'
import { readReplayFile } from '../../src/cli/readEvents'
import { main } from '../../src/cli/main'

function replay(file: string, me: string) {
  const { events, problems } = readReplayFile(readFileSync(`docs/scenarios/${file}`, 'utf8'))
  expect(problems).toStrictEqual([])
  const store = createTestStore()
  store.dispatch(currentWorkerIdentified({ workerSid: me }))
  const views = events.map(({ action }) => {
    store.dispatch(action)
    const [sid] = selectConferenceSids(store.getState())
    return selectConferenceView(store.getState(), sid ?? '')
  })
  return { events, views }
}

describe('vendor replay scenarios', () => {
  it('connect-three-party-barge: hold and mute, a third party, a barging supervisor, the end', () => {
    const { events, views } = replay('connect-three-party-barge.ndjson', 'alice')
    expect(events).toHaveLength(8)
    expect(views[1]).toMatchObject({ isCustomerOnHold: true, isMyselfMuted: true, liveParticipantCount: 2 })
    expect(views[3]).toMatchObject({ isCustomerOnHold: false, liveParticipantCount: 3, isGroupCall: true })
    expect(views[4]?.participants.find((leg) => leg.participantType === 'supervisor')).toMatchObject({ isLive: true, monitoredCallSid: views[4]?.myParticipants[0]?.callSid })
    expect(views[4]?.liveParticipantCount).toBe(3)
    expect(views[7]).toMatchObject({ status: 'closed', liveParticipantCount: 0, liveWorkers: [] })
  })

  it('genesys-consult-monitor-coach: consult, conference, monitor, coach, the end', () => {
    const { events, views } = replay('genesys-consult-monitor-coach.ndjson', '1a6f1d2e-0b7c-4e3a-9f5d-7c2b8e4a6d01')
    expect(events).toHaveLength(9)
    expect(views[1]).toMatchObject({ isCustomerOnHold: true, isMyselfOnHold: false })
    expect(views[3]).toMatchObject({ liveParticipantCount: 3, liveWorkerCount: 2 })
    const supervisor = (index: number) => views[index]?.participants.find((leg) => leg.participantType === 'supervisor')
    expect(supervisor(5)).toMatchObject({ muted: true, coaching: false })
    expect(supervisor(6)).toMatchObject({ muted: false, coaching: true, callSidToCoach: views[6]?.myParticipants[0]?.callSid })
    expect(views[7]).toMatchObject({ isMyselfMuted: true, liveParticipantCount: 2 })
    expect(views[8]).toMatchObject({ status: 'closed', liveParticipantCount: 0, liveWorkers: [] })
  })

  it('the CLI replays both without skipping a line', () => {
    for (const [file, me] of [['connect-three-party-barge', 'alice'], ['genesys-consult-monitor-coach', '1a6f1d2e-0b7c-4e3a-9f5d-7c2b8e4a6d01']] as const) {
      const out: string[] = []
      expect(main(['replay', `docs/scenarios/${file}.ndjson`, '--worker', me], (text) => out.push(text), () => {})).toBe(0)
      expect(out.join('\n')).toMatch(/events replayed, 0 lines skipped$/)
    }
  })
})

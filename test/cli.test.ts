import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli/main'

const ME = 'WK00000000000000000000000000000001'

function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = main(args, (text) => out.push(text), (text) => err.push(text))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('conference-state replay', () => {
  it('prints the warm-transfer timeline: counts, workers, holds and departures', () => {
    const { code, out } = run(['replay', 'docs/scenarios/warm-transfer.ndjson', '--worker', ME])
    expect(code).toBe(0)
    expect(out).toContain('customer CA…00c1 on hold')
    expect(out).toMatch(/live 3 · workers worker WK…0001 \(me\), worker WK…0002 · on hold customer CA…00c1/)
    expect(out).toContain('worker WK…0001 (me) recently left (participant_hung_up)')
    expect(out).toContain('conference active → closed')
    expect(out).toMatch(/34 events replayed, 0 lines skipped$/)
  })

  it.each(['inbound-call', 'warm-transfer', 'supervisor-monitor-coach-barge', 'failed-external-add', 'out-of-order-duplicates'])(
    'replays %s shuffled with duplicates to the in-order final state',
    (name) => {
      for (const seed of ['1', '2', '3']) {
        const { code, out } = run(['replay', `docs/scenarios/${name}.ndjson`, '--shuffle', seed])
        expect(out).toContain('the final state equals the in-order replay')
        expect(code).toBe(0)
      }
    },
  )

  it('reports bad lines with their number and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'))
    const file = join(dir, 'mixed.ndjson')
    writeFileSync(
      file,
      [
        'StatusCallbackEvent=participant-join&ConferenceSid=CF00000000000000000000000000000001&CallSid=CA00000000000000000000000000000001&SequenceNumber=1',
        '{"not json',
        'StatusCallbackEvent=participant-join&ConferenceSid=CF00000000000000000000000000000001&SequenceNumber=2',
        '{"type":"conferences/participantHeld","payload":{"conferenceSid":"CF00000000000000000000000000000001","callSid":"CA00000000000000000000000000000001","sequence":3}}',
        '{"type":"todos/added","payload":{}}',
      ].join('\n'),
    )
    const { code, out, err } = run(['replay', file])
    expect(code).toBe(0)
    expect(err).toMatch(/line 2: skipped: not valid JSON/)
    expect(err).toMatch(/line 3: skipped: `CallSid` is required/)
    expect(err).toMatch(/line 5: skipped: unknown action type "todos\/added"/)
    expect(out).toContain('2 events replayed, 3 lines skipped')
    expect(out).toContain('on hold unknown CA…0001')
  })

  it('prints one JSON object per event with --json', () => {
    const { out } = run(['replay', 'docs/scenarios/inbound-call.ndjson', '--json', '--worker', ME])
    const entries = out.split('\n').map((line) => JSON.parse(line) as { event: string; liveParticipantCount?: number })
    expect(entries[0]).toMatchObject({ event: 'participantJoined', liveParticipantCount: 1 })
    expect(entries.length).toBe(18)
  })

  it('explains its usage on bad arguments', () => {
    expect(run(['replay']).code).toBe(2)
    expect(run(['replay', 'missing-file.ndjson']).err).toMatch(/cannot read missing-file.ndjson/)
    expect(run(['replay', 'x', '--shuffle', 'abc']).err).toMatch(/--shuffle takes an integer seed/)
  })

  it('prints the package version with --version', () => {
    const { code, out } = run(['--version'])
    expect(code).toBe(0)
    expect(out).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version)
  })

  it('shows no time of day for an event whose source gave none, instead of 00:00:00', () => {
    const file = scenarioFile([
      '{"type":"conferences/participantJoined","payload":{"conferenceSid":"CF00000000000000000000000000000001","callSid":"CA00000000000000000000000000000001","sequence":1}}',
    ])
    const { out } = run(['replay', file])
    expect(out).toMatch(/^--:--:-- {2}#1 {4}participantJoined/)
    expect(out).not.toContain('00:00:00')
  })

  it('shows no time of day, and goes on, for a receivedAt no date can hold', () => {
    const file = scenarioFile([
      '{"type":"conferences/participantJoined","payload":{"conferenceSid":"CF00000000000000000000000000000001","callSid":"CA00000000000000000000000000000001","sequence":1},"meta":{"receivedAt":1e20}}',
      '{"type":"conferences/participantHeld","payload":{"conferenceSid":"CF00000000000000000000000000000001","callSid":"CA00000000000000000000000000000001","sequence":2},"meta":{"receivedAt":2000}}',
    ])
    const { code, out } = run(['replay', file])
    expect(code).toBe(0)
    expect(out).toMatch(/^--:--:-- {2}#1 {4}participantJoined/)
    expect(out).toContain('00:00:02  #2    participantHeld')
    expect(out).toContain('2 events replayed, 0 lines skipped')
  })

  it('shows what a batch line changed, in each conference it touched', () => {
    const member = (conference: string, call: string) =>
      `{"type":"conferences/participantJoined","payload":{"conferenceSid":"CF0000000000000000000000000000000${conference}","callSid":"CA0000000000000000000000000000000${call}","sequence":1,"flags":{"onHold":true},"identity":{"participantType":"customer"}}}`
    const file = scenarioFile([`{"type":"conferences/eventsReceived","payload":[${member('1', '1')},${member('2', '2')}]}`])
    const entries = run(['replay', file, '--json']).out.split('\n').map((line) => JSON.parse(line) as { line: number; conferenceSid?: string; changes: string[]; onHold: string[] })
    expect(entries.map(({ line, conferenceSid }) => [line, conferenceSid])).toEqual([
      [1, 'CF00000000000000000000000000000001'],
      [1, 'CF00000000000000000000000000000002'],
    ])
    expect(entries[0]?.changes).toContain('customer CA…0001 joined')
    expect(entries[1]?.onHold).toEqual(['customer CA…0002'])
  })

  it('reports an action the reducer refuses as skipped, with its reason, and a refused batch member without the rest', () => {
    const held = '{"type":"conferences/participantHeld","payload":{"conferenceSid":"CF00000000000000000000000000000001"}}'
    const joined = '{"type":"conferences/participantJoined","payload":{"conferenceSid":"CF00000000000000000000000000000001","callSid":"CA00000000000000000000000000000001","sequence":1}}'
    const rejection = '{"type":"conferences/eventRejected","payload":{"source":"my-adapter","reason":"kept on purpose","summary":"x"}}'
    const file = scenarioFile([held, `{"type":"conferences/eventsReceived","payload":[${joined},${held}]}`, rejection])
    const { code, out, err } = run(['replay', file])
    expect(code).toBe(0)
    expect(err).toMatch(/line 1: skipped: refused: .*`callSid` is required/)
    expect(err).toMatch(/line 2: skipped: a member of the batch was refused: .*`callSid` is required/)
    expect(err).not.toMatch(/line 3/)
    expect(out).not.toMatch(/#1 +participantHeld/)
    expect(out).toContain('unknown CA…0001 joined')
    expect(out).toContain('2 events replayed, 1 lines skipped')
  })

  it('prints a recently_left expiry as its own entry, under the conference it changed, not under the next event', () => {
    const leg = (event: string, sequence: number, at: string, callSid = '01') =>
      `StatusCallbackEvent=${event}&ConferenceSid=CF00000000000000000000000000000001&CallSid=CA000000000000000000000000000000${callSid}&SequenceNumber=${sequence}&Timestamp=${encodeURIComponent(at)}`
    const other = 'StatusCallbackEvent=participant-join&ConferenceSid=CF00000000000000000000000000000002&CallSid=CA00000000000000000000000000000009&SequenceNumber=1&Timestamp=' +
      encodeURIComponent('Thu, 12 Nov 2026 14:00:30 +0000')
    const file = scenarioFile([
      leg('participant-join', 1, 'Thu, 12 Nov 2026 14:00:00 +0000'),
      leg('participant-join', 2, 'Thu, 12 Nov 2026 14:00:01 +0000', '02'),
      leg('participant-leave', 3, 'Thu, 12 Nov 2026 14:00:02 +0000'),
      other,
    ])
    const entries = run(['replay', file, '--json']).out.split('\n').map((line) => JSON.parse(line) as { event: string; line?: number; conferenceSid?: string; changes: string[] })
    expect(entries.map((entry) => [entry.event, entry.line, entry.conferenceSid?.slice(-1)])).toEqual([
      ['participantJoined', 1, '1'],
      ['participantJoined', 2, '1'],
      ['participantLeft', 3, '1'],
      ['recentlyLeftExpired', undefined, '1'],
      ['participantJoined', 4, '2'],
    ])
    expect(entries[3]?.changes).toEqual(['unknown CA…0001 left'])
    expect(entries[4]?.changes).toEqual(['conference CF…0002 appears (setup)', 'unknown CA…0009 joined'])
    const text = run(['replay', file]).out
    expect(text).toMatch(/14:00:30 {8}recentlyLeftExpired +CF…0001\n +• unknown CA…0001 left\n/)
  })
})

function scenarioFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'scenario.ndjson')
  writeFileSync(file, lines.join('\n'))
  return file
}

/**
 * Replays the recorded calls of docs/scenarios (imported with Vite's `?raw`) with their own
 * timing, compressed, in a loop. Each line goes through `fromTwilioStatusCallback` as it is. From
 * the second loop on, the conference, call and task SIDs get a loop number, so a replay is a new
 * call rather than duplicates of the last one (which the slice would rightly ignore).
 */
import { fromTwilioStatusCallback } from 'conference-state/twilio'
import { type ConferenceEvent } from 'conference-state'
import { createObservable, type Observable } from '../feed/observable'

const files = import.meta.glob<string>('../../../../docs/scenarios/*.ndjson', { query: '?raw', import: 'default', eager: true })

export interface ScenarioFile {
  name: string
  lines: string[]
}

/** The scenario files, by name (`warm-transfer`, …), warm transfer first: it is the main demo. */
export const SCENARIOS: readonly ScenarioFile[] = Object.entries(files)
  .map(([path, text]) => ({
    name: path.replace(/^.*\/(.*)\.ndjson$/, '$1'),
    lines: text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')),
  }))
  .sort((a, b) => Number(b.name === 'warm-transfer') - Number(a.name === 'warm-transfer') || a.name.localeCompare(b.name))

export interface ReplayState {
  name: string
  /** The conference of the current loop. */
  conferenceSid: string
  loop: number
  /** Lines replayed in this loop. */
  position: number
  total: number
}

/** `CF000000000000000000000000000000a2` in loop 3 → `CF000000030000000000000000000000a2`. */
export function tagSids(line: string, loop: number): string {
  if (loop === 0) return line
  const tag = loop.toString(16).padStart(8, '0')
  return line.replace(/\b(CF|CA|WT)0{8}([0-9a-f]{24})\b/g, `$1${tag}$2`)
}

const timestampOf = (line: string): number => Date.parse(new URLSearchParams(line).get('Timestamp') ?? '')

export interface ScenarioReplay {
  readonly states: Observable<readonly ReplayState[]>
}

/**
 * Starts every scenario, staggered, each in its own loop.
 *
 * @param deliver - Where each event goes (the event feed).
 * @param speed - How much faster than the recorded timestamps.
 */
export function startScenarioReplay(deliver: (event: ConferenceEvent) => void, speed: number): ScenarioReplay {
  const initial = SCENARIOS.map((scenario) => ({
    name: scenario.name,
    conferenceSid: new URLSearchParams(scenario.lines[0] ?? '').get('ConferenceSid') ?? '',
    loop: 0,
    position: 0,
    total: scenario.lines.length,
  }))
  const states = createObservable<readonly ReplayState[]>(initial)
  const update = (index: number, change: Partial<ReplayState>) =>
    states.set(states.get().map((state, i) => (i === index ? { ...state, ...change } : state)))

  SCENARIOS.forEach((scenario, index) => {
    let loop = 0
    let position = 0
    const next = () => {
      if (position >= scenario.lines.length) {
        loop += 1
        position = 0
        const first = tagSids(scenario.lines[0] ?? '', loop)
        update(index, { loop, position, conferenceSid: new URLSearchParams(first).get('ConferenceSid') ?? '' })
      }
      const line = tagSids(scenario.lines[position] as string, loop)
      deliver(fromTwilioStatusCallback(line))
      position += 1
      update(index, { position })
      if (position >= scenario.lines.length) {
        // Let the ended call show for a while before the next loop.
        setTimeout(next, 6000)
        return
      }
      const gap = timestampOf(scenario.lines[position] as string) - timestampOf(scenario.lines[position - 1] as string)
      // Out-of-order arrivals (negative gaps) and same-second events come 150 ms apart.
      const delay = Number.isFinite(gap) && gap > 0 ? Math.min(Math.max(gap / speed, 150), 3000) : 150
      setTimeout(next, delay)
    }
    setTimeout(next, 300 + index * 700)
  })

  return { states }
}

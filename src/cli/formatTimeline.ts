/**
 * The human-readable timeline printed by `conference-state replay`.
 *
 * @module
 */
import type { ReplayProblem } from './readEvents'
import { shortSid, type ShuffleReport, type TimelineEntry } from './replay'

/** The entry's time of day (UTC), or a placeholder when the source gave none a date can show. */
function time(entry: TimelineEntry): string {
  const date = new Date(entry.receivedAt)
  return entry.timed && !Number.isNaN(date.getTime()) ? date.toISOString().slice(11, 19) : '--:--:--'
}
const list = (items: readonly string[]) => (items.length === 0 ? '—' : items.join(', '))

/** One timeline entry as a few aligned lines. */
export function formatEntry(entry: TimelineEntry): string {
  const line = entry.line === undefined ? '     ' : `#${String(entry.line).padEnd(4)}`
  const head = `${time(entry)}  ${line} ${entry.event.padEnd(26)} ${
    entry.conferenceSid === undefined ? '' : shortSid(entry.conferenceSid)
  }`
  const lines = [head.trimEnd()]
  for (const change of entry.changes) lines.push(`          • ${change}`)
  if (entry.liveParticipantCount !== undefined) {
    lines.push(
      `          live ${entry.liveParticipantCount} · workers ${list(entry.liveWorkers)} · on hold ${list(entry.onHold)} · muted ${list(entry.muted)}`,
    )
  }
  return lines.join('\n')
}

/** The reports of lines that were skipped. */
export function formatProblems(problems: readonly ReplayProblem[]): string[] {
  return problems.map(({ line, reason }) => `line ${line}: skipped: ${reason}`)
}

/** The verdict of `--shuffle`. */
export function formatShuffle(report: ShuffleReport): string {
  const what = `${report.events} sequenced events shuffled with seed ${report.seed}, ${report.duplicates} delivered twice`
  return report.equal
    ? `shuffle: ${what}: the final state equals the in-order replay`
    : `shuffle: ${what}: the final state DIFFERS for ${report.differing.join(', ')}`
}

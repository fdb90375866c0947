/**
 * The `conference-state` command.
 *
 *   conference-state replay <file.ndjson> [--worker WK…] [--json] [--shuffle <seed>]
 *   conference-state relay [--port 8787] [--host 127.0.0.1]   (see `relayCommand.ts`)
 *
 * @module
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { formatEntry, formatProblems, formatShuffle } from './formatTimeline'
import { readReplayFile } from './readEvents'
import { replayInOrder, replayShuffled } from './replay'

const USAGE = `Usage: conference-state replay <file.ndjson> [options]
       conference-state relay [--port 8787] [--host 127.0.0.1]   (conference-state relay --help)

Replays conference events and prints what changed after each one.
Each line: a form-encoded Twilio status callback, a JSON object of callback parameters,
or a conference-state action ({"type":"conferences/…","payload":{…}}).

Options:
  --worker <WK…>     the logged-in worker ("me")
  --json             one JSON object per event instead of text
  --shuffle <seed>   also replay in a random order with duplicates and check the final state
                     equals the in-order one (exit code 1 if it does not)
  -v, --version      the package version
  -h, --help         this text`

/** The version of the installed package (src/cli and dist/cli both sit two levels below it). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }
  return String(manifest.version)
}

/** Runs the command; returns the exit code. */
export function main(argv: readonly string[], out: (text: string) => void, err: (text: string) => void): number {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        worker: { type: 'string' },
        json: { type: 'boolean', default: false },
        shuffle: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    })
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    out(USAGE)
    return 0
  }
  if (values.version) {
    out(packageVersion())
    return 0
  }
  const [command, file, ...rest] = positionals
  if (command !== 'replay' || file === undefined || rest.length > 0) {
    err(USAGE)
    return 2
  }
  const seed = values.shuffle === undefined ? undefined : Number(values.shuffle)
  if (seed !== undefined && !Number.isInteger(seed)) {
    err(`--shuffle takes an integer seed, got "${values.shuffle}"`)
    return 2
  }
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }

  const { events, problems: unread } = readReplayFile(text)
  const { timeline, refused, replayed } = replayInOrder(events, values.worker)
  const problems = [...unread, ...refused].sort((a, b) => a.line - b.line)
  const skipped = unread.length + (events.length - replayed)
  const report = seed === undefined ? undefined : replayShuffled(events, seed)
  if (values.json) {
    for (const entry of timeline) out(JSON.stringify(entry))
    for (const problem of problems) out(JSON.stringify({ skipped: problem }))
    if (report !== undefined) out(JSON.stringify({ shuffle: report }))
  } else {
    for (const entry of timeline) out(formatEntry(entry))
    for (const line of formatProblems(problems)) err(line)
    out(`${replayed} events replayed, ${skipped} lines skipped`)
    if (report !== undefined) out(formatShuffle(report))
  }
  return report !== undefined && !report.equal ? 1 : 0
}

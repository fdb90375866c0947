// `npm start`: one line on what is about to play, a quiet build, then the replay of the
// warm-transfer scenario as the first agent.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const run = (args: string[], stdio: 'inherit' | ['ignore', 'ignore', 'inherit']) => spawnSync(process.execPath, args, { stdio, cwd: new URL('..', import.meta.url) }).status ?? 1

console.log(
  'conference-state: replaying docs/scenarios/warm-transfer.ndjson as agent WK…01 — a customer call, a consult with a ' +
    'second agent while the customer waits on hold, then agent 1 hangs up and leaves the customer with agent 2.',
)
const built = run([require.resolve('tsup/dist/cli-default.js'), '--silent'], ['ignore', 'ignore', 'inherit'])
if (built !== 0) {
  console.error('the build failed (run `npm run build` to see why)')
  process.exit(built)
}
process.exitCode = run(
  ['dist/cli/bin.js', 'replay', 'docs/scenarios/warm-transfer.ndjson', '--worker', 'WK00000000000000000000000000000001'],
  'inherit',
)

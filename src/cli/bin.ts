/**
 * The executable behind the `conference-state` command.
 *
 * @module
 */
import { main } from './main'
import { runRelayCommand } from './relayCommand'

// A reader that stops early (`conference-state replay … | head -1`) closes the pipe: the output
// nobody reads is dropped, and the command ends as it would have, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

const args = process.argv.slice(2)
const out = (text: string) => process.stdout.write(`${text}\n`)
const err = (text: string) => process.stderr.write(`${text}\n`)

if (args[0] === 'relay') {
  void runRelayCommand(args.slice(1), {
    env: process.env,
    out,
    err,
    onStop: (stop) => {
      process.once('SIGTERM', stop)
      process.once('SIGINT', stop)
    },
  }).then((code) => {
    process.exitCode = code
  })
} else {
  process.exitCode = main(args, out, err)
}

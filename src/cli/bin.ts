/**
 * The executable behind the `conference-state` command.
 *
 * @module
 */
import { main } from './main'

// A reader that stops early (`conference-state replay … | head -1`) closes the pipe: the output
// nobody reads is dropped, and the command ends as it would have, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

process.exitCode = main(
  process.argv.slice(2),
  (text) => process.stdout.write(`${text}\n`),
  (text) => process.stderr.write(`${text}\n`),
)

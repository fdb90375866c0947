/**
 * The executable behind the `conference-state` command.
 *
 * @module
 */
import { main } from './main'

process.exitCode = main(
  process.argv.slice(2),
  (text) => process.stdout.write(`${text}\n`),
  (text) => process.stderr.write(`${text}\n`),
)

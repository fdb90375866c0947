/**
 * Type-checks every ```ts and ```tsx block of README.md and docs/**\/*.md against the package's
 * entry points (`conference-state`, `conference-state/twilio`, …, read from src/ through the
 * tsconfig paths), so a sample cannot drift from the API it shows.
 *
 * Each block becomes its own module under `.doc-samples/` (git-ignored). The names a sample takes
 * from its surroundings (`store`, `conferenceSid`, a Flex `manager`, …) are declared once in
 * `scripts/doc-samples/context.d.ts`; a sample that imports `./store` gets
 * `scripts/doc-samples/store.ts` (and `./App`, `App.tsx`). Blocks in other languages (```sh, ```json, ```text) are skipped.
 *
 * Run: `npm run typecheck:docs` (part of `npm run typecheck`). Exit code 1 when a sample fails,
 * with the doc file and line of each error.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, '.doc-samples')
const context = join(root, 'scripts', 'doc-samples')

/** A code block of a doc: where it starts and what it holds. */
interface Sample {
  doc: string
  /** The doc line of the block's first code line (1-based). */
  line: number
  language: 'ts' | 'tsx'
  code: string
}

/** The Markdown files whose samples are checked: the README and every doc. */
function docFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return entry.name === 'api' ? [] : walk(path)
      return entry.name.endsWith('.md') ? [path] : []
    })
  return [join(root, 'README.md'), join(root, 'CONTRIBUTING.md'), join(root, 'CHANGELOG.md'), ...walk(join(root, 'docs'))].filter((path) => {
    try {
      readFileSync(path)
      return true
    } catch {
      return false
    }
  })
}

/** The ```ts and ```tsx blocks of a Markdown file. */
export function samplesOf(doc: string, text: string): Sample[] {
  const samples: Sample[] = []
  const lines = text.split('\n')
  let open: { language: string; start: number; body: string[] } | undefined
  lines.forEach((line, index) => {
    const fence = /^\s*```(\S*)\s*$/.exec(line)
    if (open === undefined) {
      if (fence !== null) open = { language: fence[1] ?? '', start: index + 2, body: [] }
      return
    }
    if (fence !== null && fence[1] === '') {
      if (open.language === 'ts' || open.language === 'tsx') {
        samples.push({ doc, line: open.start, language: open.language, code: open.body.join('\n') })
      }
      open = undefined
      return
    }
    open.body.push(line)
  })
  return samples
}

function main(): number {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const files = new Map<string, Sample>()
  for (const doc of docFiles()) {
    const name = relative(root, doc).replace(/[/.]/g, '_')
    for (const sample of samplesOf(relative(root, doc), readFileSync(doc, 'utf8'))) {
      const file = `${name}_L${sample.line}.${sample.language}`
      // `export {}` makes every sample a module, so samples do not share top-level names.
      writeFileSync(join(out, file), `${sample.code}\nexport {}\n`)
      files.set(file, sample)
    }
  }
  for (const file of readdirSync(context)) copyFileSync(join(context, file), join(out, file))
  writeFileSync(
    join(out, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: '../tsconfig.json',
        compilerOptions: {
          noEmit: true,
          // Samples show one thing each; unused imports and locals are fine in them.
          noUnusedLocals: false,
          noUnusedParameters: false,
          paths: { 'conference-state': ['../src/index.ts'], 'conference-state/*': ['../src/*/index.ts'] },
        },
        include: ['./*.ts', './*.tsx'],
      },
      null,
      2,
    ),
  )
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(out, 'tsconfig.json')], {
    encoding: 'utf8',
  })
  const report = `${tsc.stdout}${tsc.stderr}`
  let failures = 0
  for (const line of report.split('\n')) {
    const match = /^(?:\.doc-samples\/)?([^(/]+)\((\d+),(\d+)\): (error .*)$/.exec(line.replace(`${out}/`, ''))
    if (match === null) {
      if (line.trim() !== '' && !line.startsWith(' ')) console.error(line)
      continue
    }
    const [, file = '', row = '0', column = '0', message = ''] = match
    const sample = files.get(file)
    if (sample === undefined) {
      console.error(`${file}(${row},${column}): ${message}`)
    } else {
      console.error(`${sample.doc}:${sample.line + Number(row) - 1}:${column}: ${message}`)
    }
    failures += 1
  }
  if (tsc.status !== 0 && failures === 0) {
    console.error(report)
    return 1
  }
  console.log(`${files.size} samples in ${new Set([...files.values()].map((sample) => sample.doc)).size} docs: ${failures === 0 ? 'all compile' : `${failures} errors`}`)
  return failures === 0 ? 0 : 1
}

// Run as a script; imported (by the docs test), it only lends `samplesOf`.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main()

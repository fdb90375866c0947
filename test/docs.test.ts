/**
 * The README and the docs, as a newcomer meets them: the first lines say how to try it and run
 * the tests, every doc is reachable from the README, and no relative link is broken (on the npm
 * page too: the docs ship in the package). Code samples are type-checked by
 * `npm run typecheck:docs` (scripts/check-doc-samples.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { samplesOf } from '../scripts/check-doc-samples'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')

function markdownUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'api' ? [] : markdownUnder(path)
    return entry.name.endsWith('.md') ? [path] : []
  })
}

const docs = [...markdownUnder('docs'), 'CONTRIBUTING.md', 'CHANGELOG.md', 'examples/agent-desktop/README.md']

/** The relative link targets of a Markdown file, without their `#anchor`. */
function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '')
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0] ?? '')
}

describe('the README', () => {
  it('says how to try it and run the tests in its first lines', () => {
    const top = read('README.md').split('\n').slice(0, 8).join('\n')
    expect(top).toContain('Try it: `npm install && npm start`')
    expect(top).toContain('Run the tests: `npm test`')
  })

  it('shows Install, then the example, then the contents, before anything else', () => {
    const headings = read('README.md')
      .split('\n')
      .filter((line) => line.startsWith('## '))
    expect(headings.slice(0, 3)).toEqual(['## Install', '## Example', '## Contents'])
  })

  it.each(docs)('links to %s', (doc) => {
    expect(relativeLinks(read('README.md'))).toContain(doc)
  })
})

describe('links between the docs', () => {
  it.each(['README.md', ...docs])('%s has no broken relative link', (file) => {
    const broken = relativeLinks(read(file)).filter((target) => !existsSync(join(root, dirname(file), target)))
    expect(broken).toEqual([])
  })

  it('the package ships every file the README links to', () => {
    const files = (JSON.parse(read('package.json')) as { files: string[] }).files
    // An entry is a file, a folder, or a one-level glob (`docs/*.md`).
    const patterns = files.map((entry) => new RegExp(`^${entry.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`))
    const shipped = (path: string) => patterns.some((pattern) => pattern.test(path))
    const unshipped = relativeLinks(read('README.md')).filter((target) => !shipped(relative(root, join(root, target))))
    expect(unshipped).toEqual([])
  })
})

describe('samplesOf, the extractor behind npm run typecheck:docs', () => {
  it('takes the ts and tsx blocks with their first line, and skips the others', () => {
    const markdown = ['# t', '```ts', 'const a = 1', '```', '```sh', 'npm test', '```', '```tsx', 'const b = <div />', '```'].join('\n')
    expect(samplesOf('x.md', markdown)).toEqual([
      { doc: 'x.md', line: 3, language: 'ts', code: 'const a = 1' },
      { doc: 'x.md', line: 9, language: 'tsx', code: 'const b = <div />' },
    ])
  })
})

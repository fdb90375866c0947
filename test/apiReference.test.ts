/**
 * The API reference, as `npm run docs` generates it from JSDoc: every name an entry point exports
 * has a doc comment, and every value (function, class, constant) shows an example of its use.
 * The entry points are read from `typedoc.json`, so a new entry is checked as soon as it is
 * documented.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { entryPoints } = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] }

const program = ts.createProgram(
  entryPoints.map((entry) => join(root, entry)),
  {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    skipLibCheck: true,
    noEmit: true,
  },
)
const checker = program.getTypeChecker()

interface PublicName {
  name: string
  hasDoc: boolean
  hasExample: boolean
  isType: boolean
}

/** The names `entry` exports, each with what its declaration's JSDoc holds. */
function publicNamesOf(entry: string): PublicName[] {
  const source = program.getSourceFile(join(root, entry))
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source)
  if (module === undefined) throw new Error(`${entry} did not compile into a module`)
  return checker.getExportsOfModule(module).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const declaration = symbol.declarations?.[0]
    const tags = declaration === undefined ? [] : ts.getJSDocTags(declaration).map((tag) => tag.tagName.text)
    const docs = declaration === undefined ? [] : ts.getJSDocCommentsAndTags(declaration)
    return {
      name: exported.name,
      hasDoc: docs.length > 0,
      hasExample: tags.includes('example'),
      isType: declaration !== undefined && (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)),
    }
  })
}

describe.each(entryPoints)('the public names of %s', (entry) => {
  const names = publicNamesOf(entry)

  it('exist', () => {
    expect(names.length).toBeGreaterThan(0)
  })

  it('each have a doc comment', () => {
    expect(names.filter((name) => !name.hasDoc).map((name) => name.name)).toEqual([])
  })

  it('each show an example when they are values', () => {
    expect(names.filter((name) => !name.isType && !name.hasExample).map((name) => name.name)).toEqual([])
  })
})

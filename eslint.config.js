import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'docs/api/', 'coverage/', 'node_modules/', 'examples/**/dist/', '.doc-samples/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use a seeded generator: reducers and tests must be reproducible.' },
      ],
    },
  },
  {
    files: ['src/reducers/**', 'src/slice.ts', 'src/writer.ts', 'src/table.ts', 'src/ordering.ts', 'src/selectors/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Reducers and selectors are pure: take time from the action.' },
      ],
    },
  },
  {
    // The writer removes legs and conferences from records keyed by SIDs the guards validated.
    files: ['src/writer.ts'],
    rules: { '@typescript-eslint/no-dynamic-delete': 'off' },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
)

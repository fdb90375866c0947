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
    // Layers (docs/architecture.md, "Layers"): adapters and the shared checks never reach into the
    // reducers; the reducers and the control thunks share the command table (src/commands.ts), not each other.
    files: ['src/adapters/**', 'src/validation/**', 'src/controls/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/reducers', '**/reducers/**'], message: 'Import the shared checks from src/validation/ or the command table from src/commands.ts.' }] }],
    },
  },
  {
    files: ['src/reducers/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../controls', '../controls/*'], message: 'The command table is src/commands.ts; the reducers never import the thunks.' }] }],
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

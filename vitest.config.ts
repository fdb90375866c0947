import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^conference-state\/testing$/, replacement: src('testing/index.ts') },
      { find: /^conference-state\/react$/, replacement: src('react/index.ts') },
      { find: /^conference-state\/feed$/, replacement: src('feed/index.ts') },
      { find: /^conference-state$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    restoreMocks: true,
  },
})

import { defineConfig } from 'vitest/config'

// The browser tests of the demo (`npm run test:e2e`, after `npm run demo:build`). Kept apart from
// `npm test`: they need Chromium (`apt-get install -y chromium`) and the built demo.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})

import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const repo = here('../../')

// The demo imports the library from source (src/), so it always shows the code in this tree.
export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      // Each subpath entry of package.json `exports` (`conference-state/twilio`, …), from its barrel.
      { find: /^conference-state\/([a-z-]+)$/, replacement: here('../../src/$1/index.ts') },
      { find: /^conference-state$/, replacement: here('../../src/index.ts') },
    ],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The library's sources and docs/scenarios live above this folder.
    fs: { allow: [repo] },
  },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
})

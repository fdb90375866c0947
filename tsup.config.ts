import { defineConfig } from 'tsup'

/** The package's entry points: `conference-state` and its subpaths (`conference-state/twilio`, …). */
const entries = {
  index: 'src/index.ts',
  'twilio/index': 'src/twilio/index.ts',
  'flex/index': 'src/flex/index.ts',
  'evo-voice/index': 'src/evo-voice/index.ts',
  'connect/index': 'src/connect/index.ts',
  'genesys/index': 'src/genesys/index.ts',
  'controls/index': 'src/controls/index.ts',
  'react/index': 'src/react/index.ts',
  'testing/index': 'src/testing/index.ts',
  'feed/index': 'src/feed/index.ts',
}

export default defineConfig([
  {
    entry: entries,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    target: 'es2022',
    // Entries share their common modules through chunks (in CJS too), so `conference-state` and
    // `conference-state/twilio` hold one copy of the event creators and selector caches.
    splitting: true,
    // `conference-state/react` imports the main entry by name, so both builds share one copy of
    // the selectors and their caches (as `@reduxjs/toolkit/react` does with `@reduxjs/toolkit`).
    external: ['@reduxjs/toolkit', 'react', 'react-redux', 'conference-state'],
  },
  {
    // The relay runs in Node only; its peers are loaded from the app's node_modules.
    entry: { 'relay/index': 'src/relay/index.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    platform: 'node',
    target: 'node20',
    external: ['@reduxjs/toolkit', 'jose', 'twilio', 'ioredis'],
  },
  {
    entry: { 'cli/bin': 'src/cli/bin.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['@reduxjs/toolkit', 'jose', 'twilio', 'ioredis'],
  },
])

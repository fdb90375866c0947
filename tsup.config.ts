import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'react/index': 'src/react/index.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    target: 'es2022',
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

/**
 * Rendering for the React tests: a `<Provider>` with react-redux's development checks on every
 * selector call, and spies on the console, where those checks (and React) report.
 */
import type { Store } from '@reduxjs/toolkit'
import { render, type RenderResult } from '@testing-library/react'
import type { ReactNode } from 'react'
import { Provider } from 'react-redux'
import { vi, type MockInstance } from 'vitest'

/** Renders `ui` under a `<Provider>` whose `stabilityCheck` and `identityFunctionCheck` run on every call. */
export function renderWithChecks(store: Store, ui: ReactNode): RenderResult {
  return render(
    <Provider store={store} stabilityCheck="always" identityFunctionCheck="always">
      {ui}
    </Provider>,
  )
}

/** What was written to `console.warn` and `console.error` (silenced). */
export interface ConsoleSpies {
  warn: MockInstance<typeof console.warn>
  error: MockInstance<typeof console.error>
}

/** Spies on `console.warn` and `console.error`; `restoreMocks` in vitest.config.ts undoes it. */
export function spyOnConsole(): ConsoleSpies {
  return {
    warn: vi.spyOn(console, 'warn').mockImplementation(() => undefined),
    error: vi.spyOn(console, 'error').mockImplementation(() => undefined),
  }
}

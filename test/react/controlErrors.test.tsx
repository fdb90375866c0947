// @vitest-environment jsdom
/**
 * useControlErrors: a failed command shows up, and nothing else re-renders the component.
 */
import { act } from '@testing-library/react'
import { useLayoutEffect } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { holdParticipant } from 'conference-state/controls'
import { participantMuted } from 'conference-state'
import { useControlErrors } from 'conference-state/react'
import { CF, CUSTOMER, seedCall, scriptedTransport, storeWithTransport, T0 } from '../controls/scriptedTransport'
import { renderWithChecks, spyOnConsole } from './harness'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useControlErrors', () => {
  it('renders a failed hold and is not re-rendered by conference events', async () => {
    const console = spyOnConsole()
    const { transport, last } = scriptedTransport()
    const store = storeWithTransport({ conferenceTransport: transport })
    seedCall(store)
    const renders: number[] = []
    function Errors() {
      const errors = useControlErrors()
      useLayoutEffect(() => {
        renders.push(errors.length)
      })
      return <ul>{errors.map((error) => <li key={error.requestId}>{error.message}</li>)}</ul>
    }
    const view = renderWithChecks(store, <Errors />)
    expect(renders).toEqual([0])

    act(() => {
      store.dispatch(participantMuted({ conferenceSid: CF, callSid: CUSTOMER, sequence: 5 }, T0 + 5000))
    })
    expect(renders).toEqual([0])

    const hold = store.dispatch(holdParticipant({ conferenceSid: CF, callSid: CUSTOMER }))
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0)
      last().reject(new Error('backend said no'))
      await hold
    })
    expect(renders).toEqual([0, 1])
    expect(view.container.textContent).toMatch(/backend said no/)
    expect(console.warn).not.toHaveBeenCalled()
    expect(console.error).not.toHaveBeenCalled()
  })
})

/**
 * Control error messages are cut at a word, with an ellipsis: the log never shows a word cut in
 * two ("(Invalid UR").
 */
import { configureStore } from '@reduxjs/toolkit'
import { describe, expect, it } from 'vitest'
import { conferencesReducer, participantJoined, selectControlErrors } from 'conference-state'
import { ConferenceTransportError, createConferenceControls, type ConferenceTransport } from 'conference-state/controls'
import { fakeSid } from 'conference-state/testing'
import { shortenAtWord } from '../../src/shortenText'

const CF = fakeSid('CF', 1)
const CA = fakeSid('CA', 1)

describe('shortenAtWord', () => {
  it('keeps a text that fits', () => {
    expect(shortenAtWord('hold failed', 11)).toBe('hold failed')
  })

  it('cuts at the last whole word that fits and adds an ellipsis', () => {
    expect(shortenAtWord('the platform said (Invalid URL)', 28)).toBe('the platform said (Invalid…')
    expect(shortenAtWord('the platform said (Invalid URL)', 26)).toBe('the platform said…')
    expect(shortenAtWord('the platform said (Invalid URL)', 28).length).toBeLessThanOrEqual(28)
  })

  it('keeps a word that ends exactly at the cut', () => {
    expect(shortenAtWord('one two three', 8)).toBe('one two…')
  })

  it('cuts inside a word only when no space is near the limit', () => {
    expect(shortenAtWord(`x ${'a'.repeat(50)}`, 20)).toBe(`x ${'a'.repeat(17)}…`)
  })

  it('never cuts a character in two: an emoji is two UTF-16 units', () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
    for (let maxLength = 2; maxLength < 30; maxLength++) {
      const shortened = shortenAtWord('😀'.repeat(40), maxLength)
      expect(shortened).not.toMatch(loneSurrogate)
      expect(shortened.length).toBeLessThanOrEqual(maxLength)
    }
  })
})

describe('a recorded control error', () => {
  it('is cut at a word with an ellipsis when the transport says too much', async () => {
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ')
    const transport: ConferenceTransport = {
      hold: () => Promise.reject(new ConferenceTransportError(`${words} (Invalid URL)`)),
      mute: async () => {},
      remove: async () => {},
      add: () => Promise.reject(new ConferenceTransportError('not in this test')),
    }
    const store = configureStore({ reducer: { conferences: conferencesReducer } })
    store.dispatch(participantJoined({ conferenceSid: CF, callSid: CA, sequence: 1 }, 1))
    await store.dispatch(createConferenceControls(transport).holdParticipant({ conferenceSid: CF, callSid: CA }))
    const [error] = selectControlErrors(store.getState())
    expect(error?.message.length).toBeLessThanOrEqual(300)
    expect(error?.message.endsWith('…')).toBe(true)
    // What precedes the ellipsis is whole words of the original message.
    const kept = error?.message.slice(0, -1) ?? ''
    expect(`hold of ${CA} failed: ${words} (Invalid URL)`.startsWith(`${kept} `)).toBe(true)
  })
})

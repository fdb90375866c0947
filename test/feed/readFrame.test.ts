/** Hostile frames: whatever the wire carries, reading it never throws and never loses it silently. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventRejected } from 'conference-state'
import { FEED_SOURCE } from '../../src/feed'
import { readConferenceFrame, readStatusFrame } from '../../src/feed/readFrame'

const hostile = fc.oneof(
  fc.string(),
  fc.json(),
  fc.constantFrom('{"__proto__":{"polluted":true},"type":"conferences/participantJoined"}', '{"type":{"toString":1}}', 'null', '[]', '"x"', '{}'),
  // Not text at all, and `String()` of it throws.
  fc.constant([{ toString: 0 }]),
  fc.anything(),
)

describe('reading frames', () => {
  it('turns any data into an action or one eventRejected naming the field, without throwing', () => {
    fc.assert(
      fc.property(hostile, (data) => {
        const action = readConferenceFrame(data)
        expect(typeof action.type).toBe('string')
        if (action.type === eventRejected.type) {
          const payload = action.payload as { source: string; field: string; summary: string }
          expect(payload.source).toBe(FEED_SOURCE)
          expect(['data', 'type']).toContain(payload.field)
          expect(payload.summary.length).toBeLessThanOrEqual(200)
        } else {
          expect(action.type.startsWith('conferences/')).toBe(true)
        }
        expect(Object.prototype).not.toHaveProperty('polluted')
      }),
    )
  })

  it('reads a status frame only when it is a JSON object', () => {
    expect(readStatusFrame('{"bus":"down"}')).toEqual({ bus: 'down' })
    for (const data of ['[1]', 'null', 'not json', 42]) expect(readStatusFrame(data)).toBeUndefined()
  })
})

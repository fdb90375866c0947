import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareStreamIds, isStreamId } from '../../src/relay/redis/streamId'
import { decodeRangeReply, decodeReadReply } from '../../src/relay/redis/streamEntries'

const UINT64_MAX = 2n ** 64n - 1n
const part = fc.bigInt({ min: 0n, max: UINT64_MAX })
const streamId = fc.tuple(part, part).map(([ms, seq]) => ({ ms, seq, text: `${ms}-${seq}` }))

describe('stream IDs', () => {
  it('orders IDs exactly as Redis does: milliseconds, then sequence, as unsigned 64-bit integers', () => {
    fc.assert(
      fc.property(streamId, streamId, (a, b) => {
        const expected = a.ms === b.ms ? (a.seq === b.seq ? 0 : a.seq < b.seq ? -1 : 1) : a.ms < b.ms ? -1 : 1
        expect(Math.sign(compareStreamIds(a.text, b.text))).toBe(expected)
        expect(isStreamId(a.text)).toBe(true)
      }),
    )
    expect(compareStreamIds('9-5', '10-0')).toBeLessThan(0)
    expect(compareStreamIds('10-10', '10-9')).toBeGreaterThan(0)
  })

  it('accepts only what Redis writes: never a range token, a prefix or an out-of-range number', () => {
    const hostile = ['', '-', '+', '$', '>', '*', '0', '1712345678901', '(1-0', '1-0 ', ' 1-0', '01-0', '1-01', '1-0-0',
      '1--0', '-1-0', '1.5-0', '0x1-0', '__proto__', 'constructor', `${UINT64_MAX + 1n}-0`, `0-${UINT64_MAX + 1n}`, '１-0']
    for (const text of hostile) expect(isStreamId(text), text).toBe(false)
    expect(isStreamId(`${UINT64_MAX}-${UINT64_MAX}`)).toBe(true)
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(isStreamId(text)).toBe(/^(0|[1-9]\d*)-(0|[1-9]\d*)$/.test(text) && text.length <= 41 && isStreamIdByBigInt(text))
      }),
    )
  })
})

function isStreamIdByBigInt(text: string): boolean {
  const [ms, seq] = text.split('-').map(BigInt) as [bigint, bigint]
  return ms <= UINT64_MAX && seq <= UINT64_MAX
}

describe('stream entries', () => {
  it('decodes the action field of XRANGE and XREAD replies and names what is wrong with the others', () => {
    const range = [
      ['1-0', ['action', '{"type":"conferences/participantHeld","payload":{"callSid":"CA1"}}']],
      ['1-1', ['other', 'x', 'action', '{"type":"conferences/participantUnheld"}']],
      ['2-0', ['action', '{not json']],
      ['2-1', ['action', '[1,2]']],
      ['2-2', ['action', '{"type":7}']],
      ['2-3', ['note', 'hello']],
      ['bad-id', ['action', '{"type":"x"}']],
      'garbage',
    ]
    const entries = decodeRangeReply(range)
    expect(entries.map((entry) => entry.id)).toEqual(['1-0', '1-1', '2-0', '2-1', '2-2', '2-3'])
    expect(entries[0]!.action).toEqual({ type: 'conferences/participantHeld', payload: { callSid: 'CA1' } })
    expect(entries[1]!.action).toEqual({ type: 'conferences/participantUnheld' })
    expect(entries.slice(2).map((entry) => [entry.action, entry.problem])).toEqual([
      [undefined, 'the `action` field is not JSON'],
      [undefined, 'the `action` field is not an object'],
      [undefined, 'the action has no string `type`'],
      [undefined, 'the entry has no `action` field'],
    ])
    expect(decodeReadReply([['conference-state:events', range.slice(0, 1)]])).toEqual(entries.slice(0, 1))
    expect(decodeReadReply(null)).toEqual([])
    expect(decodeRangeReply({ length: 1 })).toEqual([])
  })

  it('keeps a __proto__ key as plain data and never touches Object.prototype', () => {
    const [entry] = decodeRangeReply([['1-0', ['action', '{"type":"t","__proto__":{"polluted":true}}']]])
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(entry!.action)).toBe(Object.prototype)
  })
})

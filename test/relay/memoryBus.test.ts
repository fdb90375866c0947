import { describe, expect, it } from 'vitest'
import { isBusUnavailable, type BusEntry } from '../../src/relay/bus'
import { createMemoryBus } from '../../src/relay/memoryBus'

const action = (n: number) => ({ type: 'conferences/participantHeld', payload: { n } })

describe('createMemoryBus', () => {
  it('delivers every append once, in order, with increasing decimal IDs', async () => {
    const bus = createMemoryBus({ startAt: 0 })
    const seen: BusEntry[] = []
    await bus.start((entry) => seen.push(entry), () => {})
    const ids = [await bus.append(action(1)), await bus.append(action(2)), await bus.append(action(3))]
    expect(ids).toEqual(['1', '2', '3'])
    expect(seen.map((entry) => entry.id)).toEqual(ids)
    expect(seen[1]!.action).toEqual(action(2))
  })

  it('replays what it holds to a listener that starts late', async () => {
    const bus = createMemoryBus({ logSize: 2, startAt: 0 })
    for (let n = 1; n <= 3; n += 1) await bus.append(action(n))
    const seen: string[] = []
    await bus.start((entry) => seen.push(entry.id), () => {})
    expect(seen).toEqual(['2', '3'])
  })

  it('reads after a held position and answers undefined once it is trimmed, unknown or malformed', async () => {
    const bus = createMemoryBus({ logSize: 3, startAt: 0 })
    await bus.start(() => {}, () => {})
    expect(await bus.readAfter('0')).toEqual([])
    for (let n = 1; n <= 5; n += 1) await bus.append(action(n))
    expect((await bus.readAfter('3'))!.map((entry) => entry.id)).toEqual(['4', '5'])
    expect((await bus.readAfter('2'))!.map((entry) => entry.id)).toEqual(['3', '4', '5'])
    expect(await bus.readAfter('5')).toEqual([])
    expect(await bus.readAfter('1')).toBeUndefined()
    expect(await bus.readAfter('0')).toBeUndefined()
    expect(await bus.readAfter('6')).toBeUndefined()
    for (const bad of ['', '03', '-1', '1.5', 'abc', '1-0', '__proto__']) expect(await bus.readAfter(bad)).toBeUndefined()
  })

  it('never reuses an ID after a restart: a later process counts from a later start', async () => {
    const before = createMemoryBus({ startAt: 1_000_000 })
    const ids = [await before.append(action(1)), await before.append(action(2))]
    const after = createMemoryBus({ startAt: 2_000_000 })
    await after.append(action(3))
    await after.append(action(4))
    expect(ids).toEqual(['1000001', '1000002'])
    // The old position is not in the new log: the relay sends a snapshot, not the new log's tail.
    expect(await after.readAfter(ids[0]!)).toBeUndefined()
    expect((await after.readAfter('2000000'))!.map((entry) => entry.id)).toEqual(['2000001', '2000002'])
    const byDefault = createMemoryBus()
    expect(Number(await byDefault.append(action(5)))).toBeGreaterThan(Date.UTC(2026, 0, 1) * 1000)
  })

  it('rejects appends with BUS_UNAVAILABLE once closed', async () => {
    const bus = createMemoryBus()
    await bus.close()
    expect(bus.status()).toBe('down')
    const error: unknown = await bus.append(action(1)).catch((caught: unknown) => caught)
    expect(isBusUnavailable(error)).toBe(true)
  })

  it('refuses a logSize that is not a positive integer', () => {
    expect(() => createMemoryBus({ logSize: 0 })).toThrow(/logSize/)
  })
})

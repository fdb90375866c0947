/**
 * A leg's versions are copied by a literal that names every register (`src/reducers/legVersions.ts`):
 * it must keep the order of `LEG_REGISTERS`, which the export shows, and copy every value.
 */
import { describe, expect, test } from 'vitest'
import type { ParticipantVersions } from '../../src/model'
import { copyVersions } from '../../src/reducers/legVersions'
import { LEG_REGISTERS } from '../../src/registers'

describe('copyVersions', () => {
  test('keeps every register, in the order of LEG_REGISTERS', () => {
    const versions = Object.fromEntries(LEG_REGISTERS.map((name, index) => [name, index + 1])) as ParticipantVersions
    const copy = copyVersions(versions)
    expect(Object.keys(copy)).toEqual([...LEG_REGISTERS])
    expect(copy).toStrictEqual(versions)
    expect(copy).not.toBe(versions)
  })
})

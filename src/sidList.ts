/**
 * The list of conference SIDs, in the order first seen, stored in chunks so that a new conference
 * copies one chunk of at most `SID_CHUNK` SIDs and the short outer array, never the whole list
 * (docs/architecture.md, "Performance"). Selectors read it flattened, cached on the chunks: the
 * flat list changes only when a conference is added or removed.
 *
 * @module
 */
import { weakMapMemoize } from '@reduxjs/toolkit'
import type { ConferencesState } from './model'

/** SIDs per chunk: a new conference copies at most this many. */
export const SID_CHUNK = 256

const NO_SIDS: readonly string[] = Object.freeze([])

const flatten = weakMapMemoize((chunks: ReadonlyArray<readonly string[]>): readonly string[] =>
  chunks.length === 0 ? NO_SIDS : chunks.flat(),
)

/** Every conference SID of a slice state, in the order first seen: the same array until one is added or removed. */
export function listConferenceSids(slice: ConferencesState): readonly string[] {
  return slice.sidChunks === undefined ? (slice as { sids?: readonly string[] }).sids ?? NO_SIDS : flatten(slice.sidChunks)
}

/** The chunks of a flat list. */
export function chunkSids(sids: readonly string[]): string[][] {
  const chunks: string[][] = []
  for (let start = 0; start < sids.length; start += SID_CHUNK) chunks.push(sids.slice(start, start + SID_CHUNK))
  return chunks
}

/**
 * The action a `snapshot` frame becomes: the relay's `selectConferenceExport`, folded in with
 * `conferencesMerged` (docs/architecture.md, "State transfer").
 *
 * @module
 */
import { createAction } from '@reduxjs/toolkit'

// Stand-in until `conferencesMerged` is exported by the root entry (core branch): same type.
export const conferencesMerged = createAction<unknown>('conferences/conferencesMerged')

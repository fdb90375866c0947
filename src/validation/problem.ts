/**
 * A refusal of a payload: the field to blame and what is wrong with it. Every check under
 * `validation/` answers one, or `undefined` when the value passes (docs/architecture.md, "Bad
 * input and bounds").
 *
 * @module
 */

/** A refusal: the field to blame and what is wrong with it. */
export interface PayloadProblem {
  field: string
  reason: string
}

/** The refusal of `field` for `reason`. */
export const problem = (field: string, reason: string): PayloadProblem => ({ field, reason })

/** A key from input, shortened for messages and field names. */
export function boundedName(name: string): string {
  return name.length > 64 ? `${name.slice(0, 61)}...` : name
}

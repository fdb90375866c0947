/**
 * Whether a value is a plain object: what a payload, its flags and its identity must be.
 *
 * @module
 */

/** An object literal or `Object.create(null)`: no array, no class instance, no exotic prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

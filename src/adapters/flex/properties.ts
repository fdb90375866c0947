/**
 * The property bags of a Flex participant in every spelling Flex itself hands around
 * (docs/sources.md, "Flex UI 2.17.1"):
 *
 * - raw TaskRouter events: `routing_properties` snake_case, `media_properties` PascalCase, each
 *   value a one-element string array (`"Hold": ["true"]`);
 * - Flex's decoders (`decodeParticipantEvent`, `ConferenceParticipant.source`): camelCase, real
 *   booleans, a numeric `sequenceNumber`, and a `Date` timestamp for Sync-sourced legs;
 * - the TaskRouter SDK's `getParticipants()` (`CbmParticipant`): camelCase keys, values still
 *   string arrays.
 *
 * Each is read here into the status callback parameters and snake_case routing fields the adapters
 * validate, remembering how the input spelled every key so that a refusal names the input's field.
 *
 * @module
 */

/** Callback parameters read from a media bag, and the input's own name for each parameter. */
export interface CallbackParameters {
  parameters: Record<string, string | readonly string[] | unknown>
  /** PascalCase parameter → the key the input used (`CallSid` → `callSid`). */
  inputNames: Record<string, string>
}

/** Keys of a decoded bag that are not status callback parameters (Flex adds `status` on removal). */
const NOT_PARAMETERS: ReadonlySet<string> = /* @__PURE__ */ (() => new Set(['status']))()

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1)

/** A decoded value as the string a callback carries; anything else is passed on to be refused by name. */
function asParameter(value: unknown): unknown {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  // Flex's Sync decoder hands the item's `dateUpdated` as a Date: RFC 2822 is what callbacks say.
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toUTCString() : 'Invalid Date'
  return value
}

/**
 * Reads a media bag in any of Flex's spellings into status callback parameters: keys become
 * PascalCase, booleans and numbers strings, dates RFC 2822; arrays are kept (the callback adapter
 * reads their first element). Absent (`undefined` / `null`) values say nothing and are skipped.
 */
export function callbackParametersOf(bag: Record<string, unknown>): CallbackParameters {
  const parameters: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  const inputNames: Record<string, string> = Object.create(null) as Record<string, string>
  for (const key of Object.keys(bag)) {
    if (NOT_PARAMETERS.has(key)) continue
    const value = bag[key]
    if (value === undefined || value === null) continue
    const name = pascal(key)
    if (Object.hasOwn(parameters, name)) continue
    parameters[name] = Array.isArray(value) ? (value as unknown[]).map(asParameter) : asParameter(value)
    inputNames[name] = key
  }
  return { parameters, inputNames }
}

/** The routing fields read, by their snake_case name, with their camelCase spelling. */
const ROUTING_FIELDS = {
  worker_sid: 'workerSid',
  reservation_sid: 'reservationSid',
  task_sid: 'taskSid',
  workspace_sid: 'workspaceSid',
  workflow_sid: 'workflowSid',
  queue_sid: 'queueSid',
  queue_name: 'queueName',
} as const

/** Routing properties read into snake_case, and the input's own name for each field. */
export interface RoutingFields {
  fields: Record<string, unknown>
  inputNames: Record<string, string>
}

/**
 * Reads routing properties given snake_case (raw events, Sync) or camelCase (Flex's decoders, the
 * TaskRouter SDK's `RoutingProperties` instances, whose fields may be getters): each field once.
 */
export function routingFieldsOf(bag: Record<string, unknown>): RoutingFields {
  const fields: Record<string, unknown> = {}
  const inputNames: Record<string, string> = {}
  for (const [snake, camel] of Object.entries(ROUTING_FIELDS)) {
    const snakeValue = bag[snake]
    const name = snakeValue === undefined && bag[camel] !== undefined ? camel : snake
    fields[snake] = name === snake ? snakeValue : bag[camel]
    inputNames[snake] = name
  }
  return { fields, inputNames }
}

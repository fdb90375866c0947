/**
 * `conference-state/relay` (Node only): Twilio's conference callbacks to every agent's screen,
 * signed, authorized and resumable. See `docs/relay.md`.
 *
 * @packageDocumentation
 */
export { createConferenceRelay } from './createConferenceRelay'
export { createMemoryBus, DEFAULT_LOG_SIZE } from './memoryBus'
export { BusUnavailableError, BUS_UNAVAILABLE, isBusUnavailable } from './bus'
export { SSE_EVENTS } from './sseFrames'
export { WEBHOOK_PATH, MAX_WEBHOOK_BYTES } from './webhook'
export { VIEWER_ROLES } from './viewerToken'
export { createRedisBus, DEFAULT_STREAM, DEFAULT_MAX_LEN, DEFAULT_DUPLICATE_WINDOW_MS } from './redisBus'

export type { ConferenceRelay, ConferenceRelayOptions } from './createConferenceRelay'
export type { AppendOptions, BusEntry, BusStatus, ConferenceBus } from './bus'
export type { MemoryBusOptions } from './memoryBus'
export type { RedisBusOptions } from './redisBus'
export type { RelayHealth } from './health'
export type { Viewer, ViewerRole } from './viewerToken'
export type { NewParticipant, ParticipantChanges, TwilioConferenceClient } from './twilioParticipants'

/**
 * `conference-state/react`: react-redux hooks over the conference selectors. Each hook re-renders
 * its component only when the value it returns changes.
 *
 * @packageDocumentation
 */
export { createConferenceHooks } from './createConferenceHooks'
export {
  useConferenceSids,
  useConferenceView,
  useConferenceViewByTaskSid,
  useCurrentWorkerSid,
  useIsCustomerOnHold,
  useIsGroupCall,
  useIsMyselfMuted,
  useIsMyselfOnHold,
  useLiveParticipantCount,
  useLiveParticipants,
  useLiveWorkerCount,
  useLiveWorkers,
  useMyParticipants,
  useParticipant,
  useParticipants,
  useRecentlyLeftParticipants,
  useRejectedEvents,
  useControlErrors,
} from './defaultHooks'

export type { ConferenceHooks, ConferenceHooksOptions, ConferenceHooksSource } from './createConferenceHooks'

/**
 * The event log panel's data: a middleware that records, in a bounded list, every event and
 * control action of the conferences the agent view can show (the wall's generated conferences are
 * left out). Entries are described after the reducer ran, so a leg's name is known.
 */
import type { Middleware } from '@reduxjs/toolkit'
import { eventsReceived, selectParticipant, type StateWithConferences } from 'conference-state'
import { createObservable, type Observable } from './observable'
import { shortSid } from '../sim/sids'

export interface LogEntry {
  id: number
  at: number
  conferenceSid: string
  /** The action type without `conferences/`. */
  type: string
  /** Who: a leg's name or short call SID. */
  who?: string
  text: string
  /** `control` for the controls' lifecycle, `event` for platform events. */
  kind: 'event' | 'control' | 'error'
  sequence?: number
}

export interface EventLog {
  readonly entries: Observable<readonly LogEntry[]>
  middleware: Middleware
}

interface LooseAction {
  type: string
  payload?: Record<string, unknown>
  meta?: { arg?: Record<string, unknown>; receivedAt?: number }
  error?: { message?: string }
}

const EVENT_TEXT: Record<string, (payload: Record<string, unknown>) => string> = {
  participantJoined: () => 'joined',
  participantLeft: (p) => `left (${String(p.reason ?? 'no reason')}${p.callStatus === undefined ? '' : `, ${String(p.callStatus)}`})`,
  participantHeld: () => 'put on hold',
  participantUnheld: () => 'taken off hold',
  participantMuted: () => 'muted',
  participantUnmuted: () => 'unmuted',
  participantModified: (p) => {
    const flags = (p.flags ?? {}) as Record<string, unknown>
    return `modified (coaching ${flags.coaching === true ? 'on' : 'off'}, ends conference on exit ${flags.endConferenceOnExit === true ? 'yes' : 'no'})`
  },
  participantSpeechStarted: () => 'started speaking',
  participantSpeechStopped: () => 'stopped speaking',
  participantIdentified: (p) => `identified as ${String((p.identity as { displayName?: string } | undefined)?.displayName ?? '?')}`,
  conferenceStarted: () => 'conference started',
  conferenceEnded: (p) => `conference ended (${String(p.reasonEnded ?? p.reason ?? 'no reason')})`,
  announcementEnded: () => 'announcement ended',
  announcementFailed: (p) => `announcement failed: ${String(p.reason ?? '')}`,
  recentlyLeftExpired: () => 'recently-left window over',
  conferenceSnapshotReceived: () => 'snapshot received',
  eventRejected: (p) => `rejected: ${String(p.reason ?? '')}`,
}

const CONTROL = /^conferences\/(hold|unhold|mute|unmute|remove|add)Participant\/(pending|fulfilled|rejected)$/

export function createEventLog(options: { capacity: number; ignore: (conferenceSid: string) => boolean }): EventLog {
  const entries = createObservable<readonly LogEntry[]>([])
  let nextId = 1

  const middleware: Middleware = (api) => (next) => (action) => {
    const result = next(action)
    const typed = action as LooseAction
    if (typeof typed.type !== 'string' || !typed.type.startsWith('conferences/')) return result
    const state = api.getState() as StateWithConferences
    const members = typed.type === eventsReceived.type && Array.isArray(typed.payload) ? (typed.payload as LooseAction[]) : [typed]
    const added: LogEntry[] = []
    for (const member of members) {
      const entry = describe(member, state)
      if (entry !== undefined && !options.ignore(entry.conferenceSid)) added.push({ ...entry, id: nextId++ })
    }
    if (added.length > 0) entries.set([...added.reverse(), ...entries.get()].slice(0, options.capacity))
    return result
  }

  return { entries, middleware }
}

function nameOf(state: StateWithConferences, conferenceSid: string, callSid: unknown): string | undefined {
  if (typeof callSid !== 'string') return undefined
  const leg = selectParticipant(state, conferenceSid, callSid)
  return leg?.displayName ?? (leg === undefined ? shortSid(callSid) : `${leg.participantType} ${shortSid(callSid)}`)
}

function describe(action: LooseAction, state: StateWithConferences): Omit<LogEntry, 'id'> | undefined {
  const at = typeof action.meta?.receivedAt === 'number' ? action.meta.receivedAt : Date.now()
  const control = CONTROL.exec(action.type)
  if (control !== null) {
    const [, command = '', phase] = control
    const args = action.meta?.arg ?? {}
    const conferenceSid = String(args.conferenceSid ?? '')
    const who = command === 'add' ? String(args.to ?? '') : nameOf(state, conferenceSid, args.callSid)
    const failure = action.payload as { message?: string } | undefined
    const text =
      phase === 'pending'
        ? `${command} requested: pending`
        : phase === 'fulfilled'
          ? `${command} accepted by the platform: waiting for its callback`
          : `${command} failed: ${failure?.message ?? action.error?.message ?? 'unknown error'}`
    return { at, conferenceSid, type: `${command}Participant/${phase}`, ...(who === undefined ? {} : { who }), text, kind: phase === 'rejected' ? 'error' : 'control' }
  }
  const payload = action.payload
  if (typeof payload !== 'object' || payload === null || typeof payload.conferenceSid !== 'string') return undefined
  const type = action.type.slice('conferences/'.length)
  if (type === 'controlConfirmationTimedOut') {
    return {
      at,
      conferenceSid: payload.conferenceSid,
      type,
      who: nameOf(state, payload.conferenceSid, payload.callSid) ?? '',
      text: `${String(payload.command)} not confirmed within ${String(payload.timeoutMs)} ms: rolled back`,
      kind: 'error',
    }
  }
  const text = EVENT_TEXT[type]?.(payload) ?? type
  const who = nameOf(state, payload.conferenceSid, payload.callSid)
  return {
    at,
    conferenceSid: payload.conferenceSid,
    type,
    ...(who === undefined ? {} : { who }),
    text,
    kind: type === 'eventRejected' ? 'error' : 'event',
    ...(typeof payload.sequence === 'number' ? { sequence: payload.sequence } : {}),
  }
}

/**
 * `fromConnectContact`: an Amazon Connect Streams contact (a `connect.Contact`, its
 * `ContactSnapshot`, or the snapshot's `contactData`) → a `conferenceSnapshotReceived` action
 * keyed by contact ID, one leg per connection keyed by connection ID.
 *
 * Streams has no per-connection events: every change arrives as a whole-contact snapshot
 * (`contact.onRefresh`), so each one is reconciled as the truth at its arrival. Never throws:
 * anything it cannot read becomes `eventRejected` naming the field.
 *
 * @module
 */
import * as v from 'valibot'
import type * as events from '../../events'
import { describeType } from '../../validation/keys'
import type { ParticipantFlags, ParticipantIdentity, ParticipantType } from '../../model'
import { MAX_TEXT_LENGTH } from '../../registers'
import { MAX_SNAPSHOT_PARTICIPANTS } from '../../validation/snapshotPayload'
import { explainIssue, runAdapter, type AdapterOutcome } from '../rejection'
import { asOfOf, requestedAtOf, snapshotOutcome, type AsOfOption, type Refusal, type SnapshotLeg } from '../snapshotOutcome'
import { boundedText, isoTimestamp, safeKey } from '../wireSchemas'
import { CONNECT_CONTACT, CONNECT_DEFAULT_AGENT_ID, CONNECT_MAPPING } from './mapping'

/** One connection as Streams holds it (`contactData.connections[i]`). Other fields are ignored. */
export interface ConnectConnectionData {
  readonly connectionId: string
  /** `agent`, `inbound`, `outbound` or `monitoring`. */
  readonly type: string
  readonly initial?: boolean | null
  /** `init`, `connecting`, `connected`, `hold`, `disconnected`, `silent_monitor` or `barge`. */
  readonly state: { readonly type: string; readonly timestamp?: Date | string | null }
  readonly endpoint?: { readonly type?: string | null; readonly name?: string | null; readonly phoneNumber?: string | null } | null
  readonly mute?: boolean | null
  readonly forcedMute?: boolean | null
  /** `SILENT_MONITOR` or `BARGE` on a supervisor's `monitoring` connection. */
  readonly monitorStatus?: string | null
  readonly quickConnectName?: string | null
}

/** A contact's data as Streams holds it (`ContactSnapshot.contactData`). Other fields are ignored. */
export interface ConnectContactData {
  readonly contactId: string
  /** `voice` or `queue_callback` (contacts of other types have no voice connections). */
  readonly type?: string | null
  readonly state?: { readonly type: string; readonly timestamp?: Date | string | null } | null
  /** `monitor` on a supervisor's own monitoring contact. */
  readonly initiationMethod?: string | null
  readonly connections: readonly ConnectConnectionData[]
}

/**
 * What {@link fromConnectContact} accepts: a `connect.Contact` (anything with `toSnapshot()`: its
 * declared return type in Streams' `.d.ts` is `Contact`, at run time a `ContactSnapshot` holding
 * `contactData`), a `ContactSnapshot`, or the contact data itself.
 */
export type ConnectContactInput =
  | { readonly toSnapshot: () => unknown }
  | { readonly contactData: ConnectContactData }
  | ConnectContactData

/** Options of {@link fromConnectContact}. */
export interface ConnectContactOptions extends AsOfOption {
  /** Arrival time (epoch ms) stamped on the action; defaults to now. */
  receivedAt?: number
  /** When the contact was read (epoch ms); defaults to `receivedAt`: Streams pushes each change. */
  requestedAt?: number
  /**
   * The logged-in agent's key (its username, or the agent ID at the end of its ARN: keys hold no
   * `/`), given as `workerSid` to the agent's own
   * connection; dispatch `currentWorkerIdentified({ workerSid: agentId })` to make it "me".
   * Defaults to {@link CONNECT_DEFAULT_AGENT_ID}.
   */
  agentId?: string
}

const text = /* @__PURE__ */ (() => v.nullish(boundedText(MAX_TEXT_LENGTH)))()
const picklist = <T extends string>(values: readonly T[]) => v.picklist(values, `must be one of ${values.join(', ')}`)
const keysOf = <T extends string>(table: Readonly<Record<T, unknown>>) => Object.keys(table) as T[]

const connectionSchema = /* @__PURE__ */ (() => v.object(
  {
    connectionId: safeKey,
    type: picklist(CONNECT_MAPPING.connectionTypes),
    initial: v.nullish(v.boolean('must be a boolean')),
    state: v.object(
      { type: picklist(keysOf(CONNECT_MAPPING.connectionStates)), timestamp: v.nullish(isoTimestamp) },
      'must be an object',
    ),
    endpoint: v.nullish(v.object({ type: text, name: text, phoneNumber: text }, 'must be an object')),
    mute: v.nullish(v.boolean('must be a boolean')),
    forcedMute: v.nullish(v.boolean('must be a boolean')),
    monitorStatus: v.nullish(picklist(CONNECT_MAPPING.monitorStatuses)),
    quickConnectName: text,
  },
  'must be an object',
))()
type Connection = v.InferOutput<typeof connectionSchema>

const contactSchema = /* @__PURE__ */ (() => v.object(
  {
    contactId: safeKey,
    type: v.nullish(picklist(CONNECT_MAPPING.voiceContactTypes)),
    state: v.nullish(
      v.object({ type: picklist(keysOf(CONNECT_MAPPING.contactStates)), timestamp: v.nullish(isoTimestamp) }, 'must be an object'),
    ),
    initiationMethod: text,
    connections: v.pipe(
      v.array(connectionSchema, 'must be an array'),
      v.maxLength(MAX_SNAPSHOT_PARTICIPANTS, `must list at most ${MAX_SNAPSHOT_PARTICIPANTS} connections`),
    ),
  },
  'must be an object',
))()
type Contact = v.InferOutput<typeof contactSchema>

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The contact data of any accepted form: a live `Contact` is asked for its snapshot once. */
function contactDataOf(input: unknown): { data: unknown; prefix: string | undefined } | Refusal {
  if (!isObject(input)) return { reason: `contact must be a Connect contact, snapshot or contact data, got ${describeType(input)}`, field: 'contact' }
  // A live `connect.Contact` also has an own `contactId`: its data is read through `toSnapshot()`.
  const toSnapshot = input.toSnapshot
  if (typeof toSnapshot !== 'function' && Object.hasOwn(input, 'contactId')) return { data: input, prefix: undefined }
  const snapshot: unknown = typeof toSnapshot === 'function' ? (toSnapshot as () => unknown).call(input) : input
  if (!isObject(snapshot) || snapshot.contactData === undefined) {
    return { reason: '`contactData` is required: pass a `connect.Contact`, its `toSnapshot()` or the contact data', field: 'contactData' }
  }
  return { data: snapshot.contactData, prefix: 'contactData' }
}

/** The leg's type: the agent's own and the supervisor's legs by connection type, others by role. */
function participantTypeOf(connection: Connection): ParticipantType {
  switch (connection.type) {
    case 'agent':
      return 'worker'
    case 'monitoring':
      return 'supervisor'
    default:
      if (connection.endpoint?.type === 'agent') return 'worker'
      if (connection.endpoint?.type === 'queue') return 'transfer'
      return connection.initial === true ? 'customer' : 'external'
  }
}

/**
 * "Me": in a supervisor's own monitoring contact, its `monitoring` connection; otherwise the
 * first `agent` connection (what `contact.getAgentConnection()` returns in the agent's view).
 */
function myConnectionId(contact: Contact): string | undefined {
  const mine = contact.initiationMethod === 'monitor' ? 'monitoring' : 'agent'
  return (contact.connections.find((c) => c.type === mine) ?? contact.connections.find((c) => c.type === 'agent'))?.connectionId
}

function legOf(connection: Connection, index: number, contact: Contact, me: string | undefined, agentId: string): SnapshotLeg {
  const participantType = participantTypeOf(connection)
  const flags: Partial<ParticipantFlags> = { onHold: connection.state.type === 'hold' }
  if (connection.mute != null || connection.forcedMute != null) flags.muted = connection.mute === true || connection.forcedMute === true
  const identity: ParticipantIdentity = { participantType }
  if (connection.connectionId === me) identity.workerSid = agentId
  const name = connection.endpoint?.name ?? connection.quickConnectName
  if (name != null) identity.displayName = name
  if (participantType === 'supervisor') {
    // The supervisor monitors (or barges in on) the agent's side of the contact.
    const target = contact.connections.find((c) => c.type === 'agent' && c.connectionId !== connection.connectionId)
    if (target !== undefined) identity.monitoredCallSid = target.connectionId
  }
  return {
    path: `connections[${index}]`,
    participant: {
      callSid: connection.connectionId,
      status: CONNECT_MAPPING.connectionStates[connection.state.type],
      flags,
      identity,
    },
  }
}

function read(input: unknown, options: ConnectContactOptions): AdapterOutcome {
  const requestedAt = requestedAtOf(options)
  if (typeof requestedAt !== 'number') return requestedAt
  const clock = asOfOf(options)
  if ('reason' in clock) return clock
  const agentId = v.safeParse(safeKey, options.agentId ?? CONNECT_DEFAULT_AGENT_ID)
  if (!agentId.success) return { reason: `\`agentId\` ${agentId.issues[0].message}`, field: 'agentId' }
  const found = contactDataOf(input)
  if ('reason' in found) return found
  const parsed = v.safeParse(contactSchema, found.data)
  if (!parsed.success) return explainIssue(parsed.issues[0], found.prefix)
  const contact = parsed.output
  const seen = new Set<string>()
  for (const [index, connection] of contact.connections.entries()) {
    if (seen.has(connection.connectionId)) {
      const field = `${found.prefix === undefined ? '' : `${found.prefix}.`}connections[${index}].connectionId`
      return { reason: `\`${field}\` lists ${connection.connectionId} twice`, field }
    }
    seen.add(connection.connectionId)
  }
  const me = myConnectionId(contact)
  const legs = contact.connections.map((connection, index) => legOf(connection, index, contact, me, agentId.output))
  const status = contact.state == null ? undefined : CONNECT_MAPPING.contactStates[contact.state.type]
  return snapshotOutcome(
    CONNECT_CONTACT,
    { conferenceSid: contact.contactId, requestedAt, asOf: clock.asOf, status, timestamp: contact.state?.timestamp ?? undefined },
    legs,
    options.receivedAt,
  )
}

function summarize(input: unknown): string {
  if (!isObject(input)) return `(${describeType(input)})`
  const data = Object.hasOwn(input, 'contactId') ? input : isObject(input.contactData) ? input.contactData : undefined
  if (data === undefined) return '(connect contact)'
  const id = typeof data.contactId === 'string' ? data.contactId.slice(0, 40) : `(${describeType(data.contactId)})`
  const connections = Array.isArray(data.connections) ? ` connections=${data.connections.length}` : ''
  return `contactId=${id}${connections}`
}

/**
 * Turns an Amazon Connect Streams contact into a snapshot of its call, keyed by contact ID.
 *
 * - Each connection is a leg keyed by its `connectionId`: `init` and `connecting` → connecting;
 *   `connected`, `hold`, `silent_monitor`, `barge` → joined (`hold` also sets `onHold`);
 *   `disconnected` → left. `mute` or `forcedMute` → `muted`.
 * - Types: `agent` → worker, `monitoring` → supervisor (its `monitoredCallSid` is the agent's
 *   connection), the initial `inbound`/`outbound` connection → customer, other connections →
 *   external (an `agent` endpoint → worker, a `queue` endpoint → transfer).
 * - "Me" is the agent's connection (in a supervisor's own monitoring contact, its monitoring
 *   connection): it gets `workerSid: agentId`.
 * - The contact's `state.type` gives the conference status (`connected` → active, `ended` → closed, …).
 *
 * @param contact - A `connect.Contact`, its `toSnapshot()`, or the snapshot's `contactData`.
 * @param options - Arrival time, when it was read, `asOf` (the contact's clock read before the
 *   read, for a contact fetched rather than pushed), and the logged-in agent's key.
 * @returns `conferenceSnapshotReceived` (source `connect-contact`), or `eventRejected` naming the
 *   field, e.g. `contactData.connections[2].state.type`.
 * @remarks Streams pushes a whole-contact snapshot on every change: wire `contact.onRefresh` to
 *   this adapter and each push keeps the store right. See `docs/sources.md`.
 * @example
 * ```ts
 * const agentId = agent.getConfiguration().username
 * store.dispatch(currentWorkerIdentified({ workerSid: agentId }))
 * connect.contact((contact) => {
 *   // A push is the truth as it arrives: no `asOf` needed.
 *   contact.onRefresh((c) => store.dispatch(fromConnectContact(c, { agentId })))
 * })
 * // A contact read on demand: the clock is read before the read, then passed.
 * const asOf = selectConferenceClock(store.getState(), contactId)
 * const requestedAt = Date.now()
 * const snapshot = await fetchContactSnapshot(contactId)
 * store.dispatch(fromConnectContact(snapshot, { agentId, asOf, requestedAt }))
 * ```
 */
export function fromConnectContact(contact: ConnectContactInput, options: ConnectContactOptions = {}): events.ConferenceEvent {
  return runAdapter(CONNECT_CONTACT, options, () => summarize(contact), (copied) => read(contact, copied))
}

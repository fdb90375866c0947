/**
 * The viewers' side of the relay: who is connected, what each may see, and what each is sent.
 *
 * Each accepted entry is encoded once. Live frames are written in windows of `batchMs` (a
 * browser frame by default): every supervisor gets the window's frames as one shared buffer in
 * one write, each agent the frames of their own conferences in one write. Per event the relay
 * touches only the agents with a leg in its conference, never every viewer. An agent who gains a
 * leg in a conference mid-stream is first sent a `snapshot` of that conference (its history
 * before the agent appeared).
 *
 * A viewer resuming with `Last-Event-ID` gets what it missed: a supervisor the missed
 * `conference` events, an agent one `snapshot` of the visible conferences that changed meanwhile
 * (it cannot be known which of them the agent already had); a position the log no longer holds
 * gets a fresh snapshot. Every stream starts with such a catch-up (a first snapshot at least),
 * written as its socket drains (`ViewerStream.catchUp`); live entries that arrive meanwhile wait
 * in a bounded queue, ordered by the local ordinal each entry got when this instance applied it,
 * and are written the same way before the stream goes live. See `docs/relay.md`, "Slow clients".
 *
 * @module
 */
import type { ServerResponse } from 'node:http'
import type { ConferencesState } from '../model'
import type { BusEntry, ConferenceBus } from './bus'
import { conferenceOf, visibleConferenceSids, workersIn } from './conferenceAccess'
import { selectConferenceExport } from '../selectors'
import { HEARTBEAT_FRAME, SSE_EVENTS, sseFrame } from './sseFrames'
import { openViewerStream, type QueuedEntry, type ViewerStream } from './viewerStream'
import type { Viewer } from './viewerToken'

/** What the hub reads from the relay's server-side state. */
export interface HubSource {
  readonly bus: ConferenceBus
  state(): ConferencesState
  /** The newest entry this instance has applied, with its local ordinal. */
  head(): { readonly id: string; readonly ordinal: number } | undefined
  /** The local ordinal of a recently applied entry, or `undefined` (not applied here, or long ago). */
  ordinalOf(id: string): number | undefined
  /** How many applied entries `ordinalOf` remembers. */
  readonly remembered: number
}

/** Limits of the hub. */
export interface HubLimits {
  /** Most bytes waiting in one viewer's socket before it is cut off. */
  maxBufferedBytes: number
  /** Most live entries held for one viewer while it catches up. */
  maxQueuedEntries: number
  /** How long live frames gather before one write per viewer (ms); 0 writes on the next turn. */
  batchMs: number
  /** The clock tokens expire by. */
  now: () => number
}

/** The viewer registry and fan-out. */
export interface ViewerHub {
  /** Opens a stream for a verified viewer; `lastEventId` resumes. */
  connect(response: ServerResponse, viewer: Viewer, lastEventId: string | undefined): void
  /** Sends an entry the relay has just applied (its state already includes it). */
  deliver(entry: BusEntry, ordinal: number): void
  /** Writes the heartbeat comment to every stream. */
  heartbeat(): void
  /** Writes one frame to every stream at once (a `status` event: the bus went down or came back). */
  broadcast(frame: Buffer): void
  /** Open streams. */
  readonly size: number
  /** Ends every stream. */
  closeAll(): void
}

/** Creates the hub over the relay's state. */
export function createViewerHub(source: HubSource, limits: HubLimits): ViewerHub {
  const streams = new Set<ViewerStream>()
  const catchingUp = new Set<ViewerStream>()
  const liveSupervisors = new Set<ViewerStream>()
  const liveAgents = new Map<string, Set<ViewerStream>>()
  // The current write window: frames every live supervisor gets, and where late joiners start.
  let shared: Buffer[] = []
  const joinedAt = new Map<ViewerStream, number>()
  const withPending = new Set<ViewerStream>()
  let flushTimer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined

  const flush = () => {
    flushTimer = undefined
    if (shared.length > 0) {
      const all = Buffer.concat(shared)
      for (const stream of liveSupervisors) {
        const from = joinedAt.get(stream) ?? 0
        if (from === 0) stream.write(all)
        else if (from < shared.length) stream.write(Buffer.concat(shared.slice(from)))
      }
      shared = []
    }
    joinedAt.clear()
    for (const stream of withPending) {
      const frames = stream.pending
      stream.pending = []
      if (frames.length > 0) stream.write(Buffer.concat(frames))
    }
    withPending.clear()
  }
  const scheduleFlush = () => {
    if (flushTimer !== undefined) return
    if (limits.batchMs <= 0) flushTimer = setImmediate(flush)
    else {
      const timer = setTimeout(flush, limits.batchMs)
      timer.unref()
      flushTimer = timer
    }
  }
  const queueFor = (stream: ViewerStream, frame: Buffer) => {
    stream.pending.push(frame)
    withPending.add(stream)
    scheduleFlush()
  }

  /** A `snapshot` event: the versioned export of `sids` (all when absent) that `conferencesMerged` folds in. */
  const snapshotFrame = (sids: readonly string[] | undefined) =>
    sseFrame(SSE_EVENTS.snapshot, selectConferenceExport({ conferences: source.state() }, sids), source.head()?.id)

  const goLive = (stream: ViewerStream) => {
    catchingUp.delete(stream)
    stream.queue = undefined
    if (!stream.open) return
    // A viewer that caught up while the bus is down is told right after its catch-up.
    if (source.bus.status() === 'down') stream.write(sseFrame(SSE_EVENTS.status, { bus: 'down' }))
    if (stream.viewer.role === 'supervisor') {
      liveSupervisors.add(stream)
      joinedAt.set(stream, shared.length)
      return
    }
    let mine = liveAgents.get(stream.viewer.workerSid)
    if (mine === undefined) liveAgents.set(stream.viewer.workerSid, (mine = new Set()))
    mine.add(stream)
  }

  const forget = (stream: ViewerStream) => {
    streams.delete(stream)
    catchingUp.delete(stream)
    liveSupervisors.delete(stream)
    joinedAt.delete(stream)
    withPending.delete(stream)
    const mine = liveAgents.get(stream.viewer.workerSid)
    mine?.delete(stream)
    if (mine?.size === 0) liveAgents.delete(stream.viewer.workerSid)
  }

  /** An entry for one live agent, who may see it: their first sight of a conference is a snapshot of it. */
  const agentFrame = (stream: ViewerStream, conferenceSid: string, frame: () => Buffer): Buffer => {
    if (stream.seen.has(conferenceSid)) return frame()
    stream.seen.add(conferenceSid)
    return snapshotFrame([conferenceSid])
  }

  /** What a catching-up stream is sent for a queued live entry, if anything. */
  const queuedFrame = (stream: ViewerStream, item: QueuedEntry): Buffer | undefined => {
    if (stream.viewer.role === 'supervisor') return item.frame()
    if (item.conferenceSid === undefined || !workersIn(source.state(), item.conferenceSid).has(stream.viewer.workerSid)) return undefined
    return agentFrame(stream, item.conferenceSid, item.frame)
  }

  /**
   * Writes the live entries that arrived while a stream caught up (those after `sentUpTo`), then
   * makes it live. Entries go on arriving while the socket drains: the queue is taken in batches
   * until it is empty, and the stream goes live in that same turn, so nothing falls between.
   */
  const finishCatchUp = async (stream: ViewerStream, sentUpTo: number) => {
    while (stream.queue !== undefined && stream.queue.length > 0) {
      const batch = stream.queue
      stream.queue = []
      for (const item of batch) {
        if (item.ordinal <= sentUpTo) continue
        const frame = queuedFrame(stream, item)
        if (frame !== undefined && !(await stream.catchUp(frame))) return
      }
    }
    goLive(stream)
  }

  /** Writes a snapshot of what the viewer may see; resolves with the ordinal it covers. */
  const sendFreshSnapshot = async (stream: ViewerStream) => {
    const sids = visibleConferenceSids(source.state(), stream.viewer)
    if (sids !== undefined) for (const sid of sids) stream.seen.add(sid)
    const upTo = source.head()?.ordinal ?? 0
    await stream.catchUp(snapshotFrame(sids))
    return upTo
  }

  const resume = async (stream: ViewerStream, lastEventId: string) => {
    let missed: readonly BusEntry[] | undefined
    try {
      missed = await source.bus.readAfter(lastEventId)
    } catch {
      missed = undefined
    }
    if (!stream.open) return
    if (missed === undefined || missed.length > source.remembered) {
      await finishCatchUp(stream, await sendFreshSnapshot(stream))
      return
    }
    // Entries this instance has not applied yet (another instance's newest) come live later.
    const applied: { entry: BusEntry; ordinal: number }[] = []
    for (const entry of missed) {
      const ordinal = source.ordinalOf(entry.id)
      if (ordinal === undefined) break
      applied.push({ entry, ordinal })
    }
    if (stream.viewer.role === 'supervisor') {
      // Written as the socket drains: a long replay is never all in memory at once.
      let sentUpTo = 0
      for (const { entry, ordinal } of applied) {
        if (!(await stream.catchUp(sseFrame(SSE_EVENTS.conference, entry.action, entry.id)))) return
        sentUpTo = ordinal
      }
      await finishCatchUp(stream, sentUpTo)
      return
    }
    const visible = new Set(visibleConferenceSids(source.state(), stream.viewer))
    for (const sid of visible) stream.seen.add(sid)
    const changed = new Set<string>()
    const touched = [...applied.map(({ entry }) => conferenceOf(entry.action)), ...(stream.queue ?? []).map((item) => item.conferenceSid)]
    for (const sid of touched) if (sid !== undefined && visible.has(sid)) changed.add(sid)
    const upTo = source.head()?.ordinal ?? 0
    if (changed.size > 0 && !(await stream.catchUp(snapshotFrame([...changed])))) return
    await finishCatchUp(stream, upTo)
  }

  return {
    connect(response, viewer, lastEventId) {
      const stream = openViewerStream(response, viewer, limits, forget)
      // Hung up before the stream opened: nothing to register (it would never be forgotten).
      if (!stream.open) return
      streams.add(stream)
      // Every stream starts catching up: live entries wait in its queue until its first snapshot
      // (or its resume) has drained to the socket.
      stream.queue = []
      catchingUp.add(stream)
      const caughtUp =
        lastEventId === undefined || lastEventId.length === 0 ? sendFreshSnapshot(stream).then((upTo) => finishCatchUp(stream, upTo)) : resume(stream, lastEventId)
      caughtUp.catch(() => stream.cutOff())
    },
    deliver(entry, ordinal) {
      if (streams.size === 0) return
      const conferenceSid = conferenceOf(entry.action)
      let frame: Buffer | undefined
      const encoded = () => (frame ??= sseFrame(SSE_EVENTS.conference, entry.action, entry.id))
      for (const stream of catchingUp) {
        if (stream.queue === undefined) continue
        if (stream.queue.length >= limits.maxQueuedEntries) stream.cutOff()
        else stream.queue.push({ ordinal, conferenceSid, frame: encoded })
      }
      if (liveSupervisors.size > 0) {
        shared.push(encoded())
        scheduleFlush()
      }
      if (conferenceSid === undefined || liveAgents.size === 0) return
      for (const workerSid of workersIn(source.state(), conferenceSid)) {
        const agents = liveAgents.get(workerSid)
        if (agents !== undefined) for (const stream of agents) queueFor(stream, agentFrame(stream, conferenceSid, encoded))
      }
    },
    heartbeat() {
      for (const stream of streams) stream.write(HEARTBEAT_FRAME)
    },
    broadcast(frame) {
      // A stream still catching up hears the bus status when it goes live (`goLive`).
      for (const stream of streams) if (!catchingUp.has(stream)) stream.write(frame)
    },
    get size() {
      return streams.size
    },
    closeAll() {
      if (flushTimer !== undefined) flush()
      for (const stream of [...streams]) stream.end()
      streams.clear()
    },
  }
}

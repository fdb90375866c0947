/**
 * The viewers' side of the relay: who is connected, what each may see, and what each is sent.
 *
 * Each accepted entry is encoded once and written to every viewer allowed to see its conference.
 * An agent who gains a leg in a conference mid-stream is first sent a `snapshot` of that
 * conference (its history before the agent appeared). A viewer resuming with `Last-Event-ID`
 * gets what it missed: a supervisor the missed `conference` events, an agent one `snapshot` of
 * the visible conferences that changed meanwhile (it cannot know which of them the agent already
 * had); a position the log no longer holds gets a fresh snapshot. Live entries that arrive while
 * a viewer catches up wait in a bounded queue, ordered by the local ordinal each entry got when
 * this instance applied it. See `docs/relay.md`.
 *
 * @module
 */
import type { ServerResponse } from 'node:http'
import type { ConferencesState } from '../model'
import type { BusEntry, ConferenceBus } from './bus'
import { conferenceOf, visibleConferenceSids, workersIn } from './conferenceAccess'
import { exportConferences } from './conferenceExport'
import { HEARTBEAT_FRAME, SSE_EVENTS, sseFrame } from './sseFrames'
import { openViewerStream, type ViewerStream } from './viewerStream'
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
}

/** The viewer registry and fan-out. */
export interface ViewerHub {
  /** Opens a stream for a verified viewer; `lastEventId` resumes. */
  connect(response: ServerResponse, viewer: Viewer, lastEventId: string | undefined): void
  /** Sends an entry the relay has just applied (its state already includes it). */
  deliver(entry: BusEntry, ordinal: number): void
  /** Writes the heartbeat comment to every stream. */
  heartbeat(): void
  /** Open streams. */
  readonly size: number
  /** Ends every stream. */
  closeAll(): void
}

/** Creates the hub over the relay's state. */
export function createViewerHub(source: HubSource, limits: HubLimits): ViewerHub {
  const streams = new Set<ViewerStream>()

  const snapshotFrame = (sids: readonly string[] | undefined) => {
    const head = source.head()
    return sseFrame(SSE_EVENTS.snapshot, exportConferences(source.state(), sids), head?.id)
  }

  /** Sends a live entry to one stream, if its viewer may see it. */
  const sendEntry = (stream: ViewerStream, conferenceSid: string | undefined, frame: () => Buffer, workers: () => ReadonlySet<string>) => {
    if (stream.viewer.role === 'supervisor') return stream.write(frame())
    if (conferenceSid === undefined || !workers().has(stream.viewer.workerSid)) return true
    if (stream.seen.has(conferenceSid)) return stream.write(frame())
    stream.seen.add(conferenceSid)
    return stream.write(snapshotFrame([conferenceSid]))
  }

  const finishCatchUp = (stream: ViewerStream, sentUpTo: number) => {
    const queue = stream.queue ?? []
    stream.queue = undefined
    const state = source.state()
    for (const item of queue) {
      if (item.ordinal <= sentUpTo) continue
      const workers = () => (item.conferenceSid === undefined ? new Set<string>() : workersIn(state, item.conferenceSid))
      if (!sendEntry(stream, item.conferenceSid, item.frame, workers)) return
    }
  }

  const sendFreshSnapshot = (stream: ViewerStream) => {
    const sids = visibleConferenceSids(source.state(), stream.viewer)
    if (sids !== undefined) for (const sid of sids) stream.seen.add(sid)
    stream.write(snapshotFrame(sids))
    return source.head()?.ordinal ?? 0
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
      finishCatchUp(stream, sendFreshSnapshot(stream))
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
      let sentUpTo = 0
      for (const { entry, ordinal } of applied) {
        if (!stream.write(sseFrame(SSE_EVENTS.conference, entry.action, entry.id))) return
        sentUpTo = ordinal
      }
      finishCatchUp(stream, sentUpTo)
      return
    }
    const state = source.state()
    const visible = new Set(visibleConferenceSids(state, stream.viewer))
    for (const sid of visible) stream.seen.add(sid)
    const changed = new Set<string>()
    const touched = [...applied.map(({ entry }) => conferenceOf(entry.action)), ...(stream.queue ?? []).map((item) => item.conferenceSid)]
    for (const sid of touched) if (sid !== undefined && visible.has(sid)) changed.add(sid)
    if (changed.size > 0 && !stream.write(snapshotFrame([...changed]))) return
    finishCatchUp(stream, source.head()?.ordinal ?? 0)
  }

  return {
    connect(response, viewer, lastEventId) {
      const stream = openViewerStream(response, viewer, limits.maxBufferedBytes, (closed) => streams.delete(closed))
      streams.add(stream)
      if (lastEventId === undefined || lastEventId.length === 0) {
        sendFreshSnapshot(stream)
        return
      }
      stream.queue = []
      void resume(stream, lastEventId)
    },
    deliver(entry, ordinal) {
      if (streams.size === 0) return
      const conferenceSid = conferenceOf(entry.action)
      let frame: Buffer | undefined
      const encoded = () => (frame ??= sseFrame(SSE_EVENTS.conference, entry.action, entry.id))
      let workers: ReadonlySet<string> | undefined
      const workersNow = () => (workers ??= conferenceSid === undefined ? new Set<string>() : workersIn(source.state(), conferenceSid))
      for (const stream of streams) {
        if (stream.queue !== undefined) {
          if (stream.queue.length >= limits.maxQueuedEntries) stream.cutOff()
          else stream.queue.push({ ordinal, conferenceSid, frame: encoded })
          continue
        }
        sendEntry(stream, conferenceSid, encoded, workersNow)
      }
    },
    heartbeat() {
      for (const stream of streams) stream.write(HEARTBEAT_FRAME)
    },
    get size() {
      return streams.size
    },
    closeAll() {
      for (const stream of streams) stream.end()
      streams.clear()
    },
  }
}

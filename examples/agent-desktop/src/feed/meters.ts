/**
 * The wall's readouts: events dispatched per second, frames painted per second and conference
 * rows rendered per second, sampled every 500 ms over the last second.
 */
import { createObservable, type Observable } from './observable'

export interface Readings {
  eventsPerSecond: number
  framesPerSecond: number
  rowRendersPerSecond: number
  totalEvents: number
  totalRowRenders: number
}

/** Incremented by each render of a wall row (a counter, not state: it must not cause renders). */
export const rowRenders = { count: 0 }

interface Sample {
  at: number
  events: number
  frames: number
  rowRenders: number
}

export function startMeters(countEvents: () => number, sampleEveryMs = 500): Observable<Readings> {
  const readings = createObservable<Readings>({
    eventsPerSecond: 0,
    framesPerSecond: 0,
    rowRendersPerSecond: 0,
    totalEvents: 0,
    totalRowRenders: 0,
  })
  let frames = 0
  const countFrame = () => {
    frames += 1
    requestAnimationFrame(countFrame)
  }
  requestAnimationFrame(countFrame)

  const samples: Sample[] = [{ at: performance.now(), events: countEvents(), frames, rowRenders: rowRenders.count }]
  setInterval(() => {
    const now: Sample = { at: performance.now(), events: countEvents(), frames, rowRenders: rowRenders.count }
    samples.push(now)
    // Keep about one second of samples: the rates are over the oldest one kept.
    while (samples.length > 2 && now.at - (samples[1] as Sample).at >= 1000) samples.shift()
    const first = samples[0] as Sample
    const seconds = Math.max((now.at - first.at) / 1000, 0.001)
    readings.set({
      eventsPerSecond: Math.round((now.events - first.events) / seconds),
      framesPerSecond: Math.round((now.frames - first.frames) / seconds),
      rowRendersPerSecond: Math.round((now.rowRenders - first.rowRenders) / seconds),
      totalEvents: now.events,
      totalRowRenders: now.rowRenders,
    })
  }, sampleEveryMs)
  return readings
}

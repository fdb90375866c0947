/**
 * Calls `tick` once per animation frame, or every 100 ms when frames do not come (a background
 * tab, a headless browser that does not paint): whichever comes first.
 */
export function onEveryFrame(tick: (now: number) => void, fallbackMs = 100): () => void {
  let frame = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  const run = () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    if (stopped) return
    tick(performance.now())
    schedule()
  }
  const schedule = () => {
    frame = requestAnimationFrame(run)
    timer = setTimeout(run, fallbackMs)
  }

  schedule()
  return () => {
    stopped = true
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

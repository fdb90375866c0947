import { eventLog } from '../store'
import { useObservable } from '../useObservable'

const SHOWN = 40

const time = (at: number) => {
  const date = new Date(at)
  return `${date.toLocaleTimeString('en-GB', { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`
}

/** The latest events and control actions of the call on screen, newest first. */
export function EventLog({ conferenceSid }: { conferenceSid: string }) {
  const entries = useObservable(eventLog.entries)
  const shown = entries.filter((entry) => entry.conferenceSid === conferenceSid).slice(0, SHOWN)
  return (
    <section className="panel event-log" data-testid="event-log">
      <h2>Event log</h2>
      <ol>
        {shown.map((entry) => (
          <li key={entry.id} className={`log-${entry.kind}`} data-testid="event-log-entry" data-type={entry.type}>
            <time>{time(entry.at)}</time>
            <span className="seq">{entry.sequence === undefined ? '' : `#${entry.sequence}`}</span>
            <span className="text">
              {entry.who === undefined ? '' : <strong>{entry.who} </strong>}
              {entry.text}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}

import { selectControlErrors } from 'conference-state'
import { useAppSelector } from '../store'

/** Commands the platform refused, or never confirmed: rolled back, and listed here. */
export function ControlErrors() {
  const errors = useAppSelector(selectControlErrors)
  return (
    <div className="control-errors" data-testid="control-errors">
      <h2>Failed commands</h2>
      {errors.length === 0 ? (
        <p className="empty">None so far.</p>
      ) : (
        <ul>
          {errors
            .slice(-5)
            .reverse()
            .map((error) => (
              <li key={error.requestId}>
                <strong>{error.kind}</strong> {error.message}
              </li>
            ))}
        </ul>
      )}
    </div>
  )
}

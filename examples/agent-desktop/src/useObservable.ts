import { useSyncExternalStore } from 'react'
import type { Observable } from './feed/observable'

/** Reads an {@link Observable} and re-renders when it changes. */
export function useObservable<T>(observable: Observable<T>): T {
  return useSyncExternalStore(observable.subscribe, observable.get)
}

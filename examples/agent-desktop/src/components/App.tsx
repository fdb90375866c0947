import { useEffect, useState } from 'react'
import { relayFeed } from '../store'
import { AgentView } from './AgentView'
import { FeedBanner } from './FeedBanner'
import { SupervisorWall } from './SupervisorWall'
import { Tabs, type View } from './Tabs'

const viewOfHash = (): View => (location.hash === '#wall' ? 'wall' : 'agent')

/** The page: a header with the two views, the agent's and the supervisor's. */
export function App() {
  const [view, setView] = useState<View>(viewOfHash)
  useEffect(() => {
    const onHash = () => setView(viewOfHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const select = (next: View) => {
    history.replaceState(null, '', next === 'wall' ? '#wall' : '#agent')
    setView(next)
  }
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          conference-state <span>agent desktop demo</span>
        </h1>
        {relayFeed !== undefined && <FeedBanner feed={relayFeed} />}
        <Tabs view={view} onSelect={select} />
      </header>
      <main>{view === 'agent' ? <AgentView /> : <SupervisorWall />}</main>
    </div>
  )
}

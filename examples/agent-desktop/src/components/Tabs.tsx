export type View = 'agent' | 'wall'

const TABS: ReadonlyArray<{ view: View; label: string }> = [
  { view: 'agent', label: 'Agent view' },
  { view: 'wall', label: 'Supervisor wall' },
]

/** The switch between the agent view and the supervisor wall. */
export function Tabs({ view, onSelect }: { view: View; onSelect: (view: View) => void }) {
  return (
    <nav className="tabs" role="tablist">
      {TABS.map((tab) => (
        <button
          key={tab.view}
          type="button"
          role="tab"
          aria-selected={view === tab.view}
          className={view === tab.view ? 'tab active' : 'tab'}
          data-testid={`tab-${tab.view}`}
          onClick={() => onSelect(tab.view)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  )
}

/** A small labelled pill; `kind` names it for styles and tests (`badge-on-hold`, …). */
export function Badge({ kind, children }: { kind: string; children: string }) {
  return (
    <span className={`badge badge-${kind}`} data-testid={`badge-${kind}`}>
      {children}
    </span>
  )
}

/* eslint-disable @typescript-eslint/no-non-null-assertion -- bench indices are in range by construction */
/**
 * Draws docs/performance.svg from bench/results.json: median µs per hold-toggle event (log scale)
 * against the number of live conferences (log scale), one line per implementation.
 * Run: npx tsx bench/chart.ts (npm run bench runs it after the benchmark).
 */
import { readFileSync, writeFileSync } from 'node:fs'

interface Results {
  machine: { cpus: number; node: string }
  date: string
  sizes: number[]
  implementations: string[]
  perEvent: Record<string, Record<string, Record<string, { medianUs: number }>>>
}

const results = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) as Results
const workload = 'hold'
const labels: Record<string, string> = {
  ours: 'conference-state (conferencesReducer)',
  textbook: 'textbook RTK slice (entity adapter + Immer)',
  flex: 'Flex-style Map copy',
  floor: 'mutable floor (in place)',
}
const colors: Record<string, string> = { ours: '#1f77b4', textbook: '#d62728', flex: '#ff7f0e', floor: '#2ca02c' }

const W = 760, H = 460
const M = { left: 80, right: 300, top: 50, bottom: 70 }
const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom

const values = results.implementations.flatMap((impl) => results.sizes.map((size) => results.perEvent[size]![workload]![impl]!.medianUs))
const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...values))))
const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...values))))
const xMin = Math.min(...results.sizes), xMax = Math.max(...results.sizes)
const x = (n: number) => M.left + ((Math.log10(n) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * plotW
const y = (us: number) => M.top + plotH - ((Math.log10(us) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH
const fmtUs = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(us >= 10_000 ? 0 : 1)} ms` : us >= 10 ? `${us.toFixed(0)} µs` : `${us.toFixed(us >= 1 ? 1 : 2)} µs`)
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

const parts: string[] = []
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`)
parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`)
parts.push(`<text x="${M.left}" y="24" font-size="15" font-weight="bold">Per-event reducer cost: hold/unhold toggle (median, log scale)</text>`)
parts.push(`<text x="${M.left}" y="40" fill="#555">${esc(`Node ${results.machine.node}, ${results.machine.cpus} CPUs, NODE_ENV=production, ${results.date.slice(0, 10)}`)}</text>`)
// Y grid: decades.
for (let d = Math.log10(yMin); d <= Math.log10(yMax) + 1e-9; d++) {
  const v = Math.pow(10, d), yy = y(v).toFixed(1)
  parts.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`)
  parts.push(`<text x="${M.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">${esc(fmtUs(v))}</text>`)
}
// X ticks: the measured sizes.
for (const size of results.sizes) {
  const xx = x(size).toFixed(1)
  parts.push(`<line x1="${xx}" x2="${xx}" y1="${M.top}" y2="${M.top + plotH}" stroke="#eee"/>`)
  parts.push(`<text x="${xx}" y="${M.top + plotH + 18}" text-anchor="middle">${size.toLocaleString('en-US')}</text>`)
}
parts.push(`<rect x="${M.left}" y="${M.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`)
parts.push(`<text x="${M.left + plotW / 2}" y="${H - 22}" text-anchor="middle" font-size="13">live conferences (2–4 participants each, log scale)</text>`)
parts.push(`<text transform="translate(20 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="13">µs per event (median, log scale)</text>`)
// Series.
for (const impl of results.implementations) {
  const pts = results.sizes.map((size) => [x(size), y(results.perEvent[size]![workload]![impl]!.medianUs)] as const)
  parts.push(`<polyline fill="none" stroke="${colors[impl] ?? '#000'}" stroke-width="2.5" points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>`)
  results.sizes.forEach((size, k) => {
    const [a, b] = pts[k]!
    const us = results.perEvent[size]![workload]![impl]!.medianUs
    parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="4" fill="${colors[impl] ?? '#000'}"><title>${esc(`${impl} at ${size}: ${us.toFixed(2)} µs`)}</title></circle>`)
    parts.push(`<text x="${(a + 6).toFixed(1)}" y="${(b - 6).toFixed(1)}" font-size="10" fill="${colors[impl] ?? '#000'}">${esc(fmtUs(us))}</text>`)
  })
}
// Legend.
const lx = M.left + plotW + 20
parts.push(`<text x="${lx}" y="${M.top + 4}" font-weight="bold">Implementation</text>`)
results.implementations.forEach((impl, k) => {
  const ly = M.top + 24 + k * 22
  parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${colors[impl] ?? '#000'}" stroke-width="3"/>`)
  parts.push(`<text x="${lx + 30}" y="${ly}" dominant-baseline="middle">${esc(labels[impl] ?? impl)}</text>`)
})
parts.push('</svg>')
writeFileSync(new URL('../docs/performance.svg', import.meta.url), parts.join('\n') + '\n')
console.error('wrote docs/performance.svg')

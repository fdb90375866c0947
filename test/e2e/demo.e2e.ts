/**
 * The agent-desktop demo (examples/agent-desktop) in real Chromium: the built page, served on
 * 127.0.0.1, driven with playwright-core. Run with `npm run test:e2e` (it builds the demo first).
 *
 * Every wait is on a condition in the page, with a timeout; nothing sleeps on the wall clock.
 * The README's screenshots are rewritten only when asked: `npm run test:e2e:screenshots`
 * (`SAVE_SCREENSHOTS=1`).
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type Chromium } from './chromium'
import { serveStatic, type StaticServer } from './staticServer'

const dist = fileURLToPath(new URL('../../examples/agent-desktop/dist/', import.meta.url))
const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
const savesScreenshots = process.env.SAVE_SCREENSHOTS === '1'

/** Renders the page to an image, and saves it over the README's copy only when asked. */
async function screenshot(name: string): Promise<void> {
  await page.screenshot(savesScreenshots ? { path: `${screenshots}${name}.png` } : {})
}

let server: StaticServer
let browser: Chromium
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  if (!existsSync(`${dist}index.html`)) throw new Error('The demo is not built: run `npm run demo:build` (npm run test:e2e does).')
  if (savesScreenshots) await mkdir(screenshots, { recursive: true })
  server = await serveStatic(dist)
  browser = await launchChromium()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => pageErrors.push(String(error)))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text())
  })
  // The simulated platform accepts a command after 250 ms and confirms it 1 s later.
  await page.goto(`${server.url}index.html?ack=250&confirm=1000&ring=2500`)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const callPanel = () => page.getByTestId('call-panel')
const row = (selector: string) => callPanel().locator(`[data-testid="participant-row"]${selector}`)
const rowNamed = (name: string) => callPanel().getByTestId('participant-row').filter({ hasText: name })

describe('agent view', () => {
  it('renders my call: its participants, live count and live workers', async () => {
    await page.getByTestId('agent-view').waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="call-panel"] [data-testid="participant-row"]').length >= 4, undefined, {
      timeout: 10_000,
    })
    expect(await row('[data-type="customer"]').getByTestId('participant-name').textContent()).toBe('Dana Reyes (customer)')
    expect(await row('[data-me="true"]').getByTestId('participant-name').textContent()).toBe('Alex Kim')
    await row('[data-me="true"]').getByTestId('badge-me').waitFor()
    await row('[data-type="supervisor"]').getByTestId('badge-coaching').waitFor()
    // Customer, me and a colleague; the supervisor is listed but not counted.
    expect(await page.getByTestId('live-count').textContent()).toBe('3')
    expect(await page.getByTestId('live-workers').textContent()).toBe('Alex Kim, Sam Patel')
    expect(await page.getByTestId('conference-status').textContent()).toBe('active')
  })

  it('shows a hold as pending, then "on hold" once the Twilio callback confirms it', async () => {
    const customer = row('[data-type="customer"]')
    expect(await customer.getByTestId('badge-on-hold').count()).toBe(0)
    await customer.getByTestId('hold-button').click()

    await customer.getByTestId('badge-hold-pending').waitFor({ timeout: 2_000 })
    expect(await customer.getByTestId('badge-hold-pending').textContent()).toBe('hold pending')
    // Not confirmed yet: the callback arrives about 1.25 s after the click.
    expect(await customer.getByTestId('badge-on-hold').count()).toBe(0)
    expect(await customer.getByTestId('hold-button').textContent()).toBe('Unhold')

    await customer.getByTestId('badge-on-hold').waitFor({ timeout: 5_000 })
    await customer.getByTestId('badge-hold-pending').waitFor({ state: 'detached', timeout: 2_000 })
    expect(await customer.getByTestId('badge-on-hold').textContent()).toBe('on hold')

    const log = page.getByTestId('event-log')
    await log.locator('[data-type="holdParticipant/pending"]').waitFor({ state: 'attached' })
    await log.locator('[data-type="holdParticipant/fulfilled"]').waitFor({ state: 'attached' })
    await log.locator('[data-type="participantHeld"]').waitFor({ state: 'attached' })
  })

  it('mutes me, removes a colleague and dials a number, each through its pending state', async () => {
    const me = row('[data-me="true"]')
    await me.getByTestId('mute-button').click()
    await me.getByTestId('badge-mute-pending').waitFor({ timeout: 2_000 })
    await me.getByTestId('badge-muted').waitFor({ timeout: 5_000 })

    const colleague = rowNamed('Sam Patel')
    await colleague.getByTestId('remove-button').click()
    await colleague.getByTestId('badge-remove-pending').waitFor({ timeout: 2_000 })
    await colleague.getByTestId('badge-recently-left').waitFor({ timeout: 5_000 })
    await page.waitForFunction(() => document.querySelector('[data-testid="live-count"]')?.textContent === '2')
    expect(await page.getByTestId('live-workers').textContent()).toBe('Alex Kim')

    await page.getByTestId('add-button').click()
    const dialled = rowNamed('+1 555 010 0142')
    await dialled.getByTestId('badge-connecting').waitFor({ timeout: 3_000 })
    // The supervisor stops coaching out loud: a mute, pending while the dialled number rings.
    const supervisor = row('[data-type="supervisor"]')
    await supervisor.getByTestId('mute-button').click()
    await supervisor.getByTestId('badge-mute-pending').waitFor({ timeout: 2_000 })
    await screenshot('agent-view')
    await supervisor.getByTestId('badge-muted').waitFor({ timeout: 5_000 })

    // It answers after ringing: joined, no longer connecting, and counted.
    await dialled.getByTestId('badge-connecting').waitFor({ state: 'detached', timeout: 8_000 })
    expect(await dialled.getAttribute('data-status')).toBe('joined')
    await page.waitForFunction(() => document.querySelector('[data-testid="live-count"]')?.textContent === '3')
    expect(await page.getByTestId('control-errors').textContent()).toContain('None so far')
  })

  it('replays docs/scenarios in the same view', async () => {
    await page.getByTestId('call-option-warm-transfer').click()
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="call-panel"] [data-testid="participant-row"]').length >= 2,
      undefined,
      { timeout: 15_000 },
    )
    expect(await callPanel().getAttribute('data-conference-sid')).toMatch(/^CF[0-9a-f]{24}0{6}a2$/)
    expect(await page.getByTestId('hold-button').count()).toBe(0)
    await page.getByTestId('call-option-live').click()
  })
})

describe('supervisor wall', () => {
  it('renders at least 1,000 conference rows', async () => {
    await page.getByTestId('tab-wall').click()
    await page.getByTestId('supervisor-wall').waitFor()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="wall-row"]').length >= 1000, undefined, { timeout: 15_000 })
    const rows = await page.getByTestId('wall-row').count()
    expect(rows).toBeGreaterThanOrEqual(1000)
    expect(Number((await page.getByTestId('wall-row-count').textContent())?.replace(/,/g, ''))).toBe(rows)
    expect(Number((await page.getByTestId('wall-active-count').textContent())?.replace(/,/g, ''))).toBeGreaterThanOrEqual(1000)
  })

  it('keeps updating: rows change and the events/s readout moves', async () => {
    const totalEvents = async () => Number(await page.getByTestId('events-per-second').getAttribute('data-total-events'))
    const before = await totalEvents()
    await page.evaluate(() => {
      const rows = [...document.querySelectorAll('[data-testid="wall-row"]')]
      ;(window as unknown as { wallBefore: Record<string, string> }).wallBefore = Object.fromEntries(
        rows.map((row) => [row.getAttribute('data-conference-sid') ?? '', row.textContent ?? '']),
      )
    })
    // Some row that was on screen before shows different values (a hold, a mute, a join, …).
    await page.waitForFunction(
      () => {
        const before = (window as unknown as { wallBefore: Record<string, string> }).wallBefore
        let changed = 0
        for (const row of document.querySelectorAll('[data-testid="wall-row"]')) {
          const was = before[row.getAttribute('data-conference-sid') ?? '']
          if (was !== undefined && was !== row.textContent) changed += 1
        }
        return changed >= 10
      },
      undefined,
      { timeout: 10_000, polling: 200 },
    )
    // The readouts sample every 500 ms: wait for them to report events and frames.
    await page.waitForFunction(
      (start) => {
        const readout = document.querySelector('[data-testid="events-per-second"]')
        return Number(readout?.getAttribute('data-total-events')) > start + 200 && Number(readout?.textContent?.replace(/,/g, '')) > 0
      },
      before,
      { timeout: 10_000, polling: 200 },
    )
    expect(await totalEvents()).toBeGreaterThan(before)
    expect(Number(await page.getByTestId('frames-per-second').textContent())).toBeGreaterThan(0)
  })

  it('raises the load from the load control', async () => {
    await page.getByTestId('load-rate').selectOption('3000')
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="events-per-second"]')?.textContent?.replace(/,/g, '')) > 1500, undefined, {
      timeout: 10_000,
      polling: 200,
    })
    await screenshot('supervisor-wall')
    expect(pageErrors).toEqual([])
  })
})

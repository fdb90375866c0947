/**
 * The live demo in real Chromium: the built agent desktop in live mode, the relay's own command
 * (`node dist/cli/bin.js relay`), the Twilio simulator, and the gateway that puts the relay and
 * the token endpoint on the page's origin (examples/agent-desktop/live). Controls go browser →
 * relay → simulator → signed callbacks → relay → browser; the network is taken away and given
 * back, and the screen must end equal to the simulator's truth.
 *
 * Every wait is on a condition, with a timeout; nothing sleeps on the wall clock.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RELAY_BIN } from '../../examples/agent-desktop/live/relayProcess'
import { startLiveStack, type LiveStack } from '../../examples/agent-desktop/live/liveStack'
import { launchChromium, type Chromium } from './chromium'

const dist = fileURLToPath(new URL('../../examples/agent-desktop/dist/', import.meta.url))
const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
// Tracked screenshots are rewritten only when asked (`npm run test:e2e:screenshots`).
const savesScreenshots = process.env.SAVE_SCREENSHOTS === '1'

let stack: LiveStack
let browser: Chromium
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  if (!existsSync(`${dist}index.html`)) throw new Error('The demo is not built: run `npm run demo:build` (npm run test:e2e does).')
  if (!existsSync(RELAY_BIN)) throw new Error('The relay command is not built: run `npm run build`.')
  stack = await startLiveStack({ staticRoot: dist, seed: 5, ringMs: 800 })
  browser = await launchChromium()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => pageErrors.push(String(error)))
  await page.goto(`${stack.gatewayUrl}/index.html?live`)
})

afterAll(async () => {
  await browser?.close()
  await stack?.stop()
})

const banner = () => page.getByTestId('feed-status')
const waitForBanner = (status: string, timeout = 10_000) =>
  page.waitForFunction((wanted) => document.querySelector('[data-testid="feed-status"]')?.getAttribute('data-status') === wanted, status, { timeout })
const row = (callSid: string) => page.locator(`[data-testid="call-panel"] [data-testid="participant-row"][data-call-sid="${callSid}"]`)

/** The live legs of my call as the screen shows them. */
const screenLegs = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="call-panel"] .participant.live')]
      .map((element) => {
        const has = (kind: string) => element.querySelector(`[data-testid="badge-${kind}"]`) !== null
        return `${element.getAttribute('data-call-sid')} hold=${has('on-hold')} muted=${has('muted')} coaching=${has('coaching')}`
      })
      .sort(),
  )

/** The connected legs of my call as the simulator has them. */
const truthLegs = () =>
  (stack.simulator.truth().conferences.find((conference) => conference.conferenceSid === stack.conferenceSid())?.participants ?? [])
    .filter((leg) => leg.status === 'connected')
    .map((leg) => `${leg.callSid} hold=${leg.hold} muted=${leg.muted} coaching=${leg.coaching}`)
    .sort()

const legOf = (label: string) => {
  const conference = stack.simulator.truth().conferences.find((candidate) => candidate.conferenceSid === stack.conferenceSid())
  const leg = conference?.participants.find((candidate) => candidate.label === label)
  if (leg === undefined) throw new Error(`no leg labelled ${label} in ${stack.conferenceSid()}`)
  return leg.callSid
}

describe('live demo', () => {
  it('connects through the relay and shows my call as the simulator has it', async () => {
    await waitForBanner('live')
    expect(await banner().textContent()).toContain('Live')
    await page.waitForFunction((sid) => document.querySelector('[data-testid="call-panel"]')?.getAttribute('data-conference-sid') === sid, stack.conferenceSid(), { timeout: 10_000 })
    await stack.simulator.idle()
    await expect.poll(screenLegs, { timeout: 10_000 }).toEqual(truthLegs())
    expect(await screenLegs()).toHaveLength(4)
  })

  it('holds, mutes, removes and adds through the relay and the simulator', async () => {
    const customer = row(legOf('customer'))
    await customer.getByTestId('hold-button').click()
    await customer.getByTestId('badge-on-hold').waitFor({ timeout: 10_000 })

    const me = row(legOf('worker:WK00000000000000000000000000000001'))
    await me.getByTestId('mute-button').click()
    await me.getByTestId('badge-muted').waitFor({ timeout: 10_000 })

    const colleagueSid = legOf('worker:WK00000000000000000000000000000002')
    await row(colleagueSid).getByTestId('remove-button').click()
    await row(colleagueSid).getByTestId('badge-recently-left').waitFor({ timeout: 10_000 })

    await page.getByTestId('add-button').click()
    await expect.poll(() => stack.simulator.truth().conferences.find((c) => c.conferenceSid === stack.conferenceSid())?.participants.some((leg) => leg.label === 'external' && leg.status === 'connected'), { timeout: 10_000 }).toBe(true)
    await row(legOf('external')).getByTestId('badge-connecting').waitFor({ state: 'detached', timeout: 10_000 })

    await stack.simulator.idle()
    await expect.poll(screenLegs, { timeout: 10_000 }).toEqual(truthLegs())
    expect(await page.getByTestId('control-errors').textContent()).toContain('None so far')
  })

  it('shows reconnecting while offline, then catches up to the truth', async () => {
    await waitForBanner('live')
    await browser.context.setOffline(true)
    await waitForBanner('reconnecting')
    await page.screenshot(savesScreenshots ? { path: `${screenshots}live-reconnecting.png` } : {})

    // Twilio's side moves on while the agent is offline.
    const conferenceSid = stack.conferenceSid()
    stack.simulator.updateLeg(conferenceSid, legOf('customer'), { hold: false, muted: true })
    stack.simulator.updateLeg(conferenceSid, legOf('external'), { hold: true })
    stack.simulator.joinLeg(conferenceSid, { label: 'transfer' })
    await stack.simulator.idle()
    expect(await banner().getAttribute('data-status')).toBe('reconnecting')
    expect(await screenLegs()).not.toEqual(truthLegs())

    await browser.context.setOffline(false)
    await waitForBanner('live', 20_000)
    await expect.poll(screenLegs, { timeout: 10_000 }).toEqual(truthLegs())
    expect(pageErrors).toEqual([])
  })
})

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import parvisConfig from '#config/parvis'
import { assertRenderedText } from '#tests/support/page_guards'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export function appUrl(path: string) {
  return new URL(path, parvisConfig.appUrl).href
}

interface AxeViolation {
  id: string
  impact: string
  help: string
  nodes: { target: string[] }[]
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and
 * throws a readable error listing every violation.
 */
export async function assertAccessible(page: Page, label = page.url()) {
  // A page opened with JavaScript disabled cannot evaluate scripts: its
  // current HTML is audited in a scripted twin page at the same URL, so its
  // stylesheets load and colour contrast is measured as the resident sees it.
  const html = await page.content()
  const url = page.url()
  // Missing translations and Edge tags printed as text fail the test, whatever it asserts.
  assertRenderedText(html, label)
  // A fresh context each time, closed at once: a context left open keeps
  // keep-alive connections to the test server, which then cannot stop.
  const twinContext = await page.context().browser()!.newContext({ bypassCSP: true })
  try {
    const twin = await twinContext.newPage()
    await twin.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
    await twin.goto(url, { waitUntil: 'load' })
    await runAxe(twin, label)
  } finally {
    await twinContext.close()
  }
}

async function runAxe(page: Page, label: string) {
  await page.evaluate(AXE_SOURCE)
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`
  )) as AxeViolation[]
  if (violations.length > 0) {
    const lines = violations.map(
      (violation) =>
        `- ${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`
    )
    throw new Error(`axe-core found ${violations.length} violation(s) on ${label}:\n${lines.join('\n')}`)
  }
}

/**
 * Opens a browser context with JavaScript disabled, as a resident on an old
 * phone or with scripts blocked would browse, and hands a page to `journey`.
 */
export async function withoutJavaScript<T>(
  browser: Browser,
  journey: (page: Page, context: BrowserContext) => Promise<T>
): Promise<T> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  })
  try {
    const page = await context.newPage()
    return await journey(page, context)
  } finally {
    await context.close()
  }
}

/** Fills a form field found by its visible label. */
export async function fillByLabel(page: Page, label: string | RegExp, value: string) {
  await page.getByLabel(label, { exact: typeof label === 'string' }).fill(value)
}

/** Fails unless the page's h1 reads exactly `text`. */
export async function expectHeading(page: Page, text: string) {
  const heading = (await page.locator('h1').textContent())?.trim()
  if (heading !== text) throw new Error(`Expected the page "${text}", got "${heading}" at ${page.url()}`)
}

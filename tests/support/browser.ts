import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import parvisConfig from '#config/parvis'
import { assertRenderedText } from '#tests/support/page_guards'
import { htmlErrors } from '#tests/support/html_validation'

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

/** What a resident page may weigh, compressed: its HTML, CSS and JavaScript (see DESIGN, "Speed and weight"). */
export const PAGE_BUDGET_BYTES = 30 * 1024

/** The HTML the server sent for the last page a tab navigated to, and its size on the wire. */
interface DocumentRecord {
  url: string
  source: Promise<string | null>
  encodedBytes: Promise<number>
}

const documents = new WeakMap<Page, DocumentRecord>()

/** Keeps, for every page of a context, the document the server last sent it (validation audits the source, not the DOM). */
function recordDocuments(context: BrowserContext) {
  context.on('response', (response) => {
    const request = response.request()
    if (request.resourceType() !== 'document' || !request.isNavigationRequest()) return
    const frame = response.frame()
    if (frame.parentFrame()) return
    const isHtml = /text\/html/.test(response.headers()['content-type'] ?? '')
    // Read at once: the body of a page navigated away from is no longer available.
    const source =
      isHtml && !(response.status() >= 300 && response.status() < 400)
        ? response.text().catch(() => null)
        : Promise.resolve(null)
    documents.set(frame.page(), {
      url: response.url(),
      source,
      encodedBytes: request
        .sizes()
        .then((sizes) => sizes.responseBodySize)
        .catch(() => 0),
    })
  })
}

/**
 * Makes every context of the browser record its documents, including the
 * contexts browser-client opens for `visit`. Called once by tests/bootstrap.ts.
 */
export function recordDocumentsOf(browser: Browser) {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args)
    recordDocuments(context)
    return context
  }
  return browser
}

/** Enhancements a page can load, and the markup that uses each: loading one without using it is weight for nothing. */
const ENHANCEMENTS = [
  { script: '/assets/htmx.', use: /\sdata-hx-[a-z-]+=/, name: 'htmx (data-hx-* attributes)' },
  {
    script: '/assets/alpine.',
    use: /\sdata-x-data[\s=>]/,
    name: 'Alpine (a data-x-data component)',
  },
  { script: '/assets/map.', use: /\sdata-map=/, name: 'map.js (a data-map element)' },
  {
    script: '/assets/procedure_form.',
    use: /\sdata-show-when=/,
    name: 'procedure_form.js (conditional questions)',
  },
]

function enhancementProblems(source: string) {
  const problems: string[] = []
  for (const enhancement of ENHANCEMENTS) {
    const loaded = source.includes(`src="${enhancement.script}`)
    const used = enhancement.use.test(source)
    if (loaded && !used) problems.push(`loads ${enhancement.name} but does not use it`)
    if (used && !loaded) problems.push(`uses ${enhancement.name} but does not load it`)
  }
  return problems
}

const twins = new WeakMap<Browser, Promise<Page>>()

/**
 * The browser's twin page, where audits run: one page kept for the whole
 * suite, so its renderer process starts once and compiles axe-core once (a
 * fresh context per audit cost about 1.1 s of the 1.6 s an audit took).
 * Closed with the browser.
 */
function twinPage(browser: Browser): Promise<Page> {
  let twin = twins.get(browser)
  if (!twin) {
    twin = browser.newContext({ bypassCSP: true }).then((context) => context.newPage())
    twins.set(browser, twin)
  }
  return twin.then((page) => {
    if (!page.isClosed()) return page
    twins.delete(browser)
    return twinPage(browser)
  })
}

/**
 * Audits the page as it is now and throws one readable error listing every
 * problem found:
 * - the HTML the server sent is valid (html-validate, config in
 *   .htmlvalidate.json) and shows no missing translation nor Edge tag;
 * - it loads htmx, Alpine and the procedure script only if it uses them;
 * - axe-core (WCAG 2.1 A and AA rules) finds no violation;
 * - a resident page (not under /agents) weighs at most 30 KB compressed,
 *   HTML, CSS and JavaScript together, as Chromium received them.
 */
export async function assertAccessible(page: Page, label = page.url()) {
  const html = await page.content()
  const url = page.url()
  const found = documents.get(page)
  const record = found && found.url === url.split('#')[0] ? found : null
  const source = (record ? await record.source : null) ?? html
  const problems: string[] = []

  // Missing translations and Edge tags printed as text fail the test, whatever it asserts.
  try {
    assertRenderedText(source, label)
  } catch (error) {
    problems.push((error as Error).message)
  }
  const invalid = await htmlErrors(source)
  if (invalid.length)
    problems.push(
      `html-validate found ${invalid.length} error(s) on ${label}:\n${invalid.map((line) => `- ${line}`).join('\n')}`
    )
  problems.push(...enhancementProblems(source).map((problem) => `${label} ${problem}`))

  // A page opened with JavaScript disabled cannot evaluate scripts: its
  // current HTML is audited in a scripted twin page at the same URL, so its
  // stylesheets load and colour contrast is measured as the resident sees it.
  // The twin downloads everything again (routing turns Chromium's cache
  // off): what it downloads is what a first visit downloads.
  const twin = await twinPage(page.context().browser()!)
  const assets: Promise<number>[] = []
  const countAsset = (response: Response) => {
    if (['stylesheet', 'script'].includes(response.request().resourceType())) {
      assets.push(
        response
          .request()
          .sizes()
          .then((sizes) => sizes.responseBodySize)
      )
    }
  }
  twin.on('response', countAsset)
  try {
    await twin.unrouteAll({ behavior: 'wait' })
    await twin.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
    )
    await twin.goto(url, { waitUntil: 'load' })
    try {
      await runAxe(twin, label)
    } catch (error) {
      problems.push((error as Error).message)
    }
    if (!new URL(url).pathname.startsWith('/agents')) {
      const documentBytes = record ? await record.encodedBytes : Buffer.byteLength(source)
      const assetBytes = (await Promise.all(assets)).reduce((sum, bytes) => sum + bytes, 0)
      const total = documentBytes + assetBytes
      // PAGE_WEIGHTS=1 prints every audited resident page's weight (figures for reviews).
      if (process.env.PAGE_WEIGHTS)
        console.log(
          `weight ${(total / 1024).toFixed(1)} KB (HTML ${(documentBytes / 1024).toFixed(1)} KB) ${label}`
        )
      if (total > PAGE_BUDGET_BYTES) {
        problems.push(
          `${label} weighs ${(total / 1024).toFixed(1)} KB compressed (HTML ${(documentBytes / 1024).toFixed(1)} KB + CSS and JS ${(assetBytes / 1024).toFixed(1)} KB), over the ${PAGE_BUDGET_BYTES / 1024} KB budget`
        )
      }
    }
  } finally {
    twin.off('response', countAsset)
  }
  if (problems.length) throw new Error(problems.join('\n'))
}

/** Fails on any axe-core violation of the page as it is now (a page whose scripts changed it, e.g. a map shown). */
export async function runAxe(page: Page, label: string) {
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
    throw new Error(
      `axe-core found ${violations.length} violation(s) on ${label}:\n${lines.join('\n')}`
    )
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
  if (heading !== text)
    throw new Error(`Expected the page "${text}", got "${heading}" at ${page.url()}`)
}

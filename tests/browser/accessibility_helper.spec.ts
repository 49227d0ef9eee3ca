import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import assets from '#core/services/assets'
import { appUrl, assertAccessible, withoutJavaScript } from '#tests/support/browser'

/** Serves `body` at a made-up resident URL of the portal and audits it; returns the audit's error message, or ''. */
async function audit(page: Page, path: string, body: string) {
  const url = appUrl(path)
  await page.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body })
  )
  await page.goto(url)
  try {
    await assertAccessible(page, path)
    return ''
  } catch (error) {
    return (error as Error).message
  }
}

const page = (head: string, body: string) =>
  `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title>${head}</head><body><main><h1>Essai</h1>${body}</main></body></html>`

test.group('The accessibility check itself', () => {
  test('fails on a page with an unlabelled field and an image without text alternative', async ({
    browser,
    assert,
  }) => {
    await withoutJavaScript(browser, async (tab) => {
      const message = await audit(
        tab,
        '/page-inaccessible-de-test',
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="/images/logo.svg"><input type="text"></main></body></html>'
      )
      assert.include(message, 'image-alt')
      assert.include(message, 'label')
      assert.include(message, 'html-has-lang')
    })
  })

  test('fails on invalid HTML: an hx- attribute, a required list that starts with a value', async ({
    browser,
    assert,
  }) => {
    await withoutJavaScript(browser, async (tab) => {
      const message = await audit(
        tab,
        '/page-invalide-de-test',
        page(
          '',
          '<a href="/a" hx-get="/a">Lien</a><label for="n">Personnes</label><select id="n" name="n" required><option value="1">1</option></select>'
        )
      )
      assert.include(message, 'html-validate found 2 error(s)')
      assert.include(message, 'parvis/no-framework-attributes')
      assert.include(message, 'parvis/required-select-placeholder')
    })
  })

  test('fails on a page that shows a missing translation', async ({ browser, assert }) => {
    await withoutJavaScript(browser, async (tab) => {
      const message = await audit(
        tab,
        '/page-non-traduite-de-test',
        page('', '<p><span class="badge">translation missing: fr, undefined</span></p>')
      )
      assert.include(message, 'translation missing: fr, undefined')
    })
  })

  test('fails on a page that loads htmx without using it', async ({ browser, assert }) => {
    await withoutJavaScript(browser, async (tab) => {
      const message = await audit(
        tab,
        '/page-alourdie-de-test',
        page(`<script src="${assets.url('htmx.js')}" defer></script>`, '<p>Rien de dynamique.</p>')
      )
      assert.include(message, 'loads htmx (data-hx-* attributes) but does not use it')
    })
  })

  test('fails on a resident page heavier than 30 KB compressed, HTML, CSS and JavaScript together', async ({
    browser,
    assert,
  }) => {
    await withoutJavaScript(browser, async (tab) => {
      const heavy = page(
        `<link rel="stylesheet" href="${assets.url('app.css')}"><script src="${assets.url('htmx.js')}" defer></script><script src="${assets.url('alpine.js')}" defer></script>`,
        '<p><a href="/a" data-hx-get="/a">Lien</a></p><div data-x-data><p>Composant</p></div>'
      )
      const message = await audit(tab, '/page-lourde-de-test', heavy)
      assert.match(
        message,
        /\/page-lourde-de-test weighs (3\d|4\d)\.\d KB compressed \(HTML 0\.\d KB \+ CSS and JS \d+\.\d KB\), over the 30 KB budget/
      )
    })
  })
})

test.group('Enhancements', () => {
  test('an Alpine component written with data-x- attributes starts, on a page that passes every check', async ({
    browser,
    assert,
  }) => {
    const context = await browser.newContext({ locale: 'fr-FR' })
    try {
      const tab = await context.newPage()
      await tab.goto(appUrl('/essai/composant'))
      // Alpine removes data-x-cloak from the components it starts.
      await tab.waitForFunction(
        'document.getElementById("composant") && !document.getElementById("composant").hasAttribute("data-x-cloak")'
      )
      assert.isTrue(await tab.evaluate('typeof window.Alpine === "object"'))
      await assertAccessible(tab, 'a page with an Alpine component')
    } finally {
      await context.close()
    }
  })
})

import { test } from '@japa/runner'
import { appUrl, assertAccessible, withoutJavaScript } from '#tests/support/browser'

const PUBLIC_PAGES = [
  '/',
  '/demarches',
  '/accessibilite',
  '/donnees-personnelles',
  '/mentions-legales',
]

test.group('Portal pages in a browser', () => {
  test('every public page has no axe-core violation', async ({ browser }) => {
    await withoutJavaScript(browser, async (page) => {
      for (const path of PUBLIC_PAGES) {
        const response = await page.goto(appUrl(path))
        if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`)
        await assertAccessible(page, path)
      }
    })
  })

  test('the skip link leads to the main content', async ({ visit }) => {
    const page = await visit(appUrl('/'))
    await page.keyboard.press('Tab')
    const focused = await page.evaluate('document.activeElement.className')
    if (focused !== 'skip-link')
      throw new Error(`First Tab focused "${focused}", not the skip link`)
    await page.keyboard.press('Enter')
    await page.assertUrlContains('#contenu')
    const target = await page.evaluate('document.activeElement.id')
    if (target !== 'contenu')
      throw new Error(`Skip link moved focus to "${target}", not the main content`)
  })

  test('the language switcher shows the portal in English and back', async ({ browser }) => {
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/demarches'))
      await page.getByRole('link', { name: /EN/ }).click()
      await page.waitForURL(appUrl('/demarches'))
      const heading = await page.locator('h1').textContent()
      if (heading?.trim() !== 'Services')
        throw new Error(`Expected English heading, got "${heading}"`)
      const lang = await page.locator('html').getAttribute('lang')
      if (lang !== 'en') throw new Error(`Expected lang="en", got ${lang}`)
      await page.getByRole('link', { name: /FR/ }).click()
      const again = await page.locator('h1').textContent()
      if (again?.trim() !== 'Démarches') throw new Error(`Expected French heading, got "${again}"`)
    })
  })
})

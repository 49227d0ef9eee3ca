import { test } from '@japa/runner'
import { appUrl, assertAccessible, withoutJavaScript } from '#tests/support/browser'

test.group('The accessibility check itself', () => {
  test('fails on a page with an unlabelled field and an image without text alternative', async ({ browser, assert }) => {
    await withoutJavaScript(browser, async (page) => {
      const url = appUrl('/page-inaccessible-de-test')
      await page.route(url, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: '<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="/images/logo.svg"><input type="text"></main></body></html>',
        })
      )
      await page.goto(url)
      let message = ''
      try {
        await assertAccessible(page, 'broken page')
      } catch (error) {
        message = (error as Error).message
      }
      assert.include(message, 'image-alt')
      assert.include(message, 'label')
      assert.include(message, 'html-has-lang')
    })
  })
})

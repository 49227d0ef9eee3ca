import { test } from '@japa/runner'
import parvisConfig from '#config/parvis'
import { clock } from '#core/clock'
import { contentPageCache } from '#middleware/content_page_cache_middleware'
import { createResident } from '#tests/support/factories/accounts'

/** A visitor without any cookie (the test client always carries a session, as a returning browser does). */
async function anonymous(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, parvisConfig.appUrl), { headers })
  return { status: response.status, headers: response.headers, html: await response.text() }
}

test.group('Anonymous content pages are rendered once and served from memory', (group) => {
  group.each.setup(() => {
    contentPageCache.clear()
    contentPageCache.ttlMs = 30_000
    clock.travelTo('2026-12-06T16:00', { freeze: true })
  })
  group.each.teardown(() => {
    contentPageCache.ttlMs = 0
    contentPageCache.clear()
    clock.reset()
  })

  test('the second visitor gets the stored catalogue, the same page with the same security headers', async ({
    assert,
  }) => {
    const first = await anonymous('/demarches')
    const second = await anonymous('/demarches')
    assert.equal(first.status, 200)
    assert.equal(second.status, 200)
    assert.equal(first.headers.get('x-cache'), 'miss')
    assert.equal(second.headers.get('x-cache'), 'hit')
    assert.equal(second.html, first.html)
    for (const header of ['content-type', 'content-security-policy', 'x-frame-options'])
      assert.equal(second.headers.get(header), first.headers.get(header), header)
    assert.include(second.headers.get('content-security-policy'), "script-src 'self';")
    assert.isNull(second.headers.get('set-cookie'))
  })

  test('a stored page goes compressed in brotli or gzip, as the browser asks, and as it is to a client that asks for neither', async ({
    assert,
  }) => {
    const rendered = await anonymous('/demarches', { 'accept-encoding': 'identity' })
    assert.equal(rendered.headers.get('x-cache'), 'miss')
    assert.isAbove(Buffer.byteLength(rendered.html), 1024)
    for (const [asked, sent] of [
      ['br, gzip', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', null],
      ['br, gzip', 'br'],
    ]) {
      // fetch decompresses the body and keeps Content-Encoding: the page read is the page sent.
      const page = await anonymous('/demarches', { 'accept-encoding': asked! })
      assert.equal(page.headers.get('x-cache'), 'hit', asked!)
      assert.equal(page.headers.get('content-encoding'), sent, asked!)
      assert.include(page.headers.get('vary') ?? '', 'Accept-Encoding', asked!)
      assert.equal(page.headers.get('content-type'), rendered.headers.get('content-type'))
      assert.equal(page.html, rendered.html, asked!)
    }
  })

  test('each language and each search has its own page; past the delay the page is rendered again', async ({
    assert,
  }) => {
    await anonymous('/demarches')
    const english = await anonymous('/demarches', { 'accept-language': 'en' })
    assert.equal(english.headers.get('x-cache'), 'miss')
    assert.include(english.html, 'lang="en"')
    const search = await anonymous('/demarches?q=naissance')
    assert.equal(search.headers.get('x-cache'), 'miss')
    assert.equal((await anonymous('/demarches')).headers.get('x-cache'), 'hit')
    clock.travel({ seconds: 31 })
    assert.equal((await anonymous('/demarches')).headers.get('x-cache'), 'miss')
  })

  test('a visitor with a session always gets a page rendered for them: a resident sees they are logged in', async ({
    client,
    assert,
  }) => {
    await anonymous('/demarches')
    const resident = await createResident()
    const page = await client.get('/demarches').loginAs(resident)
    page.assertStatus(200)
    assert.isUndefined(page.header('x-cache'))
    page.assertTextIncludes('action="/deconnexion"')
  })
})

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

/** The nonce the CSP header allows, and the nonces the page's scripts carry. */
function nonces(page: { headers: Headers; html: string }) {
  const allowed = /'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1]
  const used = [...page.html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1])
  return { allowed, used }
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

  test('the second visitor gets the stored catalogue, with a nonce of its own that the CSP allows', async ({
    assert,
  }) => {
    const first = await anonymous('/demarches')
    const second = await anonymous('/demarches')
    assert.equal(first.status, 200)
    assert.equal(second.status, 200)
    assert.equal(first.headers.get('x-cache'), 'miss')
    assert.equal(second.headers.get('x-cache'), 'hit')
    assert.equal(second.headers.get('content-type'), first.headers.get('content-type'))
    assert.isNull(second.headers.get('set-cookie'))
    const one = nonces(first)
    const two = nonces(second)
    assert.isNotEmpty(two.used)
    assert.isTrue(two.used.every((nonce) => nonce === two.allowed))
    assert.notEqual(one.allowed, two.allowed)
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""')
    assert.equal(withoutNonce(second.html), withoutNonce(first.html))
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

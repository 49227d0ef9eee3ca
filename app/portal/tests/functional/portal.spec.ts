import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { DatabaseProbe } from '#core/health/database_probe'
import assets from '#core/services/assets'
import parvisConfig from '#config/parvis'

test.group('Portal', () => {
  test('home page is French and links to the catalogue', async ({ client }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    response.assertTextIncludes('<html lang="fr"')
    response.assertTextIncludes('href="/demarches"')
  })

  test('catalogue, accessibility and personal-data pages answer 200', async ({ client }) => {
    for (const path of [
      '/demarches',
      '/accessibilite',
      '/donnees-personnelles',
      '/mentions-legales',
    ]) {
      const response = await client.get(path)
      response.assertStatus(200)
    }
  })

  test('English is served when the browser asks for it', async ({ client, assert }) => {
    const response = await client.get('/demarches').header('Accept-Language', 'en-GB,en;q=0.8')
    response.assertStatus(200)
    assert.include(response.text(), '<html lang="en"')
    assert.include(response.text(), '<h1>Services</h1>')
  })

  test('content pages set no cookie for an anonymous visitor but keep their security headers', async ({
    assert,
  }) => {
    // A plain HTTP client: the api client always carries a session cookie.
    for (const path of [
      '/',
      '/demarches',
      '/accessibilite',
      '/donnees-personnelles',
      '/mentions-legales',
    ]) {
      const response = await fetch(new URL(path, parvisConfig.appUrl))
      assert.equal(response.status, 200)
      assert.isNull(response.headers.get('set-cookie'), `${path} set a cookie`)
      assert.include(response.headers.get('content-security-policy'), "script-src 'self';")
      const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)]
      assert.isNotEmpty(scripts)
      for (const [script] of scripts) assert.match(script, /\ssrc="\/assets\//)
      assert.equal(response.headers.get('x-frame-options'), 'DENY')
    }
  })

  test('a visitor who already has a session keeps it on content pages', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    assert.match(String(response.header('set-cookie')), /parvis_session=/)
  })

  test('unknown pages answer a French 404 page', async ({ client }) => {
    const response = await client.get('/nexiste-pas')
    response.assertStatus(404)
    response.assertTextIncludes('Page introuvable')
  })

  test('language switcher never redirects to another site', async ({ client, assert }) => {
    const response = await client.get('/langue/en?retour=//evil.example').redirects(0)
    response.assertStatus(303)
    assert.equal(response.header('location'), '/')
  })

  test('CSP forbids inline and eval scripts and framing', async ({ client, assert }) => {
    const response = await client.get('/')
    const csp = response.header('content-security-policy') ?? ''
    const scriptSrc = csp
      .split(';')
      .find((directive: string) => directive.trim().startsWith('script-src'))
    assert.exists(scriptSrc)
    assert.notInclude(scriptSrc, 'unsafe-inline')
    assert.notInclude(scriptSrc, 'unsafe-eval')
    assert.equal(scriptSrc!.trim(), "script-src 'self'")
    assert.include(csp, "frame-ancestors 'none'")
    assert.equal(response.header('x-content-type-options'), 'nosniff')
  })

  test('the home page with its stylesheet and scripts weighs under 30 KB compressed', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/').header('Accept-Encoding', 'br')
    let total = Number(page.header('content-length'))
    const assetUrls = [...page.text().matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map(
      (match) => match[1]
    )
    assert.isAbove(assetUrls.length, 1)
    for (const url of assetUrls) {
      const asset = await client.get(url).header('Accept-Encoding', 'br')
      total += Number(asset.header('content-length'))
    }
    assert.isBelow(total, 30 * 1024)
  })

  test('pages are compressed with brotli when the browser accepts it', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/accessibilite').header('Accept-Encoding', 'br, gzip')
    response.assertStatus(200)
    assert.equal(response.header('content-encoding'), 'br')
    assert.include(response.text(), 'Déclaration d’accessibilité')
  })

  test('assets are fingerprinted, cached for a year and pre-compressed', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/')
    const cssUrl = page.text().match(/href="(\/assets\/app\.[0-9a-f]{12}\.css)"/)?.[1]
    assert.exists(cssUrl)
    const css = await client.get(cssUrl!).header('Accept-Encoding', 'gzip')
    css.assertStatus(200)
    assert.equal(css.header('cache-control'), 'public, max-age=31536000, immutable')
    assert.equal(css.header('content-encoding'), 'gzip')
    assert.match(css.header('content-type') ?? '', /text\/css/)
    for (const script of ['htmx.js', 'alpine.js']) {
      const served = await client.get(assets.url(script)).header('Accept-Encoding', 'br')
      served.assertStatus(200)
      assert.equal(served.header('content-encoding'), 'br')
      assert.match(served.header('content-type') ?? '', /javascript/)
    }
    const missing = await client.get('/assets/app.000000000000.css')
    missing.assertStatus(404)
  })
})

test.group('Health', () => {
  test('reports ok when the database answers', async ({ client }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    response.assertBody({ status: 'ok', database: 'ok' })
  })

  test('answers 503 with database down when the database cannot be reached', async ({ client }) => {
    const db = (await import('@adonisjs/lucid/services/db')).default
    db.manager.add('unreachable', {
      client: 'pg',
      connection: { host: '127.0.0.1', port: 1, user: 'nobody', database: 'nothing' },
      pool: { min: 0, max: 1, acquireTimeoutMillis: 1000 },
    })
    app.container.swap(DatabaseProbe, () => new DatabaseProbe('unreachable', 1500))
    try {
      const response = await client.get('/health')
      response.assertStatus(503)
      response.assertBody({ status: 'error', database: 'down' })
    } finally {
      app.container.restore(DatabaseProbe)
      await db.manager.close('unreachable')
    }
  })
})

import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { DatabaseProbe } from '#core/health/database_probe'
import assets from '#core/services/assets'
import parvisConfig from '#config/parvis'
import shieldConfig from '#config/shield'
import SecurityHeadersMiddleware from '#middleware/security_headers_middleware'

/** A plain HTTP request, without the api client's session cookie. */
async function fetchPage(path: string, init: RequestInit = {}) {
  const response = await fetch(new URL(path, parvisConfig.appUrl), {
    redirect: 'manual',
    ...init,
    headers: { accept: 'text/html', ...init.headers },
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

function assertSecurityHeaders(
  assert: any,
  page: { headers: Headers; text: string },
  label: string
) {
  const csp = page.headers.get('content-security-policy') ?? ''
  assert.include(csp, "frame-ancestors 'none'", `${label}: CSP`)
  assert.include(csp, "script-src 'self';", `${label}: CSP`)
  assert.equal(page.headers.get('x-frame-options'), 'DENY', `${label}: X-Frame-Options`)
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff', `${label}: nosniff`)
  assert.equal(page.headers.get('referrer-policy'), 'same-origin', `${label}: Referrer-Policy`)
  // Every script is a file of our own, which 'self' allows: an inline one would be blocked.
  for (const [script] of page.text.matchAll(/<script\b[^>]*>/g))
    assert.match(script, /\ssrc="\/assets\//, `${label}: ${script}`)
}

test.group('Security headers', () => {
  test('every response says Referrer-Policy: same-origin, assets and redirects included', async ({
    assert,
  }) => {
    const paths = [
      '/',
      '/demarches',
      '/connexion',
      '/mon-espace',
      '/agents',
      '/health',
      assets.url('app.css'),
      '/images/logo.svg',
      '/nexiste-pas',
      '/assets/app.000000000000.css',
    ]
    for (const path of paths) {
      const response = await fetchPage(path)
      assert.equal(
        response.headers.get('referrer-policy'),
        'same-origin',
        `${path} (${response.status})`
      )
      assert.equal(
        response.headers.get('x-content-type-options'),
        'nosniff',
        `${path} (${response.status})`
      )
    }
  })

  test('the 404 page of an unknown address carries the same security headers as other pages', async ({
    assert,
  }) => {
    const missing = await fetchPage('/nexiste-pas')
    assert.equal(missing.status, 404)
    assert.include(missing.text, 'Page introuvable')
    assertSecurityHeaders(assert, missing, '404')
    assertSecurityHeaders(assert, await fetchPage('/'), 'home')
  })

  test('the error page (500) carries the same security headers and shows no detail', async ({
    assert,
  }) => {
    app.container.swap(
      DatabaseProbe,
      () =>
        ({
          isUp: () => Promise.reject(new Error('secret detail of the crash')),
        }) as unknown as DatabaseProbe
    )
    try {
      const failed = await fetchPage('/health')
      assert.equal(failed.status, 500)
      assert.notInclude(failed.text, 'secret detail')
      assert.include(failed.text, '<html lang="fr"')
      assertSecurityHeaders(assert, failed, '500')
    } finally {
      app.container.restore(DatabaseProbe)
    }
  })

  test('in production, every response also sends HSTS', async ({ assert }) => {
    const production = new SecurityHeadersMiddleware({
      ...shieldConfig,
      hsts: { enabled: true, maxAge: '180 days', includeSubDomains: true },
    })
    const ctx = await testUtils.createHttpContext()
    await production.handle(ctx, async () => {})
    assert.equal(
      ctx.response.getHeader('strict-transport-security'),
      'max-age=15552000; includeSubDomains'
    )
    assert.equal(ctx.response.getHeader('referrer-policy'), 'same-origin')
    assert.include(
      String(ctx.response.getHeader('content-security-policy')),
      "frame-ancestors 'none'"
    )
  })
})

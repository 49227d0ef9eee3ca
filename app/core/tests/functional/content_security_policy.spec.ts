import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { cspFactory } from '@adonisjs/shield/guards'
import type { ShieldConfig } from '@adonisjs/shield/types'
import shieldConfig from '#config/shield'
import { contentSecurityPolicy } from '#core/http/content_security_policy'

type Csp = NonNullable<ShieldConfig['csp']>

/** The header a guard writes on a fresh response. */
async function headerOf(guard: (ctx: any) => unknown, name = 'content-security-policy') {
  const ctx = await testUtils.createHttpContext()
  await guard(ctx)
  return ctx.response.getHeader(name)
}

/** Shield's own guard, on a copy (it rewrites the directives it is given). */
function shieldGuard(csp: Csp) {
  return cspFactory({ ...csp, directives: { ...csp.directives } })
}

test.group('Content-Security-Policy', () => {
  test('the portal’s header is the one shield’s guard writes, without a nonce drawn per response', async ({
    assert,
  }) => {
    const ours = await headerOf(contentSecurityPolicy(shieldConfig.csp))
    assert.equal(ours, await headerOf(shieldGuard(shieldConfig.csp!)))
    assert.include(String(ours), "script-src 'self';")
    assert.notInclude(String(ours), 'nonce')
  })

  test('a directive’s function is asked at each response: a new tile server shows in the next header', async ({
    assert,
  }) => {
    let tiles = 'https://tiles.one.example'
    const csp: Csp = {
      enabled: true,
      directives: {
        defaultSrc: [`'self'`],
        imgSrc: [`'self'`, () => tiles],
        frameAncestors: [`'none'`],
      },
    }
    const guard = contentSecurityPolicy(csp)
    assert.equal(
      await headerOf(guard),
      "default-src 'self';img-src 'self' https://tiles.one.example;frame-ancestors 'none'"
    )
    tiles = 'https://tiles.two.example'
    assert.equal(
      await headerOf(guard),
      "default-src 'self';img-src 'self' https://tiles.two.example;frame-ancestors 'none'"
    )
    assert.equal(await headerOf(guard), await headerOf(shieldGuard(csp)))
  })

  test('report-only and disabled policies are honoured; a nonce is refused at boot', async ({
    assert,
  }) => {
    const reportOnly = contentSecurityPolicy({
      enabled: true,
      reportOnly: true,
      directives: { defaultSrc: [`'self'`] },
    })
    assert.equal(
      await headerOf(reportOnly, 'content-security-policy-report-only'),
      "default-src 'self'"
    )
    assert.isUndefined(await headerOf(contentSecurityPolicy({ enabled: false })))
    assert.throws(
      () =>
        contentSecurityPolicy({ enabled: true, directives: { scriptSrc: [`'self'`, '@nonce'] } }),
      /nonce/
    )
  })
})

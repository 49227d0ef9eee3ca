import { test } from '@japa/runner'
import { createResident } from '#tests/support/factories/accounts'
import { http } from '#config/app'

test.group('Rate limits and proxies', () => {
  test('behind the local proxy, each client address has its own draft counter and is limited after 30', async ({
    client,
    assert,
  }) => {
    // The test client connects from 127.0.0.1, which is the default trusted proxy: its header is believed,
    // so each made-up address gets its own counter. A request from elsewhere would be counted by its own address.
    const user = await createResident()
    const statuses: number[] = []
    for (let index = 0; index < 32; index++) {
      const response = await client
        .post('/demarches/nous-contacter')
        .header('X-Forwarded-For', '203.0.113.7')
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      statuses.push(response.status())
    }
    assert.include(statuses, 429, 'the same client address is limited')
    const other = await client
      .post('/demarches/nous-contacter')
      .header('X-Forwarded-For', '203.0.113.8')
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(other.status(), 303, 'another address has its own counter')
  })

  test('X-Forwarded-For is believed from this machine only, unless TRUSTED_PROXIES says otherwise', ({
    assert,
  }) => {
    const trust = http.trustProxy as (address: string, hop: number) => boolean
    assert.isTrue(trust('127.0.0.1', 0))
    assert.isTrue(trust('::1', 0))
    assert.isFalse(trust('203.0.113.7', 0))
    assert.isFalse(trust('10.0.0.5', 0))
  })
})

import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { createResident } from '#tests/support/factories/accounts'

const BUDGET = 30 * 1024

/** A page and the stylesheets and scripts it links, compressed with brotli as a browser receives them. */
async function weigh(
  client: ApiClient,
  response: { text(): string; header(name: string): string | undefined }
) {
  const assets = [...response.text().matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map(
    (match) => match[1]
  )
  let total = Number(response.header('content-length'))
  for (const url of assets)
    total += Number(
      (await client.get(url).header('Accept-Encoding', 'br')).header('content-length')
    )
  return { total, assets }
}

test.group('What a procedure step loads', () => {
  test('the contact form step loads htmx for its inline checks, neither Alpine nor the procedure script, and stays under 30 KB', async ({
    client,
    assert,
  }) => {
    const start = await client.post('/demarches/nous-contacter').withCsrfToken().redirects(0)
    const step = await client
      .get(start.header('location')!)
      .withSession(start.session())
      .header('Accept-Encoding', 'br')
    step.assertStatus(200)
    const { total, assets } = await weigh(client, step)
    assert.isTrue(
      assets.some((url) => url.startsWith('/assets/htmx.')),
      'htmx is loaded'
    )
    assert.isFalse(
      assets.some((url) => url.startsWith('/assets/alpine.')),
      'Alpine is not loaded'
    )
    assert.isFalse(
      assets.some((url) => url.startsWith('/assets/procedure_form.')),
      'no conditional question, no procedure script'
    )
    assert.isBelow(total, BUDGET)
  })

  test('a step with a conditional question also loads the small procedure script, and stays under 30 KB', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const start = await client
      .post('/demarches/demande-essai')
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    const step = await client
      .get(start.header('location')!)
      .withGuard('web')
      .loginAs(user)
      .header('Accept-Encoding', 'br')
    step.assertStatus(200)
    assert.include(step.text(), 'data-show-when=')
    const { total, assets } = await weigh(client, step)
    assert.isTrue(assets.some((url) => url.startsWith('/assets/procedure_form.')))
    assert.isTrue(assets.some((url) => url.startsWith('/assets/htmx.')))
    assert.isFalse(assets.some((url) => url.startsWith('/assets/alpine.')))
    assert.isBelow(total, BUDGET)
  })
})

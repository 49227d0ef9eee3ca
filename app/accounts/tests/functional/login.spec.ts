import { test } from '@japa/runner'
import { flashedErrors } from '#tests/support/http'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'

test.group('Resident login', () => {
  test('a verified resident logs in and lands on their space', async ({ client, assert }) => {
    await createResident({ email: 'marie@example.org', firstName: 'Marie', lastName: 'Curie' })
    const response = await client
      .post('/connexion')
      .form({ email: 'Marie@Example.org', password: GOOD_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    assert.equal(response.header('location'), '/mon-espace')
  })

  test('unknown e-mail and wrong password get the very same answer', async ({ client, assert }) => {
    await createResident({ email: 'marie@example.org' })
    const unknown = await client
      .post('/connexion')
      .form({ email: 'nobody@example.org', password: GOOD_PASSWORD })
      .withCsrfToken()
    const wrong = await client
      .post('/connexion')
      .form({ email: 'marie@example.org', password: 'pas le bon mot de passe' })
      .withCsrfToken()
    unknown.assertStatus(422)
    wrong.assertStatus(422)
    const message = (text: string) => text.match(/<a href="#email">([^<]+)<\/a>/)?.[1]
    assert.equal(message(unknown.text()), 'E-mail ou mot de passe incorrect')
    assert.equal(message(wrong.text()), message(unknown.text()))
  })

  test('an account whose address is not confirmed cannot log in yet', async ({ client }) => {
    await createResident({ email: 'new@example.org', verified: false })
    const response = await client
      .post('/connexion')
      .form({ email: 'new@example.org', password: GOOD_PASSWORD })
      .withCsrfToken()
    response.assertStatus(403)
    response.assertTextIncludes('Adresse e-mail à confirmer')
    response.assertTextIncludes('action="/inscription/verification/renvoyer"')
  })

  test('the 6th wrong password within a minute is throttled, even when the password is then right', async ({
    client,
    assert,
  }) => {
    await createResident({ email: 'target@example.org' })
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client
        .post('/connexion')
        .form({ email: 'target@example.org', password: `mauvais essai numero ${attempt}` })
        .withCsrfToken()
      response.assertStatus(422)
    }
    const sixth = await client
      .post('/connexion')
      .form({ email: 'target@example.org', password: 'mauvais essai numero 6' })
      .withCsrfToken()
    sixth.assertStatus(429)
    sixth.assertTextIncludes('Trop de tentatives de connexion')
    assert.exists(sixth.header('retry-after'))
    const right = await client
      .post('/connexion')
      .form({ email: 'target@example.org', password: GOOD_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    right.assertStatus(429)
  })

  test('a login without CSRF token is refused and logs nobody in', async ({ client, assert }) => {
    await createResident({ email: 'marie@example.org' })
    const response = await client
      .post('/connexion')
      .header('Accept', 'text/html')
      .form({ email: 'marie@example.org', password: GOOD_PASSWORD })
      .redirects(0)
    // Shield sends a browser back to the form with a flashed error.
    response.assertStatus(302)
    assert.notEqual(response.header('location'), '/mon-espace')
    assert.exists(
      flashedErrors(response).E_BAD_CSRF_TOKEN,
      JSON.stringify(response.flashMessages())
    )
    const space = await client.get('/mon-espace').redirects(0)
    assert.equal(space.header('location'), '/connexion')
  })

  test('the resident space asks anonymous visitors to log in, then brings them back', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/mon-espace/foyer').redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/connexion')
    assert.equal(response.session().intended_url, '/mon-espace/foyer')
  })

  test('logging out ends the session', async ({ client, assert }) => {
    const user = await createResident()
    const response = await client
      .post('/deconnexion')
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    assert.equal(response.header('location'), '/')
    assert.notExists(response.session()['auth_web'])
  })
})

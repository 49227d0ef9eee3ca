import { test } from '@japa/runner'
import { inputErrors } from '#tests/support/http'
import hash from '@adonisjs/core/services/hash'
import User from '#accounts/models/user'
import { mailbox } from '#tests/support/smtp'
import { createResident } from '#tests/support/factories/accounts'

const NEW_PASSWORD = 'le jardin des plantes en hiver'

function pathOf(link: string) {
  const url = new URL(link)
  return url.pathname + url.search
}

test.group('Resident password reset', () => {
  test('a resident receives a link, chooses a new password, and the link then stops working', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'oubli@example.org' })
    const request = await client
      .post('/mot-de-passe-oublie')
      .form({ email: 'oubli@example.org' })
      .withCsrfToken()
      .redirects(0)
    request.assertStatus(303)
    assert.equal(request.header('location'), '/mot-de-passe-oublie/envoye')

    const mail = await mailbox.waitFor('oubli@example.org', /nouveau mot de passe/)
    const link = pathOf(mailbox.linkIn(mail, '/mot-de-passe-oublie/'))
    const form = await client.get(link)
    form.assertStatus(200)
    form.assertTextIncludes('Choisir un nouveau mot de passe')

    const update = await client
      .post(link)
      .form({ password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    update.assertStatus(303)
    assert.equal(update.header('location'), '/connexion')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, NEW_PASSWORD))

    const reused = await client.get(link)
    reused.assertStatus(400)
    reused.assertTextIncludes('Ce lien n’est plus valable')
  })

  test('the answer is the same whether or not the account exists, and only real accounts get a mail', async ({
    client,
    assert,
  }) => {
    await createResident({ email: 'real@example.org' })
    const real = await client
      .post('/mot-de-passe-oublie')
      .form({ email: 'real@example.org' })
      .withCsrfToken()
      .redirects(0)
    const ghost = await client
      .post('/mot-de-passe-oublie')
      .form({ email: 'ghost@example.org' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(real.status(), ghost.status())
    assert.equal(real.header('location'), ghost.header('location'))
    await mailbox.waitFor('real@example.org')
    assert.lengthOf(mailbox.for('ghost@example.org'), 0)
  })

  test('a weak or mismatched new password is refused and the old one still works', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'weak@example.org' })
    await client.post('/mot-de-passe-oublie').form({ email: 'weak@example.org' }).withCsrfToken()
    const link = pathOf(
      mailbox.linkIn(await mailbox.waitFor('weak@example.org'), '/mot-de-passe-oublie/')
    )
    const weak = await client
      .post(link)
      .form({ password: 'azertyuiop123', passwordConfirmation: 'azertyuiop123' })
      .withCsrfToken()
      .redirects(0)
    weak.assertStatus(302)
    assert.include(inputErrors(weak).password[0], 'trop courant')
    const mismatch = await client
      .post(link)
      .form({ password: NEW_PASSWORD, passwordConfirmation: 'autre chose encore ici' })
      .withCsrfToken()
      .redirects(0)
    assert.exists(inputErrors(mismatch).passwordConfirmation ?? inputErrors(mismatch).password)
    const fresh = await User.findOrFail(user.id)
    assert.equal(fresh.password, user.password)
  })

  test('a link with a forged signature is refused', async ({ client }) => {
    const user = await createResident()
    const response = await client.get(
      `/mot-de-passe-oublie/${user.id}?empreinte=0000000000000000&signature=forged`
    )
    response.assertStatus(400)
  })
})

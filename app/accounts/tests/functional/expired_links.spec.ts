import { test } from '@japa/runner'
import User from '#accounts/models/user'
import { mailbox } from '#tests/support/smtp'
import { createResident } from '#tests/support/factories/accounts'
import { passwordFingerprint, signedLink } from '#accounts/services/signed_links'
import { VERIFICATION_PURPOSE } from '#accounts/actions/send_verification_mail'
import { PASSWORD_RESET_PURPOSE } from '#accounts/actions/request_password_reset'
import { hoursLeft } from '#tests/support/signed_links'

function pathOf(link: string) {
  const url = new URL(link)
  return url.pathname + url.search
}

/** A link signed like the real one but already out of date. */
async function expired(route: string, id: number, purpose: string, qs: Record<string, unknown>) {
  const link = signedLink(route, { id }, { expiresIn: '1ms', purpose, qs })
  await new Promise((resolve) => setTimeout(resolve, 20))
  return pathOf(link)
}

test.group('Expired links', () => {
  test('the verification mail carries a link valid for 48 hours', async ({ client, assert }) => {
    await client
      .post('/inscription/verification/renvoyer')
      .form({ email: (await createResident({ verified: false, email: 'late@example.org' })).email })
      .withCsrfToken()
    const link = mailbox.linkIn(
      await mailbox.waitFor('late@example.org'),
      '/inscription/verification/'
    )
    assert.closeTo(hoursLeft(link), 48, 0.1)
  })

  test('an expired verification link verifies nothing and offers to send a new one', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ verified: false, email: 'slow@example.org' })
    const response = await client.get(
      await expired('accounts.verification.confirm', user.id, VERIFICATION_PURPOSE, {
        email: user.email,
      })
    )
    response.assertStatus(400)
    response.assertTextIncludes('n’est plus valable')
    response.assertTextIncludes('action="/inscription/verification/renvoyer"')
    await user.refresh()
    assert.isNull(user.emailVerifiedAt)
  })

  test('the password-reset mail carries a link valid for one hour', async ({ client, assert }) => {
    await createResident({ email: 'hour@example.org' })
    await client.post('/mot-de-passe-oublie').form({ email: 'hour@example.org' }).withCsrfToken()
    const link = mailbox.linkIn(await mailbox.waitFor('hour@example.org'), '/mot-de-passe-oublie/')
    assert.closeTo(hoursLeft(link), 1, 0.05)
  })

  test('an expired password-reset link neither shows the form nor changes the password', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'expired@example.org' })
    const link = await expired('accounts.password_reset.edit', user.id, PASSWORD_RESET_PURPOSE, {
      empreinte: passwordFingerprint(user.password),
    })
    const form = await client.get(link)
    form.assertStatus(400)
    form.assertTextIncludes('href="/mot-de-passe-oublie"')
    const update = await client
      .post(link)
      .form({
        password: 'le jardin des plantes en hiver',
        passwordConfirmation: 'le jardin des plantes en hiver',
      })
      .withCsrfToken()
      .redirects(0)
    update.assertStatus(400)
    const fresh = await User.findOrFail(user.id)
    assert.equal(fresh.password, user.password)
  })

  test('a verification link cannot be used as a password-reset link', async ({ client }) => {
    const user = await createResident({ email: 'swap@example.org' })
    const link = signedLink(
      'accounts.password_reset.edit',
      { id: user.id },
      {
        expiresIn: '1h',
        purpose: VERIFICATION_PURPOSE,
        qs: { empreinte: passwordFingerprint(user.password) },
      }
    )
    const response = await client.get(pathOf(link))
    response.assertStatus(400)
  })
})

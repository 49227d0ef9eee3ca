import { test } from '@japa/runner'
import User from '#accounts/models/user'
import Job from '#jobs/job'
import { mailbox } from '#tests/support/smtp'
import { inputErrors } from '#tests/support/http'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { signedLink } from '#accounts/services/signed_links'
import { EMAIL_CHANGE_PURPOSE } from '#accounts/actions/request_email_change'
import { hoursLeft } from '#tests/support/signed_links'

function pathOf(link: string) {
  const url = new URL(link)
  return url.pathname + url.search
}

async function askForChange(
  client: any,
  user: User,
  newEmail: string,
  currentPassword = GOOD_PASSWORD
) {
  return client
    .post('/mon-espace/profil/adresse-electronique')
    .form({ newEmail, currentPassword })
    .withCsrfToken()
    .loginAs(user)
    .redirects(0)
}

/** The confirmation link mailed to `address` (the newest one). */
async function confirmationLink(address: string) {
  const mail = await mailbox.waitFor(address, /Confirmez votre nouvelle adresse/)
  return mailbox.linkIn(mail, '/adresse-electronique/confirmation/')
}

test.group('Resident e-mail address change', () => {
  test('the address changes only once the link sent to the new one is opened, and the old one is told', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'ancienne@example.org', firstName: 'Rosa' })
    const form = await client.get('/mon-espace/profil/adresse-electronique').loginAs(user)
    form.assertStatus(200)
    form.assertTextIncludes('Nouvelle adresse e-mail')
    form.assertTextIncludes('ancienne@example.org')

    const asked = await askForChange(client, user, 'Nouvelle@Example.org')
    asked.assertStatus(303)
    assert.equal(asked.header('location'), '/mon-espace/profil/adresse-electronique')
    await user.refresh()
    assert.equal(user.email, 'ancienne@example.org')
    assert.equal(user.pendingEmail, 'nouvelle@example.org')

    const link = await confirmationLink('nouvelle@example.org')
    assert.closeTo(hoursLeft(link), 24, 0.1)
    assert.lengthOf(mailbox.for('ancienne@example.org'), 0)
    const pending = await client.get('/mon-espace/profil/adresse-electronique').loginAs(user)
    pending.assertTextIncludes('Un lien de confirmation a été envoyé à nouvelle@example.org')

    // Opened from the mail, in a browser where the resident is not logged in.
    const opened = await client.get(pathOf(link)).redirects(0)
    opened.assertStatus(303)
    assert.equal(opened.header('location'), '/connexion')
    await user.refresh()
    assert.equal(user.email, 'nouvelle@example.org')
    assert.isNull(user.pendingEmail)
    assert.isNotNull(user.emailVerifiedAt)

    const notice = await mailbox.waitFor('ancienne@example.org', /a été modifiée/)
    assert.include(notice.text ?? '', 'ancienne@example.org à nouvelle@example.org')
    assert.include(notice.text ?? '', 'contactez sans attendre')

    const login = await client
      .post('/connexion')
      .form({ email: 'nouvelle@example.org', password: GOOD_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(303)

    const reused = await client.get(pathOf(link))
    reused.assertStatus(400)
    reused.assertTextIncludes('Ce lien n’est plus valable')
  })

  test('an address already taken by another account is refused next to the field, and nothing is sent', async ({
    client,
    assert,
  }) => {
    await createResident({ email: 'prise@example.org' })
    const user = await createResident({ email: 'moi@example.org' })
    const response = await askForChange(client, user, 'prise@example.org')
    response.assertStatus(302)
    assert.deepEqual(inputErrors(response).newEmail, [
      'Cette adresse e-mail est déjà utilisée par un autre compte : saisissez une autre adresse',
    ])
    await user.refresh()
    assert.isNull(user.pendingEmail)
    await mailbox.deliver()
    assert.lengthOf(mailbox.for('prise@example.org'), 0)
  })

  test('a wrong current password, the same address or a malformed one are refused in French', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'prudent@example.org' })
    const wrong = await askForChange(client, user, 'ailleurs@example.org', 'pas le bon mot')
    assert.deepEqual(inputErrors(wrong).currentPassword, [
      'Le mot de passe actuel n’est pas le bon',
    ])
    const same = await askForChange(client, user, 'prudent@example.org')
    assert.deepEqual(inputErrors(same).newEmail, [
      'C’est déjà l’adresse de votre compte : saisissez une autre adresse',
    ])
    const malformed = await askForChange(client, user, 'pas-une-adresse', '')
    assert.deepEqual(inputErrors(malformed).newEmail, [
      'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr',
    ])
    assert.deepEqual(inputErrors(malformed).currentPassword, [
      'Renseignez le champ « Mot de passe actuel »',
    ])
    await user.refresh()
    assert.isNull(user.pendingEmail)
    await mailbox.deliver()
    assert.lengthOf(mailbox.for('ailleurs@example.org'), 0)
  })

  test('a newer request replaces the older one: the first link then confirms nothing', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'hesitant@example.org' })
    await askForChange(client, user, 'premiere@example.org')
    const first = await confirmationLink('premiere@example.org')
    await askForChange(client, user, 'seconde@example.org')
    const second = await confirmationLink('seconde@example.org')

    const stale = await client.get(pathOf(first))
    stale.assertStatus(400)
    await user.refresh()
    assert.equal(user.email, 'hesitant@example.org')

    const fresh = await client.get(pathOf(second)).loginAs(user).redirects(0)
    fresh.assertStatus(303)
    assert.equal(fresh.header('location'), '/mon-espace/profil')
    await user.refresh()
    assert.equal(user.email, 'seconde@example.org')
  })

  test('an address taken by someone else before the link is opened is not given to the account', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'lent@example.org' })
    await askForChange(client, user, 'convoitee@example.org')
    const link = await confirmationLink('convoitee@example.org')
    await createResident({ email: 'convoitee@example.org' })
    const response = await client.get(pathOf(link))
    response.assertStatus(400)
    response.assertTextIncludes('entre-temps devenue celle d’un autre compte')
    await user.refresh()
    assert.equal(user.email, 'lent@example.org')
    assert.isNull(user.pendingEmail)
  })

  test('an expired or forged link changes nothing', async ({ client, assert }) => {
    const user = await createResident({ email: 'patient@example.org' })
    await askForChange(client, user, 'future@example.org')
    const expired = signedLink(
      'accounts.email_change.confirm',
      { id: user.id },
      { expiresIn: '1ms', purpose: EMAIL_CHANGE_PURPOSE, qs: { email: 'future@example.org' } }
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    ;(await client.get(pathOf(expired))).assertStatus(400)
    const forged = await client.get(
      `/adresse-electronique/confirmation/${user.id}?email=future%40example.org&signature=forged`
    )
    forged.assertStatus(400)
    await user.refresh()
    assert.equal(user.email, 'patient@example.org')
    assert.equal(user.pendingEmail, 'future@example.org')
  })

  test('the pending address and its mail are written together; the mail waits in the outbox', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'outbox@example.org' })
    await askForChange(client, user, 'outbox.new@example.org')
    const jobs = await Job.query().where('name', 'send_mail')
    assert.deepEqual(
      jobs.map((job) => JSON.parse(job.payload).to),
      ['outbox.new@example.org']
    )
    assert.equal((await User.findOrFail(user.id)).pendingEmail, 'outbox.new@example.org')
    assert.lengthOf(mailbox.all(), 0)

    await client.get(pathOf(await confirmationLink('outbox.new@example.org'))).redirects(0)
    const notice = await Job.query().where('name', 'send_mail').orderBy('id', 'desc').firstOrFail()
    assert.equal(JSON.parse(notice.payload).to, 'outbox@example.org')
  })

  test('visitors are sent to the login page', async ({ client, assert }) => {
    const response = await client.get('/mon-espace/profil/adresse-electronique').redirects(0)
    assert.include([302, 303], response.status())
    assert.include(response.header('location'), '/connexion')
  })
})

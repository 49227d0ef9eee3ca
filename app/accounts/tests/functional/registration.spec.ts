import { test } from '@japa/runner'
import { inputErrors } from '#tests/support/http'
import User from '#accounts/models/user'
import Job from '#jobs/job'
import { mailbox } from '#tests/support/smtp'
import { createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { Visitor } from '#tests/support/visitor'

const form = {
  firstName: 'Léa',
  lastName: 'Martin',
  email: 'Lea.Martin@Example.org',
  password: GOOD_PASSWORD,
}

test.group('Resident registration', () => {
  test('a resident registers and receives a verification link that activates the account', async ({
    client,
    assert,
  }) => {
    const response = await client.post('/inscription').form(form).withCsrfToken().redirects(0)
    response.assertStatus(303)
    assert.equal(response.header('location'), '/inscription/verification')

    const user = await User.findByOrFail('email', 'lea.martin@example.org')
    assert.isNull(user.emailVerifiedAt)
    assert.notEqual(user.password, GOOD_PASSWORD)

    const mail = await mailbox.waitFor('lea.martin@example.org', /Confirmez votre adresse/)
    const link = mailbox.linkIn(mail, '/inscription/verification/')
    const confirm = await client.get(new URL(link).pathname + new URL(link).search).redirects(0)
    confirm.assertStatus(303)
    assert.equal(confirm.header('location'), '/connexion')
    await user.refresh()
    assert.isNotNull(user.emailVerifiedAt)
  })

  test('an altered verification link verifies nothing', async ({ client, assert }) => {
    await client.post('/inscription').form(form).withCsrfToken().redirects(0)
    const mail = await mailbox.waitFor('lea.martin@example.org')
    const link = new URL(mailbox.linkIn(mail, '/inscription/verification/'))
    link.searchParams.set('email', 'someone.else@example.org')
    const response = await client.get(link.pathname + link.search)
    response.assertStatus(400)
    response.assertTextIncludes('n’est plus valable')
    const user = await User.findByOrFail('email', 'lea.martin@example.org')
    assert.isNull(user.emailVerifiedAt)
  })

  test('weak passwords and bad addresses are refused with French messages, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const cases = [
      {
        input: { ...form, password: 'court' },
        field: 'password',
        message: 'au moins 12 caractères',
      },
      { input: { ...form, password: 'motdepasse123' }, field: 'password', message: 'trop courant' },
      {
        input: { ...form, password: 'lea.martin2026' },
        field: 'password',
        message: 'ne doit pas reprendre',
      },
      {
        input: { ...form, email: 'pas-une-adresse' },
        field: 'email',
        message: 'adresse e-mail valide',
      },
      {
        input: { ...form, firstName: '' },
        field: 'firstName',
        message: 'Renseignez le champ « Prénom »',
      },
    ]
    for (const { input, field, message } of cases) {
      const response = await client.post('/inscription').form(input).withCsrfToken().redirects(0)
      response.assertStatus(302)
      const errors = inputErrors(response)
      assert.exists(errors[field], `no error on ${field} for ${JSON.stringify(input)}`)
      assert.include(errors[field][0], message)
    }
    assert.lengthOf(await User.all(), 0)
    await mailbox.deliver()
    assert.lengthOf(mailbox.all(), 0)
  })

  test('the form shows the errors next to the fields and in a summary, keeping what was typed', async ({
    client,
  }) => {
    const failed = await client
      .post('/inscription')
      .form({ ...form, email: 'x' })
      .withCsrfToken()
      .redirects(0)
    const response = await client.get('/inscription').withFlashMessages(failed.flashMessages())
    response.assertStatus(200)
    response.assertTextIncludes('Il y a un problème')
    response.assertTextIncludes('<a href="#email">Saisissez une adresse e-mail valide')
    response.assertTextIncludes('id="email-error"')
    response.assertTextIncludes('aria-describedby="email-hint email-error"')
    response.assertTextIncludes('value="Léa"')
  })

  test('a known address gets exactly the answer a new one gets; its owner is told by mail, with a reset link', async ({
    assert,
  }) => {
    const owner = await createResident({ email: 'lea.martin@example.org', firstName: 'Léa' })
    const passwordBefore = owner.password

    const answers = []
    for (const email of ['lea.martin@example.org', 'nouvelle.venue@example.org']) {
      const visitor = new Visitor()
      const posted = await visitor.submit('/inscription', '/inscription', { ...form, email })
      const next = await visitor.get(posted.location!)
      answers.push({
        status: posted.status,
        location: posted.location,
        nextStatus: next.status,
        // The page names the address typed and carries its own CSRF token; everything else must match.
        page: next.text
          .replaceAll(email, 'ADRESSE')
          .replace(/value='[^']+'/g, "value='JETON'")
          .replace(/nonce="[^"]+"/g, 'nonce="N"'),
      })
    }
    assert.deepEqual(answers[0], answers[1])
    assert.equal(answers[0].status, 303)
    assert.equal(answers[0].location, '/inscription/verification')

    // Nothing created or changed for the known address; its owner gets the warning, the newcomer the usual link.
    await owner.refresh()
    assert.equal(owner.password, passwordBefore)
    assert.lengthOf(await User.query().where('email', 'lea.martin@example.org'), 1)
    const warning = await mailbox.waitFor(
      'lea.martin@example.org',
      /Quelqu’un a essayé de créer un compte avec votre adresse/
    )
    assert.include(warning.text ?? '', 'Mot de passe oublié ?')
    const reset = new URL(mailbox.linkIn(warning, '/mot-de-passe-oublie/'))
    const resetPage = await new Visitor().get(reset.pathname + reset.search)
    assert.equal(resetPage.status, 200)
    assert.include(resetPage.text, 'Choisir un nouveau mot de passe')
    await mailbox.waitFor('nouvelle.venue@example.org', /Confirmez votre adresse/)
    assert.lengthOf(mailbox.for('lea.martin@example.org'), 1)
  })

  test('a registration without CSRF token is refused and creates nothing', async ({
    client,
    assert,
  }) => {
    const response = await client.post('/inscription').form(form).redirects(0)
    assert.notEqual(response.status(), 303)
    assert.lengthOf(await User.all(), 0)
    assert.lengthOf(await Job.all(), 0)
  })

  test('the account and its verification mail are saved together, and the mail waits in the outbox', async ({
    client,
    assert,
  }) => {
    await client.post('/inscription').form(form).withCsrfToken().redirects(0)
    const jobs = await Job.all()
    assert.lengthOf(jobs, 1)
    assert.equal(jobs[0].name, 'send_mail')
    assert.equal(JSON.parse(jobs[0].payload).to, 'lea.martin@example.org')
    assert.lengthOf(mailbox.all(), 0)
  })

  test('asking again for the link sends a new one only to an unverified account', async ({
    client,
    assert,
  }) => {
    await createResident({ email: 'pending@example.org', verified: false })
    await createResident({ email: 'done@example.org', verified: true })
    for (const email of ['pending@example.org', 'done@example.org', 'nobody@example.org']) {
      const response = await client
        .post('/inscription/verification/renvoyer')
        .form({ email })
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(303)
      assert.equal(response.header('location'), '/inscription/verification')
    }
    await mailbox.waitFor('pending@example.org', /Confirmez/)
    assert.lengthOf(mailbox.for('done@example.org'), 0)
    assert.lengthOf(mailbox.for('nobody@example.org'), 0)
  })
})

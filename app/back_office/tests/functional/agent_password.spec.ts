import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import hash from '@adonisjs/core/services/hash'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import { mailbox } from '#tests/support/smtp'
import { inputErrors } from '#tests/support/http'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'

const NEW_PASSWORD = 'le marché couvert ouvre le jeudi'

function pathOf(link: string) {
  const url = new URL(link)
  return url.pathname + url.search
}

function askForLink(client: ApiClient, email: string) {
  return client.post('/agents/mot-de-passe-oublie').form({ email }).withCsrfToken().redirects(0)
}

test.group('Agents who forgot their password', () => {
  test('an agent receives a link, chooses a new password once, and the old password stops working', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ email: 'oubli.agent@ville.example' })
    const request = await askForLink(client, 'oubli.agent@ville.example')
    request.assertStatus(303)
    assert.equal(request.header('location'), '/agents/connexion')

    const mail = await mailbox.waitFor('oubli.agent@ville.example', /nouveau mot de passe/)
    const link = pathOf(mailbox.linkIn(mail, '/agents/mot-de-passe/'))
    const form = await client.get(link)
    form.assertStatus(200)
    form.assertTextIncludes('Choisir votre mot de passe')

    const update = await client
      .post(link)
      .form({ password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    update.assertStatus(303)
    assert.equal(update.header('location'), '/agents/connexion')
    await agent.refresh()
    assert.isTrue(await hash.verify(agent.password, NEW_PASSWORD))

    const oldPassword = await client
      .post('/agents/connexion')
      .form({ email: 'oubli.agent@ville.example', password: GOOD_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    oldPassword.assertStatus(422)

    const reused = await client
      .post(link)
      .form({
        password: 'une autre phrase assez longue',
        passwordConfirmation: 'une autre phrase assez longue',
      })
      .withCsrfToken()
      .redirects(0)
    reused.assertStatus(400)
    reused.assertTextIncludes('Ce lien n’est plus valable')
    await agent.refresh()
    assert.isTrue(await hash.verify(agent.password, NEW_PASSWORD))
  })

  test('the answer is the same for an active agent, an unknown address and a deactivated agent; only the active agent gets a mail', async ({
    client,
    assert,
  }) => {
    await createAgent({ email: 'actif@ville.example' })
    await createAgent({ email: 'parti@ville.example', active: false })
    const answers = []
    for (const email of ['actif@ville.example', 'inconnu@ville.example', 'parti@ville.example']) {
      const response = await askForLink(client, email)
      answers.push({
        status: response.status(),
        location: response.header('location'),
        flash: (response.flashMessages() as Record<string, unknown>).success,
      })
    }
    assert.deepEqual(answers[1], answers[0])
    assert.deepEqual(answers[2], answers[0])
    await mailbox.waitFor('actif@ville.example')
    assert.lengthOf(mailbox.for('inconnu@ville.example'), 0)
    assert.lengthOf(mailbox.for('parti@ville.example'), 0)
  })

  test('a weak or mismatched password is refused and the link keeps working', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ email: 'faible@ville.example' })
    await askForLink(client, 'faible@ville.example')
    const link = pathOf(
      mailbox.linkIn(await mailbox.waitFor('faible@ville.example'), '/agents/mot-de-passe/')
    )

    const weak = await client
      .post(link)
      .form({ password: 'azertyuiop123', passwordConfirmation: 'azertyuiop123' })
      .withCsrfToken()
      .redirects(0)
    weak.assertStatus(302)
    assert.isNotEmpty(inputErrors(weak).password)
    const mismatch = await client
      .post(link)
      .form({ password: NEW_PASSWORD, passwordConfirmation: 'autre chose encore ici' })
      .withCsrfToken()
      .redirects(0)
    assert.exists(inputErrors(mismatch).passwordConfirmation ?? inputErrors(mismatch).password)

    const fresh = await Agent.findOrFail(agent.id)
    assert.equal(fresh.password, agent.password)
    const stillValid = await client.get(link)
    stillValid.assertStatus(200)
  })

  test('a link pointing at another agent, or with a forged signature or fingerprint, is refused', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ email: 'cible@ville.example' })
    const other = await createAgent({ email: 'autre@ville.example' })
    await askForLink(client, 'cible@ville.example')
    const link = new URL(
      mailbox.linkIn(await mailbox.waitFor('cible@ville.example'), '/agents/mot-de-passe/')
    )

    const otherAgent = await client.get(
      link.pathname.replace(String(agent.id), String(other.id)) + link.search
    )
    otherAgent.assertStatus(400)
    const forgedFingerprint = new URL(link)
    forgedFingerprint.searchParams.set('empreinte', '0000000000000000')
    ;(await client.get(forgedFingerprint.pathname + forgedFingerprint.search)).assertStatus(400)
    const forgedSignature = await client.get(
      `/agents/mot-de-passe/${agent.id}?empreinte=0000000000000000&signature=forged`
    )
    forgedSignature.assertStatus(400)

    const post = await client
      .post(`/agents/mot-de-passe/${other.id}?empreinte=0000000000000000&signature=forged`)
      .form({ password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    post.assertStatus(400)
    const untouched = await Agent.findOrFail(other.id)
    assert.equal(untouched.password, other.password)
  })
})

test.group('Agents login: where they land', () => {
  test('an agent sent to the login page returns to the admin page they asked for', async ({
    client,
    assert,
  }) => {
    await createAgent({ email: 'retour@ville.example', role: 'admin' })
    const asked = await client.get('/agents/admin/mails').redirects(0)
    assert.equal(asked.header('location'), '/agents/connexion')
    const login = await client
      .post('/agents/connexion')
      .form({ email: 'retour@ville.example', password: GOOD_PASSWORD })
      .withSession(asked.session())
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(303)
    assert.equal(login.header('location'), '/agents/admin/mails')
  })

  test('a supervisor cannot promote themself nor edit a service through the admin forms, and nothing changes', async ({
    client,
    assert,
  }) => {
    const supervisor = await createAgent({ role: 'supervisor', services: ['urbanisme'] })
    const service = await Service.findByOrFail('slug', 'urbanisme')

    const promote = await client
      .post(`/agents/admin/agents/${supervisor.id}`)
      .form({
        firstName: 'Chef',
        lastName: 'Suprême',
        role: 'admin',
        services: [String(service.id)],
        active: '1',
      })
      .withGuard('agent')
      .loginAs(supervisor)
      .withCsrfToken()
      .redirects(0)
    promote.assertStatus(403)
    const editService = await client
      .post(`/agents/admin/services/${service.id}`)
      .form({ name: 'Renommé', active: '1' })
      .withGuard('agent')
      .loginAs(supervisor)
      .withCsrfToken()
      .redirects(0)
    editService.assertStatus(403)
    for (const path of [
      `/agents/admin/agents/${supervisor.id}/modifier`,
      `/agents/admin/services/${service.id}/modifier`,
    ]) {
      const page = await client.get(path).withGuard('agent').loginAs(supervisor)
      page.assertStatus(403)
    }

    const fresh = await Agent.findOrFail(supervisor.id)
    assert.equal(fresh.role, 'supervisor')
    assert.equal(fresh.lastName, supervisor.lastName)
    assert.equal((await Service.findOrFail(service.id)).name, service.name)
  })
})

import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import Agent from '#accounts/models/agent'
import Service from '#accounts/models/service'
import MailLogEntry from '#notifications/models/mail_log_entry'
import { mailbox } from '#tests/support/smtp'
import { inputErrors } from '#tests/support/http'
import { createAgent, createService } from '#tests/support/factories/accounts'

const NEW_PASSWORD = 'la mairie ouvre à huit heures'

function pathOf(link: string) {
  const url = new URL(link)
  return url.pathname + url.search
}

test.group('Administration of agents and services', () => {
  test('an admin creates an agent with two services; the invitation lets the agent choose a password once', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const enfance = await createService('enfance', 'Enfance')
    const social = await createService('solidarites', 'Solidarités')

    const response = await client
      .post('/agents/admin/agents')
      .form({
        firstName: 'Inès',
        lastName: 'Robert',
        email: 'ines.robert@ville.example',
        role: 'agent',
        services: [String(enfance.id), String(social.id)],
        active: '1',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    assert.equal(response.header('location'), '/agents/admin/agents')

    const agent = await Agent.findByOrFail('email', 'ines.robert@ville.example')
    const links = await db.from('agent_services').where('agent_id', agent.id).orderBy('service_id')
    assert.deepEqual(
      links.map((row) => row.service_id),
      [enfance.id, social.id]
    )

    const mail = await mailbox.waitFor('ines.robert@ville.example', /espace agents/)
    const link = pathOf(mailbox.linkIn(mail, '/agents/mot-de-passe/'))
    const form = await client.get(link)
    form.assertStatus(200)
    const set = await client
      .post(link)
      .form({ password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    set.assertStatus(303)
    await agent.refresh()
    assert.isTrue(await hash.verify(agent.password, NEW_PASSWORD))

    const login = await client
      .post('/agents/connexion')
      .form({ email: 'ines.robert@ville.example', password: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.equal(login.header('location'), '/agents')

    const reused = await client.get(link)
    reused.assertStatus(400)
  })

  test('an invited agent cannot log in before choosing a password', async ({ client, assert }) => {
    const admin = await createAgent({ role: 'admin' })
    const service = await createService('accueil', 'Accueil')
    await client
      .post('/agents/admin/agents')
      .form({
        firstName: 'Tom',
        lastName: 'Petit',
        email: 'tom@ville.example',
        role: 'agent',
        services: [String(service.id)],
        active: '1',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const agent = await Agent.findByOrFail('email', 'tom@ville.example')
    assert.isFalse(await hash.verify(agent.password, ''))
    const login = await client
      .post('/agents/connexion')
      .form({ email: 'tom@ville.example', password: 'n’importe quoi de long' })
      .withCsrfToken()
    login.assertStatus(422)
  })

  test('an agent needs at least one service and a unique e-mail', async ({ client, assert }) => {
    const admin = await createAgent({ role: 'admin', email: 'admin@ville.example' })
    const noService = await client
      .post('/agents/admin/agents')
      .form({ firstName: 'A', lastName: 'B', email: 'a.b@ville.example', role: 'agent' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.exists(inputErrors(noService).services)
    const service = await createService()
    const taken = await client
      .post('/agents/admin/agents')
      .form({
        firstName: 'A',
        lastName: 'B',
        email: 'admin@ville.example',
        role: 'agent',
        services: [String(service.id)],
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(taken).email, ['Un agent existe déjà avec cette adresse e-mail'])
    assert.lengthOf(await Agent.all(), 1)
  })

  test('an admin cannot demote or deactivate themself, but can edit a colleague', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const colleague = await createAgent({ role: 'agent', services: ['accueil'] })
    const accueil = await Service.findByOrFail('slug', 'accueil')

    await client
      .post(`/agents/admin/agents/${admin.id}`)
      .form({ firstName: 'Moi', lastName: 'Même', role: 'agent', services: [String(accueil.id)] })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    await admin.refresh()
    assert.equal(admin.role, 'admin')
    assert.isTrue(admin.active)
    assert.equal(admin.firstName, 'Moi')

    await client
      .post(`/agents/admin/agents/${colleague.id}`)
      .form({
        firstName: colleague.firstName,
        lastName: colleague.lastName,
        role: 'supervisor',
        services: [String(accueil.id)],
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    await colleague.refresh()
    assert.equal(colleague.role, 'supervisor')
    assert.isFalse(colleague.active)
  })

  test('a non-admin agent cannot create agents or services, and nothing changes', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ role: 'supervisor', services: ['accueil'] })
    const accueil = await Service.findByOrFail('slug', 'accueil')
    const createAgentResponse = await client
      .post('/agents/admin/agents')
      .form({
        firstName: 'X',
        lastName: 'Y',
        email: 'x.y@ville.example',
        role: 'admin',
        services: [String(accueil.id)],
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    createAgentResponse.assertStatus(403)
    const serviceCreation = await client
      .post('/agents/admin/services')
      .form({ slug: 'pirate', name: 'Pirate' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    serviceCreation.assertStatus(403)
    assert.lengthOf(await Agent.all(), 1)
    assert.isNull(await Service.findBy('slug', 'pirate'))
  })

  test('an admin creates and edits a service; its identifier is checked and cannot change', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    const bad = await client
      .post('/agents/admin/services')
      .form({ slug: 'État Civil', name: 'É' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.exists(inputErrors(bad).slug)
    assert.exists(inputErrors(bad).name)

    const created = await client
      .post('/agents/admin/services')
      .form({ slug: 'urbanisme', name: 'Urbanisme', email: 'urba@ville.example', active: '1' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(303)
    const service = await Service.findByOrFail('slug', 'urbanisme')
    assert.isTrue(service.active)

    const duplicate = await client
      .post('/agents/admin/services')
      .form({ slug: 'urbanisme', name: 'Autre' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(duplicate).slug, ['Cet identifiant est déjà utilisé'])

    await client
      .post(`/agents/admin/services/${service.id}`)
      .form({ slug: 'hacked', name: 'Urbanisme et foncier' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    await service.refresh()
    assert.equal(service.name, 'Urbanisme et foncier')
    assert.equal(service.slug, 'urbanisme')
    assert.isFalse(service.active)

    const list = await client.get('/agents/admin/services').withGuard('agent').loginAs(admin)
    list.assertTextIncludes('Urbanisme et foncier')
  })

  test('admins read the mails the platform kept, with clickable links and no markup injected', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    const mail = await MailLogEntry.create({
      mailer: 'stored',
      recipients: 'lea@example.org',
      subject: 'Confirmez votre adresse e-mail',
      html: '<p>x</p>',
      text: 'Ouvrez http://localhost:3333/inscription/verification/1?signature=abc <script>alert(1)</script>',
      messageId: null,
    })
    const list = await client.get('/agents/admin/mails').withGuard('agent').loginAs(admin)
    list.assertStatus(200)
    list.assertTextIncludes('Confirmez votre adresse e-mail')
    list.assertTextIncludes('lea@example.org')
    const detail = await client
      .get(`/agents/admin/mails/${mail.id}`)
      .withGuard('agent')
      .loginAs(admin)
    detail.assertStatus(200)
    detail.assertTextIncludes(
      '<a href="http://localhost:3333/inscription/verification/1?signature=abc">'
    )
    assert.notInclude(detail.text(), '<script>alert(1)</script>')
    detail.assertTextIncludes('&lt;script&gt;')
  })

  test('the mail list pages by key, newest first', async ({ client, assert }) => {
    const admin = await createAgent({ role: 'admin' })
    for (let index = 1; index <= 55; index++) {
      await MailLogEntry.create({
        mailer: 'smtp',
        recipients: `r${index}@example.org`,
        subject: `Message ${index}`,
        html: null,
        text: null,
        messageId: null,
      })
    }
    const first = await client.get('/agents/admin/mails').withGuard('agent').loginAs(admin)
    assert.include(first.text(), 'Message 55')
    assert.notInclude(first.text(), '>Message 5<')
    const next = first.text().match(/href="(\/agents\/admin\/mails\?avant=\d+)"/)?.[1]
    assert.exists(next)
    const second = await client.get(next!).withGuard('agent').loginAs(admin)
    assert.include(second.text(), '>Message 5<')
    assert.notInclude(second.text(), 'Message 55')
  })
})

import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import DemandEvent from '#demands/models/demand_event'
import AuditEntry from '#accounts/models/audit_entry'
import Notification from '#demands/models/notification'
import { Worker } from '#jobs/worker'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { FILES, fileThreeStepDemand } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'

test.group('Processing a demand: agent and resident', (group) => {
  group.each.setup(() => mailbox.clear())

  test('the agent finds it by reference, takes it, asks for information; the resident answers with a file; the agent accepts', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ email: 'paul.dupont@example.org', firstName: 'Paul' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)
    await mailbox.waitFor('paul.dupont@example.org', /Accusé de réception/)

    const search = await client
      .get(`/agents/demandes?q=${demand.reference}`)
      .withGuard('agent')
      .loginAs(agent)
    search.assertStatus(200)
    search.assertTextIncludes(`href="/agents/demandes/${demand.id}"`)

    const page = await client.get(`/agents/demandes/${demand.id}`).withGuard('agent').loginAs(agent)
    page.assertStatus(200)
    page.assertTextIncludes('Ravalement de façade')

    const assign = await client
      .post(`/agents/demandes/${demand.id}/assignation`)
      .form({ assignee: 'me' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assign.assertStatus(303)
    await client
      .post(`/agents/demandes/${demand.id}/note`)
      .form({ body: 'Voisin connu du service, dossier sensible' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()

    const noComment = await client
      .post(`/agents/demandes/${demand.id}/transition`)
      .form({ transition: 'request_information', expectedState: 'submitted' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      inputErrors(noComment)['comment-request_information'][0],
      'Ajoutez un commentaire pour cette action'
    )

    const ask = await client
      .post(`/agents/demandes/${demand.id}/transition`)
      .form({
        transition: 'request_information',
        expectedState: 'submitted',
        comment: 'Merci de joindre une photo de la façade.',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    ask.assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'needs_information')
    assert.equal(demand.assigneeId, agent.id)

    const mail = await mailbox.waitFor('paul.dupont@example.org', /besoin d’un complément/)
    assert.include(
      mailbox.linkIn(mail, '/mon-espace/demandes/'),
      `/mon-espace/demandes/${demand.id}`
    )

    const answer = await client
      .post(`/mon-espace/demandes/${demand.id}/messages`)
      .field('body', 'Voici la photo demandée.')
      .file('attachments', FILES.png, { filename: 'façade.png' })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    answer.assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'in_review')

    const accept = await client
      .post(`/agents/demandes/${demand.id}/transition`)
      .form({ transition: 'accept', expectedState: 'in_review', comment: 'Travaux autorisés.' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    accept.assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'accepted')
    assert.isNotNull(demand.closedAt)

    const timeline = await client
      .get(`/mon-espace/demandes/${demand.id}`)
      .withGuard('web')
      .loginAs(resident)
    timeline.assertStatus(200)
    for (const text of [
      'Demande déposée',
      'Merci de joindre une photo de la façade.',
      'Voici la photo demandée.',
      'façade.png',
      'Travaux autorisés.',
      'Acceptée',
    ])
      timeline.assertTextIncludes(text)
    assert.notInclude(timeline.text(), 'Voisin connu du service')
    assert.notInclude(timeline.text(), agent.lastName)

    const agentView = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    agentView.assertTextIncludes('Voisin connu du service')
    const kinds = (await DemandEvent.query().where('demandId', demand.id).orderBy('id')).map(
      (event) => event.kind
    )
    assert.deepEqual(kinds, [
      'submitted',
      'assignment',
      'note',
      'transition',
      'transition',
      'transition',
    ])
  })

  test('an agent of another service gets 404 and never sees the demand in lists, search or export', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ lastName: 'Zébulon' })
    const demand = await fileThreeStepDemand(resident)
    const police = await createAgent({ services: ['tranquillite_publique'] })
    for (const url of [
      `/agents/demandes/${demand.id}`,
      `/agents/demandes/${demand.id}/fichiers/1`,
    ]) {
      const response = await client.get(url).withGuard('agent').loginAs(police)
      assert.equal(response.status(), 404, url)
    }
    const transition = await client
      .post(`/agents/demandes/${demand.id}/transition`)
      .form({ transition: 'accept' })
      .withGuard('agent')
      .loginAs(police)
      .withCsrfToken()
    transition.assertStatus(404)
    const link = `href="/agents/demandes/${demand.id}"`
    const list = await client.get('/agents/demandes?statut=all').withGuard('agent').loginAs(police)
    assert.notInclude(list.text(), link)
    const search = await client
      .get(`/agents/demandes?q=${demand.reference}`)
      .withGuard('agent')
      .loginAs(police)
    assert.notInclude(search.text(), link)
    search.assertTextIncludes('Aucune demande ne correspond.')
    const byName = await client.get('/agents/demandes?q=zébulon').withGuard('agent').loginAs(police)
    assert.notInclude(byName.text(), link)
    const csv = await client
      .get('/agents/demandes/export.csv?statut=all')
      .withGuard('agent')
      .loginAs(police)
    assert.notInclude(csv.text(), demand.reference!)
    const bulk = await client
      .post('/agents/demandes/lot')
      .form({ 'ids[]': String(demand.id), 'bulkAction': 'assign_me' })
      .withGuard('agent')
      .loginAs(police)
      .withCsrfToken()
    assert.notInclude(bulk.text(), demand.reference!)
    await demand.refresh()
    assert.equal(demand.state, 'submitted')
    assert.isNull(demand.assigneeId)
  })

  test('the export opens in a French spreadsheet: BOM, semicolons, accents, one column per answer', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ firstName: 'Hélène', lastName: 'Bérégovoy' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident, { description: 'Façade; «  ravalement  »' })
    const response = await client
      .get('/agents/demandes/export.csv?demarche=demande-essai')
      .withGuard('agent')
      .loginAs(agent)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    const bytes = Buffer.from(response.text(), 'utf8')
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const lines = response
      .text()
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    const header = lines[0].split(';')
    assert.includeMembers(header, [
      'Référence',
      'Démarche',
      'Statut',
      'Objet de la demande',
      'Description',
      'Document',
    ])
    assert.include(lines[1], demand.reference!)
    assert.include(lines[1], 'Hélène')
    assert.include(lines[1], 'Bérégovoy')
    assert.include(lines[1], '"Façade; «  ravalement  »"')
    assert.include(
      lines[1],
      `;${demand.submittedAt!.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm')};`
    )
    const [audit, ...others] = await AuditEntry.query().where('action', 'list.exported')
    assert.lengthOf(others, 0)
    assert.equal(audit.detail, 'demandes demarche=demande-essai')
    assert.equal(audit.rowCount, 1)
  })

  test('bulk action: a confirmation page first, then the eligible demands move and the others are left', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const first = await fileThreeStepDemand(resident)
    const second = await fileThreeStepDemand(resident)
    const confirm = await client
      .post('/agents/demandes/lot')
      .form({
        'ids[]': [String(first.id), String(second.id)],
        'bulkAction': 'transition:start_review',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    confirm.assertStatus(200)
    confirm.assertTextIncludes('Confirmer l’action groupée')
    await first.refresh()
    assert.equal(first.state, 'submitted')
    const apply = await client
      .post('/agents/demandes/lot/confirmer')
      .form({
        'ids[]': [String(first.id), String(second.id)],
        'bulkAction': 'transition:start_review',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    apply.assertStatus(303)
    await first.refresh()
    await second.refresh()
    assert.equal(first.state, 'in_review')
    assert.equal(second.state, 'in_review')
    const refuse = await client
      .post('/agents/demandes/lot/confirmer')
      .form({ 'ids[]': [String(first.id)], 'bulkAction': 'transition:refuse' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    refuse.assertStatus(422)
    refuse.assertTextIncludes('Ajoutez un commentaire pour cette action')
    await first.refresh()
    assert.equal(first.state, 'in_review')
  })

  test('an agent saves a filter and finds it again; overdue demands carry a badge', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const late = await fileThreeStepDemand(resident)
    late.dueAt = clock.now().minus({ days: 2 }) // due_at is not stamped automatically: the model writes it as given
    await late.save()
    const save = await client
      .post('/agents/demandes/filtres')
      .form({ name: 'Mes retards', query: 'retard=1&assignation=nobody' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.equal(save.header('location'), '/agents/demandes?assignation=nobody&retard=1')
    const list = await client
      .get('/agents/demandes?assignation=nobody&retard=1')
      .withGuard('agent')
      .loginAs(agent)
    list.assertTextIncludes('Mes retards')
    list.assertTextIncludes(late.reference!)
    list.assertTextIncludes('En retard')
  })

  test('keyset pagination walks every demand once, fifty at a time', async ({ client, assert }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const references: string[] = []
    for (let index = 0; index < 55; index++)
      references.push((await fileThreeStepDemand(resident)).reference!)
    const first = await client.get('/agents/demandes').withGuard('agent').loginAs(agent)
    const next = /href="(\/agents\/demandes\?apres=[^"]+)"/
      .exec(first.text())![1]
      .replace(/&amp;/g, '&')
    const second = await client.get(next).withGuard('agent').loginAs(agent)
    const seen = [
      ...first.text().matchAll(/PRV-\d{4}-\d{6}/g),
      ...second.text().matchAll(/PRV-\d{4}-\d{6}/g),
    ].map((match) => match[0])
    assert.sameMembers([...new Set(seen)], references)
    assert.notMatch(second.text(), /rel="next"/)
  })

  test('opening a demand and downloading a file are audited; admins read the log', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'], email: 'instructeur@ville.example' })
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const demand = await fileThreeStepDemand(resident)
    await client.get(`/agents/demandes/${demand.id}`).withGuard('agent').loginAs(agent)
    const entries = await AuditEntry.query().where('demandId', demand.id)
    assert.lengthOf(entries, 1)
    assert.equal(entries[0].agentId, agent.id)
    assert.equal(entries[0].action, 'demand.viewed')
    const log = await client
      .get(`/agents/admin/audit?reference=${demand.reference}`)
      .withGuard('agent')
      .loginAs(admin)
    log.assertStatus(200)
    log.assertTextIncludes('instructeur@ville.example')
    log.assertTextIncludes('Demande consultée')
    const denied = await client.get('/agents/admin/audit').withGuard('agent').loginAs(agent)
    denied.assertStatus(403)
  })
})

test.group('Counter mode', (group) => {
  group.each.setup(() => mailbox.clear())

  test('a front-desk agent files "Nous contacter" for a person without an account, received by phone', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const response = await client
      .post('/agents/demandes/nouvelle/nous-contacter')
      .form({
        origin: 'phone',
        applicant: { firstName: 'Jeanne', lastName: 'Sans-Compte', email: 'jeanne@example.org' },
        topic: 'information',
        subject: 'Horaires',
        message: 'Quels sont les horaires de la mairie annexe ?',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    const demand = await Demand.query().where('applicantEmail', 'jeanne@example.org').firstOrFail()
    assert.equal(demand.origin, 'phone')
    assert.equal(demand.filedByAgentId, agent.id)
    assert.isNull(demand.userId)
    assert.match(demand.reference!, /^PRV-/)
    await mailbox.waitFor('jeanne@example.org', /Accusé de réception/)
    const page = await client.get(`/agents/demandes/${demand.id}`).withGuard('agent').loginAs(agent)
    page.assertTextIncludes('Par téléphone')
  })

  test('a counter filing with a missing answer is refused and leaves nothing behind', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const response = await client
      .post('/agents/demandes/nouvelle/nous-contacter')
      .form({
        origin: 'counter',
        applicant: { firstName: 'Jeanne', lastName: 'Sans-Compte', email: 'jeanne@example.org' },
        topic: 'information',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.properties(inputErrors(response), ['subject', 'message'])
    assert.lengthOf(await Demand.all(), 0)
  })

  test('an agent finds a resident by name and files for them', async ({ client, assert }) => {
    const resident = await createResident({ lastName: 'Trouvé' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const search = await client
      .get('/agents/demandes/nouvelle?q=trouv')
      .withGuard('agent')
      .loginAs(agent)
    search.assertTextIncludes(`/agents/demandes/nouvelle/demande-essai?usager=${resident.id}`)
    const response = await client
      .post(`/agents/demandes/nouvelle/demande-essai?usager=${resident.id}`)
      .form({
        origin: 'counter',
        subject: 'parking',
        description: 'Stationnement gênant',
        hasDocument: 'no',
        consent: '1',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    const demand = await Demand.query().where('userId', resident.id).firstOrFail()
    assert.equal(demand.origin, 'counter')
    assert.equal(demand.state, 'submitted')
  })
})

test.group('Notifications', (group) => {
  group.each.setup(() => mailbox.clear())

  test('repeated updates within ten minutes are grouped into one mail', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ email: 'groupes@example.org' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)
    const message = (body: string) =>
      client
        .post(`/agents/demandes/${demand.id}/message`)
        .form({ body })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
    await message('Premier message')
    await mailbox.deliver()
    await message('Deuxième message')
    await message('Troisième message')
    await mailbox.deliver()
    const updates = () =>
      mailbox.for('groupes@example.org').filter((mail) => !/Accusé/.test(mail.subject ?? ''))
    assert.lengthOf(updates(), 1)
    await new Worker().drain(clock.now().plus({ minutes: 11 }))
    await mailbox.waitFor('groupes@example.org', /2 nouveautés/)
    assert.lengthOf(updates(), 2)
    assert.lengthOf(
      await Notification.query().where('demandId', demand.id).whereNull('mailedAt'),
      0
    )

    const list = await client.get('/mon-espace/notifications').withGuard('web').loginAs(resident)
    list.assertTextIncludes('La mairie vous a écrit.')
    assert.lengthOf(await Notification.query().where('userId', resident.id).whereNull('readAt'), 0)
  })

  test('a resident who turned off message mails still sees them in the portal', async ({
    client,
    assert,
  }) => {
    const resident = await createResident({ email: 'silence@example.org' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)
    await client
      .post('/mon-espace/notifications/preferences')
      .form({ notifyByEmail: '1', mailOnStatusChange: '1' })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
    await resident.refresh()
    assert.isFalse(resident.mailOnMessage)
    await client
      .post(`/agents/demandes/${demand.id}/message`)
      .form({ body: 'Bonjour' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    await mailbox.deliver()
    assert.lengthOf(
      mailbox.for('silence@example.org').filter((mail) => !/Accusé/.test(mail.subject ?? '')),
      0
    )
    assert.lengthOf(
      await Notification.query().where('userId', resident.id).where('kind', 'message'),
      1
    )
  })
})

test.group('Agents’ forms keep what was typed, where it was typed', () => {
  test('at the counter, the procedure’s own phone question is kept for a resident (it has the same name as a contact field)', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const response = await client
      .post(`/agents/demandes/nouvelle/demande-essai?usager=${resident.id}`)
      .form({
        origin: 'counter',
        subject: 'parking',
        description: 'Stationnement gênant',
        hasDocument: 'no',
        phone: '06 98 76 54 32',
        consent: '1',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(303)
    const demand = await Demand.query().where('userId', resident.id).firstOrFail()
    assert.equal(demand.answers.phone, '06 98 76 54 32')
  })

  test('a note too long comes back in the note box with its message, not in the message box of the same page', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)
    const typed = `Note : ${'x'.repeat(5001)}`
    const refused = await client
      .post(`/agents/demandes/${demand.id}/note`)
      .form({ _form: 'note', body: typed })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(refused).body, [
      'Le champ « Message » doit contenir au plus 5000 caractères',
    ])
    const page = await client
      .get(`/agents/demandes/${demand.id}`)
      .withSession({ __flash__: refused.flashMessages() })
      .withGuard('agent')
      .loginAs(agent)
    const html = page.text()
    const note = /<textarea[^>]*id="note-body"[^>]*>([^<]*)<\/textarea>/.exec(html)
    const message = /<textarea[^>]*id="message-body"[^>]*>([^<]*)<\/textarea>/.exec(html)
    assert.equal(note?.[1], typed)
    assert.equal(message?.[1], '')
    assert.match(html, /id="note-body-error"/)
    assert.notMatch(html, /id="message-body-error"/)
  })
})

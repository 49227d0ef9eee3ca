import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { Worker } from '#jobs/worker'
import User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import Invoice from '#payments/models/invoice'
import AuditEntry from '#accounts/models/audit_entry'
import MailLogEntry from '#notifications/models/mail_log_entry'
import PersonalDataExport from '#portal/models/personal_data_export'
import { personalDataKinds } from '#portal/services/personal_data'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { residentWithHistory, schemaTables, unzip } from '#portal/tests/support/my_data'

/** Columns that point at a resident's account, whatever the table. */
const ACCOUNT_COLUMNS = ['user_id', 'payer_user_id', 'resident_id']

async function archiveOf(client: any, user: User) {
  const page = await client.get('/mon-espace/donnees').loginAs(user)
  const link = page.text().match(/href="(\/mon-espace\/donnees\/archive\/[A-Za-z0-9_-]+)"/)
  return link?.[1] ?? null
}

test.group('A resident downloads their data', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('the archive holds their demands with answers and files, appointments, invoices, registrations and notifications, and nothing of another resident; the link dies after 48 hours', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    const alice = await createResident({ email: 'alice.archive@example.org' })
    const bruno = await createResident({ email: 'bruno.archive@example.org' })
    const mine = await residentWithHistory(alice, 'ALICE')
    const theirs = await residentWithHistory(bruno, 'BRUNO')

    const asked = await client
      .post('/mon-espace/donnees/archive')
      .withCsrfToken()
      .loginAs(alice)
      .redirects(0)
    assert.equal(asked.status(), 303)
    assert.isNull(await archiveOf(client, alice), 'no link before the job ran')
    await new Worker().drain()

    const path = await archiveOf(client, alice)
    assert.isNotNull(path)
    const response = await client.get(path!).loginAs(alice)
    assert.equal(response.status(), 200)
    assert.equal(response.header('content-type'), 'application/zip')
    const files = await unzip(response.body())
    const json = (name: string) => JSON.parse(files.get(name)!.toString('utf8'))

    const demands = json('demands/demands.json')
    assert.lengthOf(demands, 1)
    assert.equal(demands[0].reference, mine.demand.reference)
    assert.include(JSON.stringify(demands[0].timeline), 'Réponse de la mairie ALICE')
    assert.equal(demands[0].answers.description, 'Façade ALICE')
    const filePath = `demands/demands/${demands[0].files[0]}`
    assert.equal(files.get(filePath)!.subarray(0, 5).toString(), '%PDF-')
    assert.lengthOf(json('appointments/appointments.json'), 1)
    const invoices = json('payments/invoices.json')
    assert.deepEqual(
      invoices.map((invoice: any) => invoice.number),
      [mine.invoice.number]
    )
    assert.equal(invoices[0].status, 'paid')
    assert.lengthOf(invoices[0].lines, 2)
    assert.equal(json('activities/registrations.json')[0].activity, 'Mercredis ALICE')
    assert.isAbove(json('demands/notifications.json').length, 0)
    assert.equal(json('accounts/profile.json')[0].email, 'alice.archive@example.org')
    assert.equal(files.get('resume.pdf')!.subarray(0, 5).toString(), '%PDF-')

    // Nothing of Bruno anywhere in Alice's archive.
    const everything = [...files.values()].map((bytes) => bytes.toString('latin1')).join('\n')
    for (const trace of [
      'BRUNO',
      'bruno.archive@example.org',
      theirs.demand.reference!,
      theirs.invoice.number,
    ])
      assert.notInclude(everything, trace)

    // The resident was told by mail.
    const mail = await MailLogEntry.query()
      .where('recipients', alice.email)
      .orderBy('id', 'desc')
      .first()
    assert.include(mail?.subject ?? '', 'archive')

    // Someone else's session cannot open it.
    assert.equal((await client.get(path!).loginAs(bruno)).status(), 410)

    clock.travelTo('2026-12-09T09:59:00+01:00', { freeze: true })
    assert.equal((await client.get(path!).loginAs(alice)).status(), 200)
    clock.travelTo('2026-12-09T10:00:01+01:00', { freeze: true })
    const late = await client.get(path!).loginAs(alice)
    assert.equal(late.status(), 410)
    assert.include(late.text(), 'n’est plus valable')
  })

  test('the nightly clean-up removes expired archives and their files', async ({ assert }) => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    const alice = await createResident()
    const { default: RequestDataExport } = await import('#portal/actions/request_data_export')
    const request = await new RequestDataExport().handle(alice.id)
    await new Worker().drain()
    await request.refresh()
    assert.equal(request.status, 'ready')
    const drive = (await import('@adonisjs/drive/services/main')).default
    assert.isTrue(await drive.use().exists(request.storageKey!))
    clock.travelTo('2026-12-09T10:00:01+01:00', { freeze: true })
    const { enqueue } = await import('#jobs/enqueue')
    await enqueue('remove_expired_data_exports', {})
    await new Worker().drain()
    assert.isNull(await PersonalDataExport.find(request.id))
    assert.isFalse(await drive.use().exists(request.storageKey!))
  })
})

test.group('A resident deletes their account', (group) => {
  group.each.teardown(() => {
    clock.reset()
  })

  test('every table holding a resident’s rows is handled by a personalData declaration', async ({
    assert,
  }) => {
    const declared = new Set(personalDataKinds().flatMap((kind) => kind.declaration.tables))
    const unhandled = [...(await schemaTables()).entries()]
      .filter(([, columns]) => columns.some((column) => ACCOUNT_COLUMNS.includes(column)))
      .map(([table]) => table)
      .filter((table) => !declared.has(table))
    assert.deepEqual(unhandled, [])
  })

  test('a wrong password deletes nothing', async ({ client, assert }) => {
    const alice = await createResident()
    const response = await client
      .post('/mon-espace/donnees/suppression')
      .form({ password: 'pas le bon mot de passe' })
      .withCsrfToken()
      .loginAs(alice)
      .redirects(0)
    assert.equal(response.status(), 302)
    assert.isNotNull(await User.find(alice.id))
  })

  test('they cannot log in; what no rule keeps is gone, paid invoices stay detached; each table says what remains', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-07T10:00:00+01:00', { freeze: true })
    const alice = await createResident({ email: 'alice.deleted@example.org' })
    const bruno = await createResident({ email: 'bruno.kept@example.org' })
    const mine = await residentWithHistory(alice, 'ALICE')
    await residentWithHistory(bruno, 'BRUNO')

    const confirm = await client.get('/mon-espace/donnees/suppression').loginAs(alice)
    assert.include(confirm.text(), 'Vos factures')
    assert.include(confirm.text(), 'Conservé jusqu’au 07/12/2036')

    const deleted = await client
      .post('/mon-espace/donnees/suppression')
      .form({ password: GOOD_PASSWORD })
      .withCsrfToken()
      .loginAs(alice)
      .redirects(0)
    assert.equal(deleted.status(), 303)
    assert.equal(deleted.header('location'), '/compte-supprime')

    const login = await client
      .post('/connexion')
      .form({ email: 'alice.deleted@example.org', password: GOOD_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.notEqual(login.header('location'), '/mon-espace')
    assert.isNull(await User.find(alice.id))

    // Table by table: nothing points at the account any more…
    const tables = await schemaTables()
    const pointing: string[] = []
    for (const [table, columns] of tables)
      for (const column of columns.filter((name) => ACCOUNT_COLUMNS.includes(name))) {
        const [{ count }] = await db.from(table).where(column, alice.id).count('* as count')
        if (Number(count) > 0) pointing.push(`${table}.${column}`)
      }
    assert.deepEqual(pointing, [])

    // …and her address or name remain only where a rule keeps them.
    const remaining: string[] = []
    const holds = (table: string, columns: string[]) =>
      db
        .from(table)
        .where((query) => {
          for (const column of columns)
            query
              .orWhereRaw(`cast(?? as text) like ?`, [column, '%alice.deleted@example.org%'])
              .orWhereRaw(`cast(?? as text) like ?`, [column, `%${alice.lastName}%`])
        })
        .count('* as count')
        .then((rows) => Number(rows[0].count) > 0)
    for (const [table, columns] of tables) {
      if (!(await holds(table, columns))) continue
      for (const column of columns)
        if (await holds(table, [column])) remaining.push(`${table}.${column}`)
    }
    assert.deepEqual(remaining.sort(), [
      // the filed demand: an administrative record, kept with the applicant's name, detached
      'demands.applicant_last_name',
      // the paid invoice: the debtor's name and its lines, kept for the accounting period
      'invoices.payer_name',
      // the refused login attempt made above, counted until its window ends
      'rate_limits.key',
    ])

    const demand = await Demand.findOrFail(mine.demand.id)
    assert.isNull(demand.userId)
    assert.isNull(demand.applicantEmail)
    const invoice = await Invoice.findOrFail(mine.invoice.id)
    assert.equal(invoice.status, 'paid')
    assert.isNull(invoice.payerUserId)
    assert.isNull(invoice.payerEmail)
    // Bruno keeps everything.
    assert.equal(
      await db
        .from('appointments')
        .where('user_id', bruno.id)
        .count('* as c')
        .then((r) => Number(r[0].c)),
      1
    )
    assert.isNotNull(await User.find(bruno.id))
  }).timeout(60_000)

  test('a resident logged in through FranceConnect deletes their account without a password', async ({
    client,
    assert,
  }) => {
    const alice = await createResident()
    const confirm = await client
      .get('/mon-espace/donnees/suppression')
      .withSession({ franceconnect_id_token: 'jeton-de-test' })
      .loginAs(alice)
    assert.notInclude(confirm.text(), 'name="password"')
    const deleted = await client
      .post('/mon-espace/donnees/suppression')
      .withSession({ franceconnect_id_token: 'jeton-de-test' })
      .withCsrfToken()
      .loginAs(alice)
      .redirects(0)
    assert.equal(deleted.header('location'), '/compte-supprime')
    assert.isNull(await User.find(alice.id))
  })

  test('the accueil deletes an account for a request received by post, and it is audited', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const other = await createAgent({ services: ['urbanisme'] })
    const alice = await createResident()
    const refused = await client
      .post(`/agents/usagers/${alice.id}/donnees/suppression`)
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(other)
      .redirects(0)
    assert.equal(refused.status(), 404)
    const page = await client
      .get(`/agents/usagers/${alice.id}/donnees`)
      .withGuard('agent')
      .loginAs(agent)
    assert.equal(page.status(), 200)
    await client
      .post(`/agents/usagers/${alice.id}/donnees/archive`)
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    await new Worker().drain()
    const ready = await client
      .get(`/agents/usagers/${alice.id}/donnees`)
      .withGuard('agent')
      .loginAs(agent)
    const link = ready.text().match(/href="(\/agents\/usagers\/\d+\/donnees\/archive\/[\w-]+)"/)
    assert.isNotNull(link, 'the agent gets the archive to send by post')
    const archive = await client.get(link![1]).withGuard('agent').loginAs(agent)
    assert.equal(archive.status(), 200)
    const files = await unzip(archive.body())
    assert.isTrue(files.has('resume.pdf'))
    const elsewhere = await client.get(link![1]).withGuard('agent').loginAs(other)
    assert.equal(elsewhere.status(), 404)
    const done = await client
      .post(`/agents/usagers/${alice.id}/donnees/suppression`)
      .withCsrfToken()
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    assert.equal(done.status(), 303)
    assert.isNull(await User.find(alice.id))
    const actions = (await AuditEntry.query().where('agentId', agent.id)).map(
      (entry) => entry.action
    )
    assert.includeMembers(actions, [
      'personal_data.export_requested',
      'personal_data.downloaded',
      'account.deleted',
    ])
  })

  test('a rectification request reaches the accueil as a demand', async ({ client, assert }) => {
    const alice = await createResident()
    const sent = await client
      .post('/mon-espace/donnees/rectification')
      .form({ message: 'Mon nom s’écrit Curië, avec un tréma.' })
      .withCsrfToken()
      .loginAs(alice)
      .redirects(0)
    assert.equal(sent.status(), 303)
    const demand = await Demand.query().where('userId', alice.id).firstOrFail()
    assert.equal(demand.serviceSlug, 'accueil')
    assert.equal(demand.state === 'draft', false)
    assert.equal(demand.answers.message, 'Mon nom s’écrit Curië, avec un tréma.')
    assert.equal(sent.header('location'), `/mon-espace/demandes/${demand.id}`)
  })
})

import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import MailLogEntry from '#notifications/models/mail_log_entry'
import AuditEntry from '#accounts/models/audit_entry'
import { enqueue } from '#jobs/enqueue'
import { recordAudit } from '#accounts/actions/record_audit'
import { createAgent } from '#tests/support/factories/accounts'

/** The CSV's lines without the byte-order mark, split on the French separator. */
function csvLines(text: string) {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(';'))
}

async function sent(recipients: string, subject: string) {
  return MailLogEntry.create({
    mailer: 'smtp',
    recipients,
    subject,
    html: null,
    text: null,
    messageId: null,
  })
}

test.group('Back office lists: search, keyset pages, audited CSV exports', () => {
  test('the mail log searches by recipient or subject, whatever the case, and pages by key with the search kept', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    for (let index = 1; index <= 52; index++)
      await sent(`lea${index}@example.org`, `Rendez-vous ${index}`)
    await sent('hugo@example.org', 'Votre facture')
    await sent('Lea.Martin@example.org', 'Votre facture')

    const bySubject = await client
      .get('/agents/admin/mails?objet=FACTURE')
      .withGuard('agent')
      .loginAs(admin)
    bySubject.assertStatus(200)
    assert.include(bySubject.text(), 'hugo@example.org')
    assert.include(bySubject.text(), 'Lea.Martin@example.org')
    assert.notInclude(bySubject.text(), 'Rendez-vous 3<')
    assert.include(bySubject.text(), 'value="FACTURE"')

    const both = await client
      .get('/agents/admin/mails?destinataire=lea.martin&objet=facture')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(both.text(), 'Lea.Martin@example.org')
    assert.notInclude(both.text(), 'hugo@example.org')

    const first = await client
      .get('/agents/admin/mails?destinataire=example.org&objet=rendez')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(first.text(), 'Rendez-vous 52<')
    assert.notInclude(first.text(), 'Rendez-vous 2<')
    const next = first
      .text()
      .match(
        /href="(\/agents\/admin\/mails\?destinataire=example.org&amp;objet=rendez&amp;avant=\d+)"/
      )?.[1]
    assert.exists(next, 'the next page keeps the search')
    const second = await client
      .get(next!.replaceAll('&amp;', '&'))
      .withGuard('agent')
      .loginAs(admin)
    assert.include(second.text(), 'Rendez-vous 2<')
    assert.include(second.text(), 'Rendez-vous 1<')
    assert.notInclude(second.text(), 'Votre facture')
  })

  test('the mail log exports the mails found as CSV, with an audit entry naming the search and the row count', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    await sent('hugo@example.org', 'Votre facture')
    await sent('lea@example.org', 'Votre facture')
    await sent('lea@example.org', 'Rendez-vous confirmé')
    const page = await client
      .get('/agents/admin/mails?objet=facture')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(page.text(), 'href="/agents/admin/mails/export.csv?objet=facture"')

    const response = await client
      .get('/agents/admin/mails/export.csv?objet=facture')
      .withGuard('agent')
      .loginAs(admin)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(
      response.header('content-disposition') ?? '',
      /^attachment; filename="mails-.*\.csv"$/
    )
    const lines = csvLines(response.text())
    assert.deepEqual(lines[0], ['Date', 'Destinataires', 'Objet', 'Envoi'])
    assert.lengthOf(lines, 3)
    assert.deepEqual(
      lines.slice(1).map((line) => [line[1], line[2]]),
      [
        ['hugo@example.org', 'Votre facture'],
        ['lea@example.org', 'Votre facture'],
      ]
    )
    const entry = await AuditEntry.query().where('action', 'list.exported').firstOrFail()
    assert.equal(entry.agentId, admin.id)
    assert.equal(entry.detail, 'mails objet=facture')
    assert.equal(entry.rowCount, 2)
  })

  test('the audit log filters by action and exports what it shows, the export itself audited', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({ services: ['accueil'], email: 'marc@example.org' })
    await recordAudit(agent, 'residents.searched', null, 'dupont', 3)
    await recordAudit(agent, 'list.viewed', null, 'enfants', 12)
    await recordAudit(admin, 'setting.changed', null, 'payments.retention_invoices')

    const page = await client
      .get('/agents/admin/audit?action=list.viewed')
      .withGuard('agent')
      .loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), '<option value="list.viewed" selected')
    assert.include(page.text(), '>enfants<')
    assert.notInclude(page.text(), '>dupont<')
    assert.notInclude(page.text(), 'payments.retention_invoices')
    assert.include(page.text(), 'href="/agents/admin/audit/export.csv?action=list.viewed"')

    // An action nobody declared is no filter at all.
    const unknown = await client
      .get('/agents/admin/audit?action=drop.tables')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(unknown.text(), '>dupont<')

    const response = await client
      .get('/agents/admin/audit/export.csv?agent=marc@example.org')
      .withGuard('agent')
      .loginAs(admin)
    response.assertStatus(200)
    const lines = csvLines(response.text())
    assert.lengthOf(lines, 3)
    assert.deepEqual(
      lines.slice(1).map((line) => line[4]),
      ['dupont', 'enfants']
    )
    const exported = await AuditEntry.query()
      .where('action', 'list.exported')
      .where('agentId', admin.id)
      .firstOrFail()
    assert.equal(exported.detail, 'audit agent=marc%40example.org')
    assert.equal(exported.rowCount, 2)
  })

  test('the audit log pages by key with its filter kept, and links back to the newest entries', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    for (let index = 1; index <= 52; index++)
      await recordAudit(admin, 'list.viewed', null, `liste ${index}`, index)
    await recordAudit(admin, 'residents.searched', null, 'dupont', 3)
    const first = await client
      .get('/agents/admin/audit?action=list.viewed')
      .withGuard('agent')
      .loginAs(admin)
    assert.include(first.text(), '>liste 52<')
    assert.notInclude(first.text(), '>liste 2<')
    const next = first
      .text()
      .match(/href="(\/agents\/admin\/audit\?action=list.viewed&amp;avant=\d+)"/)?.[1]
    assert.exists(next, 'the next page keeps the filter')
    const second = await client
      .get(next!.replaceAll('&amp;', '&'))
      .withGuard('agent')
      .loginAs(admin)
    assert.include(second.text(), '>liste 2<')
    assert.include(second.text(), '>liste 1<')
    assert.notInclude(second.text(), '>dupont<')
    assert.include(second.text(), 'href="/agents/admin/audit?action=list.viewed" rel="prev"')
  })

  test('the jobs list searches by type and state, and exports the jobs found without their payloads', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const backup = await enqueue('backup_database', { secret: 'ne-pas-exporter' })
    const purge = await enqueue('purge_personal_data', {})
    const pendingBackup = await enqueue('backup_database', {})
    await db
      .from('jobs')
      .whereIn('id', [backup.id, purge.id])
      .update({ status: 'dead', attempts: 3, last_error: 'disque plein\nà la ligne 3' })

    const page = await client
      .get('/agents/admin/jobs?etat=dead&type=backup_database')
      .withGuard('agent')
      .loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), `href="/agents/admin/jobs/${backup.id}"`)
    assert.notInclude(page.text(), `href="/agents/admin/jobs/${purge.id}"`)
    assert.notInclude(page.text(), `href="/agents/admin/jobs/${pendingBackup.id}"`)
    assert.include(page.text(), '<option value="backup_database" selected')
    assert.include(
      page.text(),
      'href="/agents/admin/jobs/export.csv?etat=dead&amp;type=backup_database"'
    )

    const response = await client
      .get('/agents/admin/jobs/export.csv?etat=dead&type=backup_database')
      .withGuard('agent')
      .loginAs(admin)
    response.assertStatus(200)
    assert.notInclude(response.text(), 'ne-pas-exporter')
    const lines = csvLines(response.text())
    assert.lengthOf(lines, 2)
    assert.equal(lines[1][0], String(backup.id))
    assert.equal(lines[1][1], 'backup_database')
    assert.equal(lines[1][7], 'disque plein')
    const exported = await AuditEntry.query().where('action', 'list.exported').firstOrFail()
    assert.equal(exported.detail, 'jobs etat=dead&type=backup_database')
    assert.equal(exported.rowCount, 1)
  })

  test('an agent who is not an admin exports none of these lists', async ({ client, assert }) => {
    const agent = await createAgent({ services: ['accueil'] })
    for (const path of [
      '/agents/admin/mails/export.csv',
      '/agents/admin/audit/export.csv',
      '/agents/admin/jobs/export.csv',
    ]) {
      const response = await client.get(path).withGuard('agent').loginAs(agent)
      assert.notEqual(response.status(), 200, path)
      assert.notInclude(response.header('content-type') ?? '', 'text/csv', path)
    }
    assert.lengthOf(await AuditEntry.query().where('action', 'list.exported'), 0)
  })
})

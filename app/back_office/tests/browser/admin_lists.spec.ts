import { test } from '@japa/runner'
import MailLogEntry from '#notifications/models/mail_log_entry'
import { enqueue } from '#jobs/enqueue'
import { recordAudit } from '#accounts/actions/record_audit'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'

test.group('Back office lists in a browser', () => {
  test('an admin searches the mail log, the jobs and the audit log without JavaScript; every page is accessible', async ({
    browser,
  }) => {
    const admin = await createAgent({ role: 'admin', email: 'alice@ville.example' })
    await MailLogEntry.create({
      mailer: 'smtp',
      recipients: 'hugo@example.org',
      subject: 'Votre facture de décembre',
      html: null,
      text: null,
      messageId: null,
    })
    await MailLogEntry.create({
      mailer: 'smtp',
      recipients: 'lea@example.org',
      subject: 'Rendez-vous confirmé',
      html: null,
      text: null,
      messageId: null,
    })
    await enqueue('purge_personal_data', {})
    await recordAudit(admin, 'residents.searched', null, 'dupont', 3)
    await recordAudit(admin, 'list.viewed', null, 'enfants', 12)

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail professionnelle').fill('alice@ville.example')
      await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()

      await page.goto(appUrl('/agents/admin/mails'))
      await page.getByLabel('Objet (ou une partie)').fill('facture')
      await page.getByRole('button', { name: 'Filtrer' }).click()
      await expectHeading(page, 'Messages envoyés')
      await page.getByRole('link', { name: 'Votre facture de décembre' }).waitFor()
      if ((await page.getByRole('link', { name: 'Rendez-vous confirmé' }).count()) !== 0)
        throw new Error('The mail search kept a mail that does not match')
      await assertAccessible(page, 'mails searched')

      await page.goto(appUrl('/agents/admin/jobs'))
      await page.getByLabel('Type').selectOption('purge_personal_data')
      await page.getByLabel('État').selectOption('pending')
      await page.getByRole('button', { name: 'Filtrer' }).click()
      await page.getByRole('cell', { name: 'purge_personal_data' }).waitFor()
      await assertAccessible(page, 'jobs searched')

      await page.goto(appUrl('/agents/admin/audit'))
      await page.getByLabel('Action').selectOption('list.viewed')
      await page.getByRole('button', { name: 'Filtrer' }).click()
      await page.getByRole('cell', { name: 'enfants' }).waitFor()
      if ((await page.getByRole('cell', { name: 'dupont' }).count()) !== 0)
        throw new Error('The audit filter kept an entry of another action')
      await assertAccessible(page, 'audit filtered by action')
    })
  })
})

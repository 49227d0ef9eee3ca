import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { Worker } from '#jobs/worker'
import SmsSimulatorMessage from '#notifications/models/sms_simulator_message'

test.group('SMS pages in a browser', () => {
  test('a resident verifies a mobile number and opts in without JavaScript; an admin reads the log and the simulator; every page is accessible, in French and in English', async ({
    browser,
    assert,
  }) => {
    const resident = await createResident({ email: 'sms.navigateur@example.org' })
    const admin = await createAgent({ role: 'admin', email: 'sms.admin@ville.example' })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill(resident.email)
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/mon-espace/notifications'))
      await page.getByRole('link', { name: 'Recevoir aussi des SMS' }).click()
      await expectHeading(page, 'SMS')
      await assertAccessible(page, 'SMS preferences, no number')

      await page.getByLabel('Numéro de mobile').fill('01 60 91 07 00')
      await page.getByRole('button', { name: 'Recevoir un code par SMS' }).click()
      await page.getByRole('link', { name: /Saisissez un numéro de mobile français/ }).waitFor()
      await assertAccessible(page, 'SMS preferences, wrong number')

      await page.getByLabel('Numéro de mobile').fill('06 98 76 54 32')
      await page.getByRole('button', { name: 'Recevoir un code par SMS' }).click()
      await new Worker().drain()
      const [message] = await SmsSimulatorMessage.query()
        .where('recipient', '+33698765432')
        .orderBy('id', 'desc')
      const code = /^(\d{6})/.exec(message.text)![1]
      await assertAccessible(page, 'SMS preferences, code asked')
      await page.getByLabel('Code reçu par SMS').fill(code)
      await page.getByRole('button', { name: 'Vérifier mon numéro' }).click()
      await page.getByText('Numéro vérifié : +33698765432').waitFor()
      await page.getByLabel('Je souhaite recevoir des SMS').check()
      await page.getByRole('button', { name: 'Enregistrer' }).click()
      await page.getByText('Vous recevrez désormais des SMS.').waitFor()
      await assertAccessible(page, 'SMS preferences, verified and opted in')
      await resident.refresh()
      assert.isTrue(resident.notifyBySms)

      await page.getByRole('link', { name: /EN/ }).click()
      await expectHeading(page, 'Text messages')
      await assertAccessible(page, 'SMS preferences, in English')
    })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail professionnelle').fill(admin.email)
      await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/admin'))
      await page.getByRole('link', { name: 'SMS', exact: true }).click()
      await expectHeading(page, 'SMS')
      await page.getByText('+33 •••••••32').first().waitFor()
      await assertAccessible(page, 'SMS log')
      await page.getByRole('link', { name: 'Voir les messages reçus par le simulateur' }).click()
      await expectHeading(page, 'Simulateur SMS')
      await page.getByText('+33698765432').first().waitFor()
      await assertAccessible(page, 'SMS simulator')
      await page.getByRole('link', { name: /EN/ }).click()
      await expectHeading(page, 'Text message simulator')
      await assertAccessible(page, 'SMS simulator, in English')
      await page.goto(appUrl('/agents/admin/sms'))
      await expectHeading(page, 'Text messages')
      await assertAccessible(page, 'SMS log, in English')
    })
  })
})

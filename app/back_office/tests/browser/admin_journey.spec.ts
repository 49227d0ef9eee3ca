import { test } from '@japa/runner'
import MailLogEntry from '#notifications/models/mail_log_entry'
import Job from '#jobs/job'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import { createAgent, createService, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'

test.group('Back office without JavaScript', () => {
  test('an admin logs in, invites an agent with two services and finds them in the list; every page is accessible', async ({
    browser,
  }) => {
    await createAgent({ role: 'admin', email: 'alice@ville.example', services: ['accueil'] })
    await createService('culture', 'Culture')
    await createService('solidarites', 'Solidarités')
    const deadJob = await Job.create({
      queue: 'default',
      name: 'send_mail',
      payload: '{}',
      idempotencyKey: 'browser-dead-job',
      status: 'dead',
      attempts: 10,
      maxAttempts: 10,
      runAt: clock.now(),
      lastError: 'connect ECONNREFUSED 127.0.0.1:25',
    })
    await MailLogEntry.create({
      mailer: 'stored',
      recipients: 'lea@example.org',
      subject: 'Confirmez votre adresse e-mail',
      html: null,
      text: 'Lien : http://localhost:3333/x',
      messageId: null,
    })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents'))
      await expectHeading(page, 'Connexion agents')
      await assertAccessible(page, 'agents login')
      await page.getByLabel('Adresse e-mail professionnelle').fill('alice@ville.example')
      await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      const greeting = (await page.locator('h1').textContent())?.trim() ?? ''
      if (!/^Bonjour Agent Numéro\d+$/.test(greeting))
        throw new Error(`Unexpected dashboard heading "${greeting}"`)
      await assertAccessible(page, 'agents dashboard')

      await page
        .getByRole('navigation', { name: 'Navigation de l’espace agents' })
        .getByRole('link', { name: 'Administration' })
        .click()
      await expectHeading(page, 'Administration')
      await assertAccessible(page, 'admin menu')

      await page.getByRole('link', { name: 'Agents', exact: true }).click()
      await assertAccessible(page, 'agents list')
      await page.getByRole('link', { name: 'Inviter un agent' }).click()
      await assertAccessible(page, 'new agent form')

      await page.getByRole('button', { name: 'Envoyer l’invitation' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'new agent form with errors')

      await page.getByLabel('Prénom').fill('Inès')
      await page.getByLabel('Nom', { exact: true }).fill('Robert')
      await page.getByLabel('Adresse e-mail professionnelle').fill('ines.robert@ville.example')
      await page.getByLabel('Responsable').check()
      await page.getByLabel('Culture').check()
      await page.getByLabel('Solidarités').check()
      await page.getByRole('button', { name: 'Envoyer l’invitation' }).click()
      await expectHeading(page, 'Agents')
      const row = page.getByRole('row', { name: /Inès Robert/ })
      await row.getByText('Culture, Solidarités').waitFor()
      await row.getByText('Responsable').waitFor()

      await page.getByRole('link', { name: 'Inès Robert' }).click()
      await expectHeading(page, 'Modifier Inès Robert')
      await assertAccessible(page, 'edit agent')

      await page.goto(appUrl('/agents/admin/reglages'))
      await expectHeading(page, 'Réglages')
      await assertAccessible(page, 'settings')
      // The fixture brick's price (tests/fixtures/bricks/fixture): a money setting like any brick's.
      const price = page.getByLabel('Prix unitaire d’essai')
      await price.fill('1,234')
      await page.getByRole('button', { name: 'Enregistrer les réglages : Brique d’essai' }).click()
      await page.locator('.error-summary').waitFor()
      await page
        .locator('#fixture__unitPrice-error')
        .getByText('deux chiffres après la virgule')
        .waitFor()
      await assertAccessible(page, 'settings with errors')
      await page.getByLabel('Prix unitaire d’essai').fill('3,10')
      await page.getByRole('button', { name: 'Enregistrer les réglages : Brique d’essai' }).click()
      await page.getByText('Les réglages sont enregistrés.').waitFor()
      if ((await page.getByLabel('Prix unitaire d’essai').inputValue()) !== '3,10')
        throw new Error('The new unit price is not shown')
      // By its id: procedures other test files register may share the contact form's title.
      const contactSla = page.locator('#demands__nous-contacter__sla_days')
      const label = await page.locator('label[for="demands__nous-contacter__sla_days"]').innerText()
      if (!label.includes('Délai de traitement de « Nous contacter », en jours ouvrés'))
        throw new Error(`The processing time's label reads "${label}"`)
      await contactSla.fill('0')
      await page.getByRole('button', { name: 'Enregistrer les réglages : Demandes' }).click()
      await page
        .locator('#demands__nous-contacter__sla_days-error')
        .getByText('supérieur ou égal à 1')
        .waitFor()
      await assertAccessible(page, 'procedure settings with errors')
      await contactSla.fill('8')
      await page.getByRole('button', { name: 'Enregistrer les réglages : Demandes' }).click()
      await page.getByText('Les réglages sont enregistrés.').waitFor()
      if ((await contactSla.inputValue()) !== '8')
        throw new Error('The new processing time of "Nous contacter" is not shown')

      await page.goto(appUrl('/agents/admin/services'))
      await assertAccessible(page, 'services list')
      await page.getByRole('link', { name: 'Créer un service' }).click()
      await assertAccessible(page, 'new service form')
      await page.goto(appUrl('/agents/admin/services'))
      await page.locator('#contenu').getByRole('link', { name: 'Culture' }).click()
      await assertAccessible(page, 'edit service')

      await mailbox.deliver()
      await page.goto(appUrl('/agents/admin/mails'))
      await assertAccessible(page, 'mails list')
      await page.getByRole('link', { name: 'Votre compte sur l’espace agents' }).click()
      await assertAccessible(page, 'mail detail')

      await page.goto(appUrl('/agents/admin/jobs?etat=dead'))
      await assertAccessible(page, 'dead jobs')
      await page.getByRole('link', { name: `#${deadJob.id}` }).click()
      await expectHeading(page, `Tâche n° ${deadJob.id}`)
      await assertAccessible(page, 'job detail')

      await page.getByRole('button', { name: 'Se déconnecter' }).click()
      await expectHeading(page, 'Connexion agents')
    })

    // The invited agent chooses a password from the mail and logs in.
    await withoutJavaScript(browser, async (page) => {
      const mail = await mailbox.waitFor('ines.robert@ville.example', /espace agents/)
      await page.goto(mailbox.linkIn(mail, '/agents/mot-de-passe/'))
      await expectHeading(page, 'Choisir votre mot de passe')
      await assertAccessible(page, 'choose password')
      await page.getByLabel('Nouveau mot de passe').fill('la médiathèque ferme le lundi')
      await page.getByLabel('Confirmez le mot de passe').fill('la médiathèque ferme le lundi')
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
      await page.getByText('Votre mot de passe est enregistré').waitFor()
      await page.getByLabel('Adresse e-mail professionnelle').fill('ines.robert@ville.example')
      await page.getByLabel('Mot de passe').fill('la médiathèque ferme le lundi')
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await expectHeading(page, 'Bonjour Inès Robert')

      await page.goto(appUrl('/agents/admin'))
      await expectHeading(page, 'Accès refusé')
    })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/mot-de-passe-oublie'))
      await assertAccessible(page, 'agents forgot password')
      await page.goto(appUrl('/agents/mot-de-passe/1?empreinte=x&signature=y'))
      await assertAccessible(page, 'invalid password link')
    })
  })
})

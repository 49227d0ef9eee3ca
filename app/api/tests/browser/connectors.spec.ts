import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import CreateApiClient from '#api/actions/create_api_client'
import PostMessage from '#demands/actions/post_message'
import { Worker } from '#jobs/worker'
import { submittedDemand } from '#api/tests/support/api'
import { startReceiver } from '#api/tests/support/webhook_receiver'
import { clock } from '#core/clock'

test.group('Connectors in a browser', () => {
  test('an admin subscribes a webhook endpoint without JavaScript, reads its secret once, sees it stopped by a 410 and enables it again; every page is accessible, in French and in English', async ({
    browser,
  }) => {
    const admin = await createAgent({
      role: 'admin',
      email: 'alice@ville.example',
      services: ['accueil'],
    })
    await new CreateApiClient().handle(admin, {
      name: 'Logiciel de l’accueil',
      scopes: ['demands:read'],
      services: ['accueil'],
      rateLimit: 60,
    })
    const receiver = await startReceiver(() => 410)
    try {
      await withoutJavaScript(browser, async (page) => {
        await page.goto(appUrl('/agents/connexion'))
        await page.getByLabel('Adresse e-mail professionnelle').fill('alice@ville.example')
        await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
        await page.getByRole('button', { name: 'Se connecter' }).click()

        await page.goto(appUrl('/agents/admin'))
        await page.getByRole('link', { name: 'Connecteurs' }).click()
        await expectHeading(page, 'Connecteurs')
        await assertAccessible(page, 'connectors, no endpoint yet')

        await page.getByRole('link', { name: 'Nouvelle adresse de réception' }).click()
        await expectHeading(page, 'Nouvelle adresse de réception')
        await page.getByLabel('Adresse de réception').fill('ftp://logiciel.example.org')
        await page.getByRole('button', { name: 'Ajouter l’adresse et créer son secret' }).click()
        await page
          .getByRole('link', { name: 'Saisissez une adresse web complète' })
          .first()
          .waitFor()
        await assertAccessible(page, 'webhook form with errors')

        await page.getByLabel('Client d’API').selectOption({ label: 'Logiciel de l’accueil' })
        await page.getByLabel('Adresse de réception').fill(receiver.url)
        await page.getByLabel(/^demand\.message_posted/).check()
        await page.getByRole('button', { name: 'Ajouter l’adresse et créer son secret' }).click()
        await expectHeading(page, 'Secret de signature')
        const secret = await page.getByLabel('Secret de signature').inputValue()
        if (!secret.startsWith('whsec_')) throw new Error(`Unexpected secret ${secret}`)
        await assertAccessible(page, 'secret shown once')

        const demand = await submittedDemand('accueil')
        await new PostMessage().handle({
          demandId: demand.id,
          author: { kind: 'agent', id: admin.id },
          body: 'Bonjour',
        })
        await new Worker({ queues: ['webhooks'] }).runOnce(clock.now(), 'webhooks')
        receiver.verify(receiver.received[0], secret)

        await page.getByRole('link', { name: 'Retour à l’adresse de réception' }).click()
        await expectHeading(page, 'Adresse de réception de webhooks')
        await page.getByText('Désactivée : le logiciel a répondu « 410 Gone »').waitFor()
        await assertAccessible(page, 'endpoint disabled by a 410, with its deliveries')

        await page.goto(appUrl('/agents/admin/connecteurs'))
        await page.getByRole('cell', { name: /Désactivée/ }).waitFor()
        await assertAccessible(page, 'connectors with a disabled endpoint')

        await page.getByRole('link', { name: receiver.url }).click()
        await page.getByRole('button', { name: 'Réactiver l’adresse' }).click()
        await page.getByText('L’adresse est réactivée.').waitFor()
        await assertAccessible(page, 'endpoint enabled again')

        await page.getByRole('link', { name: /EN/ }).click()
        await expectHeading(page, 'Webhook receiving address')
        await assertAccessible(page, 'endpoint, in English')
        await page.goto(appUrl('/agents/admin/connecteurs'))
        await expectHeading(page, 'Connectors')
        await assertAccessible(page, 'connectors, in English')
        await page.goto(appUrl('/agents/admin/connecteurs/webhooks/nouveau'))
        await expectHeading(page, 'New receiving address')
        await assertAccessible(page, 'webhook form, in English')
      })
    } finally {
      await receiver.close()
    }
  })
})

import { test } from '@japa/runner'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { createAgenda } from '#tests/support/factories/appointments'

test.group('Agendas admin pages in the browser', () => {
  test('the agendas pages are accessible: list, meeting point with its hours, meeting type', async ({
    browser,
  }) => {
    await createAgent({ role: 'admin', email: 'agendas@ville.example', services: ['accueil'] })
    const { point, type } = await createAgenda({ desks: 2 })
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('agendas@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/agents/admin/agendas'))
      await expectHeading(page, 'Agendas')
      await assertAccessible(page, 'agendas')
      await page.getByRole('link', { name: point.name }).click()
      await expectHeading(page, point.name)
      await assertAccessible(page, 'meeting point')
      await page.goto(appUrl(`/agents/admin/agendas/types/${type.id}`))
      await assertAccessible(page, 'meeting type')
      await page.goto(appUrl('/agents/admin/agendas/lieux/nouveau'))
      await assertAccessible(page, 'new meeting point')
    })
  })
})

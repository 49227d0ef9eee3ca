import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { clock } from '#core/clock'
import db from '@adonisjs/lucid/services/db'
import { writeSetting } from '#core/services/settings'
import { mailbox } from '#tests/support/smtp'
import {
  authenticatorFrom,
  codeOf,
  enrolledAgent,
  qrSvgOf,
  readQrCode,
} from '#back_office/tests/support/second_factor'

async function typePassword(page: Page, email: string) {
  await page.goto(appUrl('/agents/connexion'))
  await page.getByLabel('Adresse e-mail professionnelle').fill(email)
  await page.getByLabel('Mot de passe').fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

async function expectDashboard(page: Page) {
  const heading = (await page.locator('h1').textContent())?.trim() ?? ''
  if (!heading.startsWith('Bonjour'))
    throw new Error(`Not the dashboard: "${heading}" at ${page.url()}`)
}

test.group('Agents’ second factor in a browser', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-07T09:00:01', { freeze: true })
  })

  test('an admin enrols by scanning the QR code and logs in with a code, without JavaScript; every page is accessible', async ({
    browser,
  }) => {
    const admin = await createAgent({
      role: 'admin',
      email: 'alice@ville.example',
      services: ['accueil'],
    })
    await withoutJavaScript(browser, async (page) => {
      await typePassword(page, 'alice@ville.example')
      await expectDashboard(page)
      await page
        .getByRole('link', { name: 'Gérer la double authentification de votre compte' })
        .click()
      await expectHeading(page, 'Double authentification')
      await assertAccessible(page, 'second factor status (off)')

      await page.getByRole('link', { name: 'Activer la double authentification' }).click()
      await expectHeading(page, 'Activer la double authentification')
      await assertAccessible(page, 'enrolment')
      const app = authenticatorFrom(await readQrCode(qrSvgOf(await page.content())))
      await page
        .getByLabel('Code affiché par l’application')
        .fill('000000' === codeOf(app) ? '111111' : '000000')
      await page.getByRole('button', { name: 'Activer la double authentification' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'enrolment with a wrong code')
      await page.getByLabel('Code affiché par l’application').fill(codeOf(app))
      await page.getByRole('button', { name: 'Activer la double authentification' }).click()
      await expectHeading(page, 'Vos codes de secours')
      await assertAccessible(page, 'recovery codes')
      const codes = await page.locator('ol.recovery-codes code').allTextContents()
      if (codes.length !== 10) throw new Error(`${codes.length} recovery codes shown`)
      await page.getByRole('link', { name: 'J’ai noté mes codes, continuer' }).click()
      await expectDashboard(page)

      await page.goto(appUrl('/agents/double-authentification'))
      await page.getByText('10 codes de secours restants').waitFor()
      await assertAccessible(page, 'second factor status (on)')
      await page.getByRole('button', { name: 'Se déconnecter' }).click()

      clock.travel({ seconds: 30 })
      await typePassword(page, 'alice@ville.example')
      await expectHeading(page, 'Code de vérification')
      await assertAccessible(page, 'code step of the login')
      await page.getByLabel('Code de vérification').fill(codes[0].toUpperCase().replace('-', 'X'))
      await page.getByRole('button', { name: 'Vérifier' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'code step with a wrong code')
      await page.getByLabel('Code de vérification').fill(codeOf(app))
      await page.getByLabel('Se souvenir de ce navigateur pendant 30 jours').check()
      await page.getByRole('button', { name: 'Vérifier' }).click()
      await expectDashboard(page)

      await page.goto(appUrl(`/agents/admin/agents/${admin.id}/modifier`))
      await page.getByRole('button', { name: 'Réinitialiser la double authentification' }).waitFor()
      await assertAccessible(page, 'agent page with the reset button')
      await page.goto(appUrl('/agents/admin/reglages'))
      await page.getByLabel('Double authentification des agents').selectOption('admins')
      await assertAccessible(page, 'settings with the second factor rule')
    })
  })

  test('where the city requires it, an agent enrols at login with the code mailed to them, without JavaScript; the page and its errors are accessible', async ({
    browser,
  }) => {
    await db.transaction((trx) =>
      writeSetting('back_office', 'secondFactorRequired', 'all', { updatedBy: null, client: trx })
    )
    await createAgent({ email: 'nouvelle.recrue@ville.example', services: ['accueil'] })
    await withoutJavaScript(browser, async (page) => {
      await typePassword(page, 'nouvelle.recrue@ville.example')
      await expectHeading(page, 'Activer la double authentification')
      await assertAccessible(page, 'enrolment at login')
      const mail = await mailbox.waitFor('nouvelle.recrue@ville.example', /code pour activer/)
      const mailed = (mail.text ?? '').match(/\b(\d{6})\b/)![1]
      const app = authenticatorFrom(await readQrCode(qrSvgOf(await page.content())))

      await page.getByLabel('Code reçu par e-mail').fill(mailed === '123456' ? '654321' : '123456')
      await page.getByLabel('Code affiché par l’application').fill(codeOf(app))
      await page.getByRole('button', { name: 'Activer la double authentification' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'enrolment at login with a wrong mailed code')

      // Scan the page drawn again, as the agent would.
      const again = authenticatorFrom(await readQrCode(qrSvgOf(await page.content())))
      await page.getByLabel('Code reçu par e-mail').fill(mailed)
      await page.getByLabel('Code affiché par l’application').fill(codeOf(again))
      await page.getByRole('button', { name: 'Activer la double authentification' }).click()
      await expectHeading(page, 'Vos codes de secours')
    })
  })

  test('an enrolled agent logs in with a recovery code, with JavaScript', async ({ browser }) => {
    const agent = await createAgent({ services: ['accueil'], email: 'hugo@ville.example' })
    const { recoveryCodes } = await enrolledAgent(agent)
    const context = await browser.newContext({ locale: 'fr-FR' })
    try {
      const page = await context.newPage()
      await typePassword(page, 'hugo@ville.example')
      await expectHeading(page, 'Code de vérification')
      await page.getByLabel('Code de vérification').fill(recoveryCodes[0])
      await page.getByRole('button', { name: 'Vérifier' }).click()
      await expectDashboard(page)
      await page.getByText('Il vous en reste 9.').waitFor()
      await assertAccessible(page, 'dashboard after a recovery code')
    } finally {
      await context.close()
    }
  })
})

import { test } from '@japa/runner'
import type { Page } from 'playwright-core'
import { appUrl, assertAccessible, expectHeading, runAxe } from '#tests/support/browser'
import { createResident } from '#tests/support/factories/accounts'
import { ANGELA, franceConnectFor } from '#tests/support/franceconnect'

/** The official DSFR markup: group, button with its two spans, the help link opening a new window. */
async function assertOfficialButton(page: Page, label: string) {
  const selectors = [
    '.fr-connect-group form button.fr-connect[type="submit"] > span.fr-connect__login + span.fr-connect__brand',
    '.fr-connect-group p > a[href="https://franceconnect.gouv.fr/"][target="_blank"][rel="noopener"][title="Qu’est-ce que FranceConnect ? - nouvelle fenêtre"]',
  ]
  for (const selector of selectors) {
    if ((await page.locator(selector).count()) !== 1)
      throw new Error(`${label}: the FranceConnect button lacks ${selector}`)
  }
  const login = (await page.locator('.fr-connect__login').textContent())?.trim()
  const brand = (await page.locator('.fr-connect__brand').textContent())?.trim()
  const help = (await page.locator('.fr-connect-group p > a').textContent())?.trim()
  if (
    login !== 'S’identifier avec' ||
    brand !== 'FranceConnect' ||
    help !== 'Qu’est-ce que FranceConnect ?'
  )
    throw new Error(`${label}: the button reads "${login} ${brand}" / "${help}"`)
  // Not restyled: DSFR's blue, and the logo served by the portal itself.
  const look = await page.evaluate(
    `(() => { const b = document.querySelector('.fr-connect'); return getComputedStyle(b).backgroundColor + ' ' + getComputedStyle(b, '::before').backgroundImage })()`
  )
  if (!String(look).startsWith('rgb(0, 0, 145) url("' + appUrl('/images/franceconnect.svg')))
    throw new Error(`${label}: the button looks like ${look}`)
}

test.group('FranceConnect in a browser', (group) => {
  let provider: Awaited<ReturnType<typeof franceConnectFor>>
  group.each.setup(async () => {
    provider = await franceConnectFor()
    return () => provider.stop()
  })

  test('a resident logs in with FranceConnect, finds their identity prefilled and locked, and logs out at both ends', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    try {
      const page = await context.newPage()
      await page.goto(appUrl('/inscription'))
      await assertOfficialButton(page, '/inscription')
      await assertAccessible(page, 'registration with FranceConnect')

      await page.goto(appUrl('/connexion'))
      await assertOfficialButton(page, '/connexion')
      await assertAccessible(page, 'login with FranceConnect')
      await page.getByRole('button', { name: /S’identifier avec\s*FranceConnect/ }).click()

      await page.waitForURL((url) => url.href.startsWith(provider.simulator.issuer))
      await expectHeading(page, 'Choisissez une identité')
      await runAxe(page, 'the local FranceConnect login page')
      await page.getByLabel(/Angela Claire Louise DUBOIS/).check()
      await page.getByRole('button', { name: 'Se connecter' }).click()

      await page.waitForURL(appUrl('/mon-espace'))
      await expectHeading(page, 'Bonjour Angela Claire Louise DUBOIS')
      await page
        .getByText('Votre compte est créé avec l’identité transmise par FranceConnect')
        .waitFor()
      await assertAccessible(page, 'dashboard after the first FranceConnect login')

      await page.goto(appUrl('/mon-espace/profil'))
      await page.getByText('Identité vérifiée par FranceConnect').waitFor()
      for (const [id, value] of [
        ['firstName', ANGELA.given_name],
        ['lastName', ANGELA.family_name],
        ['birthDate', ANGELA.birthdate],
      ]) {
        const field = page.locator(`#${id}`)
        const locked = (await field.getAttribute('readonly')) !== null
        if ((await field.inputValue()) !== value || !locked)
          throw new Error(`${id} should read ${value}, locked`)
      }
      await assertAccessible(page, 'profile verified by FranceConnect')
      await page.getByRole('link', { name: 'Gérer le lien avec FranceConnect' }).click()
      await expectHeading(page, 'FranceConnect')
      await assertAccessible(page, 'FranceConnect link of the profile')

      await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click()
      await page.waitForURL((url) =>
        url.href.startsWith(`${provider.simulator.issuer}/session/end`)
      )
      await runAxe(page, 'the local FranceConnect logout page')
      await page.getByRole('button', { name: 'Se déconnecter de FranceConnect' }).click()
      await page.waitForURL(appUrl('/'))
      await page.getByText('Vous êtes déconnecté du portail et de FranceConnect').waitFor()
      if (provider.simulator.logouts.length !== 1)
        throw new Error('FranceConnect’s end-session endpoint was not called')
      await page.goto(appUrl('/mon-espace'))
      await expectHeading(page, 'Se connecter')
    } finally {
      await context.close()
    }
  })

  test('the error and "address already used" pages have no axe-core violation', async ({
    browser,
  }) => {
    await createResident({ email: ANGELA.email })
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    try {
      const page = await context.newPage()
      await page.goto(appUrl('/franceconnect/retour?code=replayed&state=nothing'))
      await expectHeading(page, 'La connexion avec FranceConnect n’a pas abouti')
      await assertAccessible(page, 'FranceConnect error page')

      await page.goto(appUrl('/connexion'))
      await page.getByRole('button', { name: /S’identifier avec\s*FranceConnect/ }).click()
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.waitForURL((url) => url.pathname === '/franceconnect/retour')
      await expectHeading(page, 'Un compte existe déjà avec cette adresse')
      await assertAccessible(page, 'FranceConnect identity with a taken address')
    } finally {
      await context.close()
    }
  })
})

import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import AuditEntry from '#accounts/models/audit_entry'
import { clock } from '#core/clock'
import Demand from '#demands/models/demand'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { FILES, fixtureFile } from '#tests/support/factories/demands'
import Mandate from '#mediation/models/mandate'
import Registration from '../../models/registration.js'
import { family, wednesdayActivity } from '../support.js'

async function residentLogsIn(page: Page, email: string) {
  await page.goto(appUrl('/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

async function agentLogsIn(page: Page, email: string) {
  await page.goto(appUrl('/agents/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

async function mediatorNadia() {
  const nadia = await createAgent({ services: ['mediation'], email: 'nadia@ville.example' })
  nadia.merge({ firstName: 'Nadia', lastName: 'Benali' })
  await nadia.save()
  return nadia
}

/** Two people at once, each in their own browser without JavaScript: the resident at home, the mediator at the counter. */
async function twoWindows(
  browser: Browser,
  journey: (resident: Page, mediator: Page) => Promise<void>
) {
  await withoutJavaScript(browser, (resident) =>
    withoutJavaScript(browser, (mediator) => journey(resident, mediator))
  )
}

test.group('Digital mediation for childhood, in the browser without JavaScript', () => {
  test('a resident mandates a mediator for childhood for 3 months; the mediator registers her child, which her timeline shows “par Nadia Benali pour vous”; social demands stay closed; after revocation the mediator sees nothing; the audit lists it all', async ({
    browser,
    assert,
  }) => {
    const { user, ines } = await family('sofia@example.org')
    const { session } = await wednesdayActivity({ capacity: 4 })
    const nadia = await mediatorNadia()
    const social = await Demand.create({
      procedureKey: 'aide-ponctuelle',
      serviceSlug: 'solidarites',
      state: 'submitted',
      origin: 'web',
      userId: user.id,
      answers: {},
      currentStep: 0,
      reference: 'SOL-2026-000001',
      submittedAt: clock.now(),
    })

    await twoWindows(browser, async (resident, mediator) => {
      await residentLogsIn(resident, 'sofia@example.org')
      await resident.goto(appUrl('/mon-espace/mandats'))
      await expectHeading(resident, 'Mes mandats de médiation')
      await assertAccessible(resident, 'mandates (empty)')
      await resident.getByRole('link', { name: 'Donner un mandat' }).click()
      await assertAccessible(resident, 'grant a mandate')
      await resident.getByLabel('Nadia Benali').check()
      await resident.getByLabel('Enfance').check()
      await resident.getByLabel('Durée (en mois)').fill('3')
      await resident.getByRole('button', { name: 'Donner le mandat' }).click()
      await resident.getByText('Votre mandat est enregistré').waitFor()
      await assertAccessible(resident, 'mandates (one)')
      const mandate = await Mandate.firstOrFail()
      assert.deepEqual(mandate.scope, ['childhood'])
      assert.equal(mandate.endsAt.toISODate(), mandate.startsAt.plus({ months: 3 }).toISODate())

      await agentLogsIn(mediator, 'nadia@ville.example')
      await mediator.goto(appUrl('/agents/mediation'))
      await expectHeading(mediator, 'Médiation numérique')
      await assertAccessible(mediator, 'mediator’s residents')
      await mediator.getByRole('button', { name: 'Agir pour Sofia Martin' }).click()
      await mediator.getByText('Vous agissez pour Sofia Martin').waitFor()
      await assertAccessible(mediator, 'resident space, acting for')
      await mediator.goto(appUrl('/enfance/activites'))
      await mediator.getByLabel('Enfant').selectOption(String(ines.id))
      await mediator.getByLabel(/Mercredi prochain/).check()
      await mediator.getByRole('button', { name: 'Inscrire à « Mercredis sportifs »' }).click()
      await mediator.getByText('votre enfant a une place').waitFor()
      await mediator.getByText('Vous agissez pour Sofia Martin').waitFor()
      const registration = await Registration.query().where('sessionId', session.id).firstOrFail()
      assert.equal(registration.householdMemberId, ines.id)

      const closed = await mediator.goto(appUrl(`/mon-espace/demandes/${social.id}`))
      assert.equal(closed!.status(), 404)
      const profile = await mediator.goto(appUrl('/mon-espace/profil'))
      assert.equal(profile!.status(), 404)

      await resident.goto(appUrl('/mon-espace'))
      await resident.getByText('par Nadia Benali pour vous').waitFor()
      await assertAccessible(resident, 'resident’s timeline with the mediator’s action')

      await resident.goto(appUrl('/mon-espace/mandats'))
      await resident.getByRole('button', { name: 'Révoquer — Nadia Benali' }).click()
      await resident.getByText('Le mandat est révoqué').waitFor()
      await mandate.refresh()
      assert.isNotNull(mandate.revokedAt)

      await mediator.goto(appUrl('/enfance/activites'))
      await mediator.getByText('Le mandat ne vous permet plus d’agir').waitFor()
      await expectHeading(mediator, 'Médiation numérique')
      await mediator.getByText('Aucun usager ne vous a donné de mandat en cours.').waitFor()
      assert.equal(await mediator.getByText('Vous agissez pour').count(), 0)
      const after = await mediator.goto(appUrl('/enfance'))
      assert.match(new URL(after!.url()).pathname, /^\/connexion/)
    })

    const actions = (await AuditEntry.query().where('actedForUserId', user.id).orderBy('id')).map(
      (entry) => entry.action
    )
    assert.deepEqual(actions, [
      'mediation.mandate_granted',
      'mediation.session_started',
      'mediation.acted',
      'mediation.refused',
      'mediation.refused',
      'mediation.mandate_revoked',
      'mediation.session_ended',
    ])
    const acted = await AuditEntry.findByOrFail('action', 'mediation.acted')
    assert.equal(acted.agentId, nadia.id)
    assert.equal(acted.detail, 'POST /enfance/inscriptions')
  })

  test('the mediator’s other pages are accessible: paper mandate, postal-only registration, printable letter', async ({
    browser,
    assert,
  }) => {
    await family('papier@example.org')
    await mediatorNadia()
    const scan = await fixtureFile('mandat-signe.pdf', FILES.pdf)
    await withoutJavaScript(browser, async (page) => {
      await agentLogsIn(page, 'nadia@ville.example')
      await page.goto(appUrl('/agents/mediation'))
      await page.getByRole('link', { name: 'Enregistrer un mandat papier' }).click()
      await assertAccessible(page, 'paper mandate form')
      await page.getByRole('button', { name: 'Enregistrer le mandat' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'paper mandate form with errors')
      await page.getByLabel('Adresse e-mail ou numéro d’usager').fill('papier@example.org')
      await page.getByLabel('Enfance').check()
      await page.getByLabel('Durée (en mois)').fill('6')
      await page.getByLabel('Mandat signé, numérisé').setInputFiles(scan)
      await page.getByRole('button', { name: 'Enregistrer le mandat' }).click()
      await page.getByText('Le mandat papier est enregistré.').waitFor()
      await page.getByRole('button', { name: 'Agir pour Sofia Martin' }).waitFor()

      await page.getByRole('link', { name: 'Inscrire un usager sans e-mail' }).click()
      await assertAccessible(page, 'postal-only registration')
      await page.getByLabel('Prénom').fill('Jeanne')
      await page.getByLabel('Nom', { exact: true }).fill('Lefèvre')
      await page.getByLabel('Adresse', { exact: true }).fill('3 rue des Tilleuls')
      await page.getByLabel('Code postal').fill('91000')
      await page.getByLabel('Commune').fill('Évry-Courcouronnes')
      await page.getByRole('button', { name: 'Inscrire l’usager' }).click()
      await expectHeading(page, 'Accusé de réception : création de votre compte')
      await assertAccessible(page, 'printable letter')
    })
    assert.equal((await Mandate.firstOrFail()).channel, 'paper')
  })

  test('in English, the resident’s and the mediator’s pages are accessible and translated', async ({
    browser,
  }) => {
    const { user } = await family('english@example.org')
    const nadia = await mediatorNadia()
    const now = clock.now()
    await Mandate.create({
      userId: user.id,
      agentId: nadia.id,
      scope: ['childhood'],
      channel: 'online',
      startsAt: now,
      endsAt: now.plus({ months: 3 }),
      revokedAt: null,
      revokedBy: null,
    })
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' })
    try {
      const page = await context.newPage()
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('E-mail address').fill('english@example.org')
      await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.goto(appUrl('/mon-espace/mandats'))
      await expectHeading(page, 'My mediation mandates')
      await assertAccessible(page, 'mandates (English)')
      await page.goto(appUrl('/mon-espace/mandats/nouveau'))
      await assertAccessible(page, 'grant a mandate (English)')

      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('E-mail address').fill('nadia@ville.example')
      await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.goto(appUrl('/agents/mediation'))
      await expectHeading(page, 'Digital mediation')
      await assertAccessible(page, 'mediator’s residents (English)')
      await page.getByRole('button', { name: 'Act for Sofia Martin' }).click()
      await page.getByText('You are acting for Sofia Martin').waitFor()
      await assertAccessible(page, 'acting for (English)')
      await page.getByRole('button', { name: 'End' }).click()
      await expectHeading(page, 'Digital mediation')
      await page.goto(appUrl('/agents/mediation/mandats/nouveau'))
      await assertAccessible(page, 'paper mandate (English)')
      await page.goto(appUrl('/agents/mediation/usagers/nouveau'))
      await assertAccessible(page, 'postal-only registration (English)')
    } finally {
      await context.close()
    }
  })
})

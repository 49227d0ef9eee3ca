import { test } from '@japa/runner'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { FILES } from '#tests/support/factories/demands'
import Demand from '#demands/models/demand'

async function proofFile() {
  const dir = app.makePath('tmp', 'test-uploads')
  await mkdir(dir, { recursive: true })
  const path = join(dir, 'avis-imposition.pdf')
  await writeFile(path, FILES.pdf)
  return path
}

test.group('Aid requests in the browser, without JavaScript', () => {
  test('a resident files an aid request with a proof, the social service grants it at a commission, the resident downloads the letter; every page is accessible', async ({
    browser,
    assert,
  }) => {
    await createResident({ email: 'aide@example.org', firstName: 'Nadia', lastName: 'Benali' })
    await createAgent({
      email: 'ccas@ville.example',
      services: ['solidarites'],
      permissions: ['social.aid.decide'],
    })
    const proof = await proofFile()
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('aide@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/solidarites'))
      await page.getByRole('link', { name: 'Demandes d’aide ponctuelle' }).click()
      await expectHeading(page, 'Aides ponctuelles')
      await assertAccessible(page, 'aid requests, none yet')
      await page.getByRole('link', { name: 'Faire une demande d’aide' }).click()
      await page.getByRole('button', { name: 'Commencer la démarche' }).click()
      await expectHeading(page, 'Votre besoin')
      await page.getByLabel('Alimentation').check()
      await page.getByLabel('Décrivez votre situation').fill('Perte d’emploi en septembre.')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Votre foyer et ses ressources')
      await page.getByLabel('Nombre d’adultes dans le foyer').fill('1')
      await page.getByLabel('Nombre d’enfants dans le foyer').fill('2')
      await page.getByLabel('Ressources mensuelles du foyer').fill('950')
      await page.getByLabel('Charges mensuelles du foyer (loyer, énergie, crédits)').fill('720')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Justificatifs et consentement')
      await page.getByLabel('Justificatifs (ressources, factures, quittance)').setInputFiles(proof)
      await page.getByLabel('J’accepte que le CCAS traite ces données').check()
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vérification')
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await expectHeading(page, 'Votre demande a bien été envoyée')
    })
    const demand = await Demand.query().where('procedureKey', 'aide-ponctuelle').firstOrFail()
    assert.equal(demand.state, 'submitted')

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/agents/connexion'))
      await page.getByLabel('Adresse e-mail').fill('ccas@ville.example')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl(`/agents/demandes/${demand.id}`))
      await page.getByRole('button', { name: 'Commencer l’examen' }).click()
      await page.goto(appUrl('/agents/solidarites'))
      await page.getByRole('link', { name: 'Demandes d’aide' }).click()
      await expectHeading(page, 'Demandes d’aide')
      await assertAccessible(page, 'agents’ aid list')
      await page.getByRole('link', { name: demand.reference! }).click()
      await assertAccessible(page, 'aid request, commission form')
      await page.getByLabel('Date de la commission').fill('2026-12-15')
      await page.getByRole('button', { name: 'Présenter en commission' }).click()
      await page.getByText('Commission du 15/12/2026').waitFor()
      await assertAccessible(page, 'aid request, decision form')
      await page.getByRole('button', { name: 'Enregistrer la décision' }).click()
      await assertAccessible(page, 'decision refused, errors shown')
      await page.getByLabel('Aide accordée').check()
      await page.getByLabel('Montant accordé (euros)').fill('150')
      await page.getByRole('button', { name: 'Enregistrer la décision' }).click()
      await page.getByText('Aide accordée : 150,00').waitFor()
    })

    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/connexion'))
      await page.getByLabel('Adresse e-mail').fill('aide@example.org')
      await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: 'Se connecter' }).click()
      await page.goto(appUrl('/solidarites/aides'))
      await page.getByRole('cell', { name: 'Aide accordée' }).waitFor()
      await assertAccessible(page, 'aid requests, one granted')
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /Télécharger le courrier de décision/ }).click(),
      ])
      const pdf = await readFile((await download.path())!)
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    })
  })
})

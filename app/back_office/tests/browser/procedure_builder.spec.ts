import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import Demand from '#demands/models/demand'
import BuiltProcedure from '#demands/models/built_procedure'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import {
  createAgent,
  createResident,
  createService,
  GOOD_PASSWORD,
} from '#tests/support/factories/accounts'
import { FILES, fixtureFile } from '#tests/support/factories/demands'
import { DOCUMENT_FORMAT } from '#demands/procedures/built/document'

const TITLE = 'Réservation de salle municipale'

async function logInAgent(page: Page, email: string) {
  await page.goto(appUrl('/agents/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

async function logInResident(page: Page, email: string) {
  await page.goto(appUrl('/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

/** Adds a field to a step from the builder's page and opens its edit form. */
async function addField(page: Page, step: string, label: string, type: string) {
  const section = page.getByRole('region', { name: step })
  await section.getByLabel('Libellé du nouveau champ').fill(label)
  await section.getByLabel('Type du nouveau champ').selectOption({ label: type })
  await section.getByRole('button', { name: 'Ajouter le champ' }).click()
  await expectHeading(page, `Champ « ${label} »`)
}

/** The admin builds the room booking, every page checked with axe, and publishes it. */
async function buildAndPublish(page: Page) {
  await page.goto(appUrl('/agents/admin'))
  await page.getByRole('link', { name: 'Démarches sans code' }).click()
  await expectHeading(page, 'Démarches sans code')
  await assertAccessible(page, 'builder list')
  await page.getByRole('link', { name: 'Nouvelle démarche' }).click()
  await page.getByRole('button', { name: 'Créer la démarche' }).click()
  await page.locator('.error-summary').waitFor()
  await assertAccessible(page, 'new procedure with errors')
  await page.getByLabel('Adresse', { exact: true }).fill('reservation-salle')
  await page.getByLabel('Titre (français)').fill(TITLE)
  await page.getByLabel('Résumé (français)').fill('Réserver une salle de la ville.')
  await page.getByLabel('Rubrique du catalogue').selectOption({ label: 'Cadre de vie et voirie' })
  await page.getByLabel('Service qui traite la démarche').selectOption({ label: 'Vie associative' })
  await page.getByLabel('Un usager connecté à son compte').check()
  await page.getByRole('button', { name: 'Créer la démarche' }).click()
  await expectHeading(page, TITLE)
  await assertAccessible(page, 'procedure overview')

  for (const step of ['La salle', 'Votre association', 'Justificatif']) {
    await page.getByLabel('Titre de l’étape (français)').fill(step)
    await page.getByRole('button', { name: 'Ajouter une étape' }).click()
  }
  await addField(page, 'Étape 1 : La salle', 'Salle souhaitée', 'Choix unique')
  await assertAccessible(page, 'field form')
  await page.getByLabel('Réponse obligatoire').check()
  await page
    .getByLabel('Choix proposés')
    .fill('fetes = Salle des fêtes\nreunion = Salle de réunion')
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await addField(page, 'Étape 1 : La salle', 'Date de la réservation', 'Date')
  await page.getByLabel('Réponse obligatoire').check()
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await addField(page, 'Étape 2 : Votre association', 'Êtes-vous une association ?', 'Oui / non')
  await page.getByLabel('Réponse obligatoire').check()
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await addField(page, 'Étape 2 : Votre association', 'Nom de l’association', 'Texte court')
  await page.getByLabel('Réponse obligatoire').check()
  await page
    .getByLabel('Afficher selon le champ')
    .selectOption({ label: 'Êtes-vous une association ?' })
  await page.getByLabel(/^Condition /).selectOption('is')
  await page.getByLabel(/^Valeur /).fill('yes')
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await addField(page, 'Étape 3 : Justificatif', 'Attestation d’assurance', 'Fichier')
  await page.getByLabel('Réponse obligatoire').check()
  await page.getByLabel('JPEG').uncheck()
  await page.getByLabel('PNG').uncheck()
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await expectHeading(page, TITLE)
  await assertAccessible(page, 'procedure overview with fields')

  await page.getByRole('link', { name: 'Prévisualiser la démarche' }).click()
  await expectHeading(page, 'La salle')
  await assertAccessible(page, 'preview step 1')
  await page.getByRole('button', { name: 'Continuer' }).click()
  await expectHeading(page, 'Votre association')
  await assertAccessible(page, 'preview step 2')
  await page.getByRole('button', { name: 'Continuer' }).click()
  await expectHeading(page, 'Justificatif')
  await page.getByRole('button', { name: 'Continuer' }).click()
  await expectHeading(page, TITLE)
  await page.getByRole('button', { name: 'Publier' }).click()
  await page.getByText('Version 1 publiée.').waitFor()
  await assertAccessible(page, 'published procedure')
}

async function fileAsResident(browser: Browser) {
  const insurance = await fixtureFile('assurance.pdf', FILES.pdf)
  await withoutJavaScript(browser, async (page) => {
    await logInResident(page, 'nadia@example.org')
    await page.goto(appUrl('/demarches'))
    await page.getByRole('link', { name: TITLE }).click()
    await expectHeading(page, TITLE)
    await assertAccessible(page, 'built procedure start')
    await page.getByRole('button', { name: 'Commencer la démarche' }).click()
    await expectHeading(page, 'La salle')
    await assertAccessible(page, 'built step 1')
    await page.getByLabel('Salle des fêtes').check()
    await page.getByLabel('Date de la réservation').fill('2031-06-12')
    await page.getByRole('button', { name: 'Continuer' }).click()
    await expectHeading(page, 'Votre association')
    await page.getByLabel('Oui').check()
    await page.getByRole('button', { name: 'Continuer' }).click()
    await page.getByLabel('Nom de l’association').fill('Les Amis du Parc')
    await assertAccessible(page, 'built step 2 with the revealed question')
    await page.getByRole('button', { name: 'Continuer' }).click()
    await expectHeading(page, 'Justificatif')
    await page.getByLabel('Attestation d’assurance').setInputFiles(insurance)
    await page.getByRole('button', { name: 'Continuer' }).click()
    await expectHeading(page, 'Vérification')
    await assertAccessible(page, 'built review')
    await page.getByText('Les Amis du Parc').waitFor()
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
    await expectHeading(page, 'Votre demande a bien été envoyée')
    await assertAccessible(page, 'built receipt')
  })
}

test.group('Procedure builder in the browser', () => {
  test('without JavaScript: an admin builds, previews and publishes the room booking; a resident files it; an agent of its service processes it', async ({
    browser,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    await createAgent({ role: 'admin', email: 'alice@ville.example', services: ['accueil'] })
    await createAgent({ email: 'paul@ville.example', services: ['vie-associative'] })
    await createResident({ email: 'nadia@example.org' })

    await withoutJavaScript(browser, async (page) => {
      await logInAgent(page, 'alice@ville.example')
      await buildAndPublish(page)
    })
    await fileAsResident(browser)
    const demand = await Demand.query().where('procedureKey', 'reservation-salle').firstOrFail()
    assert.equal(demand.procedureVersion, 1)

    await withoutJavaScript(browser, async (page) => {
      await logInAgent(page, 'paul@ville.example')
      await page.goto(appUrl('/agents/demandes'))
      await page.getByRole('link', { name: demand.reference! }).click()
      await page.getByText('Les Amis du Parc').waitFor()
      await assertAccessible(page, 'built demand in the inbox')
      await page.getByRole('button', { name: 'Prendre en charge' }).first().click()
    })
    await demand.refresh()
    assert.equal(demand.state, 'in_review')
  }).timeout(180_000)

  test('with JavaScript: moving a field down swaps it in place, and the order holds after reload', async ({
    browser,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    await createAgent({ role: 'admin', email: 'alice@ville.example', services: ['accueil'] })
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })
    const page = await context.newPage()
    try {
      await logInAgent(page, 'alice@ville.example')
      await page.goto(appUrl('/agents/admin/demarches/nouvelle'))
      await page.getByLabel('Adresse', { exact: true }).fill('reservation-salle')
      await page.getByLabel('Titre (français)').fill(TITLE)
      await page.getByLabel('Résumé (français)').fill('Réserver une salle de la ville.')
      await page
        .getByLabel('Rubrique du catalogue')
        .selectOption({ label: 'Cadre de vie et voirie' })
      await page
        .getByLabel('Service qui traite la démarche')
        .selectOption({ label: 'Vie associative' })
      await page.getByRole('button', { name: 'Créer la démarche' }).click()
      // The builder's other pages: a preview with nothing to show yet, the settings, an import refused.
      const overview = page.url()
      await page.goto(`${overview}/apercu/1`)
      await expectHeading(page, 'Prévisualiser la démarche')
      await assertAccessible(page, 'preview refused')
      await page.goto(`${overview}/reglages`)
      await expectHeading(page, 'Réglages de la démarche')
      await assertAccessible(page, 'procedure settings')
      await page.goto(appUrl('/agents/admin/demarches'))
      await page.getByRole('button', { name: 'Importer' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'import refused')
      await page.goto(overview)
      await page.getByLabel('Titre de l’étape (français)').fill('La salle')
      await page.getByRole('button', { name: 'Ajouter une étape' }).click()
      for (const [label, type] of [
        ['Salle souhaitée', 'Texte court'],
        ['Date de la réservation', 'Date'],
      ]) {
        await addField(page, 'Étape 1 : La salle', label, type)
        await page.getByRole('button', { name: 'Enregistrer' }).click()
      }
      const url = page.url().split('#')[0]
      const names = () => page.locator('.builder-fields li > strong').allTextContents()
      assert.deepEqual(await names(), ['Salle souhaitée', 'Date de la réservation'])

      await page.evaluate('window.__notReloaded = true')
      await page.getByRole('button', { name: 'Descendre « Salle souhaitée »' }).click()
      await page.getByRole('button', { name: 'Monter « Salle souhaitée »' }).waitFor()
      assert.deepEqual(await names(), ['Date de la réservation', 'Salle souhaitée'])
      assert.isTrue(await page.evaluate('window.__notReloaded === true'))
      await assertAccessible(page, 'overview after an in-place move')

      await page.goto(url)
      assert.deepEqual(await names(), ['Date de la réservation', 'Salle souhaitée'])
      const built = await BuiltProcedure.findByOrFail('key', 'reservation-salle')
      assert.deepEqual(
        built.draft.steps[0].fields.map((field) => field.name),
        ['date_de_la_reservation', 'salle_souhaitee']
      )
    } finally {
      await context.close()
    }
  }).timeout(120_000)

  test('without JavaScript: an admin draws a procedure’s own workflow from the default one, one state and one action at a time', async ({
    browser,
    assert,
  }) => {
    await createAgent({ role: 'admin', email: 'alice@ville.example', services: ['accueil'] })
    const built = await BuiltProcedure.create({
      key: 'pret-de-materiel',
      publishedVersion: null,
      listed: false,
      revision: 0,
      draft: {
        format: DOCUMENT_FORMAT,
        key: 'pret-de-materiel',
        title: { fr: 'Prêt de matériel' },
        summary: { fr: 'Emprunter des tables et des chaises.' },
        category: 'other',
        service: 'accueil',
        filer: 'resident',
        slaDays: 10,
        retentionMonths: 12,
        steps: [
          {
            key: 'besoin',
            title: { fr: 'Votre besoin' },
            fields: [{ name: 'quoi', type: 'text', label: { fr: 'Quoi ?' } }],
          },
        ],
      },
    })
    await withoutJavaScript(browser, async (page) => {
      await logInAgent(page, 'alice@ville.example')
      await page.goto(appUrl(`/agents/admin/demarches/${built.id}`))
      await expectHeading(page, 'Prêt de matériel')
      await page.getByLabel(/^Circuit personnalisé/).check()
      await page.getByRole('button', { name: 'Choisir ce circuit' }).click()
      await page.getByRole('heading', { name: 'États' }).waitFor()
      await assertAccessible(page, 'procedure overview with its own workflow')

      await page.getByRole('link', { name: 'Ajouter un état' }).click()
      await expectHeading(page, 'Ajouter un état')
      await assertAccessible(page, 'new workflow state')
      await page.getByRole('button', { name: 'Ajouter un état' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'new workflow state with errors')
      await page.getByLabel('Libellé de l’état (français)').fill('Matériel prêté')
      await page.getByLabel('État de clôture').check()
      await page.getByRole('button', { name: 'Ajouter un état' }).click()
      await expectHeading(page, 'Prêt de matériel')

      await page.getByRole('link', { name: 'Modifier « En instruction »' }).click()
      await expectHeading(page, 'État « En instruction »')
      await assertAccessible(page, 'workflow state form')
      await page.getByRole('link', { name: 'Annuler' }).click()

      await page.getByRole('link', { name: 'Ajouter une action' }).click()
      await expectHeading(page, 'Ajouter une action')
      await assertAccessible(page, 'new workflow action')
      await page.getByRole('button', { name: 'Ajouter une action' }).click()
      await page.locator('.error-summary').waitFor()
      await assertAccessible(page, 'new workflow action with errors')
      await page.getByLabel('Libellé de l’action (français)').fill('Prêter le matériel')
      await page
        .getByRole('group', { name: 'Depuis les états' })
        .getByLabel('En instruction')
        .check()
      await page.getByLabel('Vers l’état').selectOption({ label: 'Matériel prêté' })
      await page.getByLabel('Prévenir l’usager par courriel').check()
      await page.getByRole('button', { name: 'Ajouter une action' }).click()
      await expectHeading(page, 'Prêt de matériel')

      await page.getByRole('link', { name: 'Modifier « Prêter le matériel »' }).click()
      await expectHeading(page, 'Action « Prêter le matériel »')
      await assertAccessible(page, 'workflow action form')
    })
    await built.refresh()
    const workflow = built.draft.workflow as { transitions: { key: string; to: string }[] }
    assert.deepInclude(
      workflow.transitions.map(({ key, to }) => ({ key, to })),
      { key: 'preter_le_materiel', to: 'materiel_prete' }
    )
  }).timeout(120_000)
})

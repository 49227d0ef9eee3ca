import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import Demand from '#demands/models/demand'
import { appUrl, assertAccessible, expectHeading, withoutJavaScript } from '#tests/support/browser'
import { mailbox } from '#tests/support/smtp'
import { createAgent, createResident, GOOD_PASSWORD } from '#tests/support/factories/accounts'
import { FILES, fileThreeStepDemand, fixtureFile } from '#tests/support/factories/demands'

async function logIn(page: Page, email: string) {
  await page.goto(appUrl('/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

async function logInAgent(page: Page, email: string) {
  await page.goto(appUrl('/agents/connexion'))
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

test.group('Filing a procedure in the browser', (group) => {
  group.each.setup(() => mailbox.clear())

  test('without JavaScript: three steps with a revealed question and a file, a pause after step 1, review, reference, mail and PDF', async ({
    browser,
    assert,
  }) => {
    await createResident({ email: 'nadia@example.org', firstName: 'Nadia', lastName: 'Haddad' })
    const scan = await fixtureFile('attestation.pdf', FILES.pdf)
    const fake = await fixtureFile('plan.svg', FILES.svg)

    await withoutJavaScript(browser, async (page) => {
      await logIn(page, 'nadia@example.org')
      await page.goto(appUrl('/demarches'))
      await assertAccessible(page, 'catalogue')
      await page.getByRole('link', { name: 'Demande d’essai en trois étapes' }).click()
      await expectHeading(page, 'Demande d’essai en trois étapes')
      await assertAccessible(page, 'procedure start')
      await page.getByRole('button', { name: 'Commencer la démarche' }).click()

      await expectHeading(page, 'Votre demande')
      await page.getByText('Étape 1 sur 4').waitFor()
      await assertAccessible(page, 'step 1')
      assert.isFalse(await page.getByLabel('Précisez l’objet').isVisible())
      await page.getByLabel('Autre').check()
      await page
        .getByLabel('Description')
        .fill('Un arbre penche dangereusement sur la rue des Lilas.')
      await page.getByRole('button', { name: 'Continuer' }).click()

      // The server shows the question the answer revealed, keeping what was typed.
      await page.getByText('Votre réponse appelle une question supplémentaire').waitFor()
      await assertAccessible(page, 'step 1 with the revealed question')
      assert.equal(
        await page.getByLabel('Description').inputValue(),
        'Un arbre penche dangereusement sur la rue des Lilas.'
      )
      await page.getByLabel('Précisez l’objet').fill('Arbre dangereux')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Pièces justificatives')

      // The resident leaves, and comes back through their space.
      await page.goto(appUrl('/mon-espace'))
      await page.getByRole('link', { name: 'Demande d’essai en trois étapes' }).click()
      await expectHeading(page, 'Pièces justificatives')
      await page.getByText('Étape 2 sur 4').waitFor()
      await page.goto(appUrl('/mon-espace/demandes'))
      await assertAccessible(page, 'my demands with a draft')
      await page.getByRole('link', { name: /Reprendre/ }).click()

      await page.getByLabel('Oui').check()
      await page.getByRole('button', { name: 'Continuer' }).click()
      await page.getByLabel('Document').waitFor()
      await page.getByLabel('Document').setInputFiles(fake)
      await page.getByRole('button', { name: 'Continuer' }).click()
      await page.locator('.error-summary').getByText('n’est pas au bon format').waitFor()
      await page
        .locator('.field__error')
        .getByText('« plan.svg » n’est pas au bon format')
        .waitFor()
      await assertAccessible(page, 'step 2 with a refused file')
      await page.getByLabel('Document').setInputFiles(scan)
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Confirmation')
      await assertAccessible(page, 'step 3')
      await page.getByLabel('J’accepte que mes données').check()
      await page.getByRole('button', { name: 'Continuer' }).click()

      await expectHeading(page, 'Vérification')
      await assertAccessible(page, 'review')
      await page.getByText('Arbre dangereux').waitFor()
      await page.getByRole('link', { name: 'attestation.pdf' }).waitFor()
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()

      await expectHeading(page, 'Votre demande a bien été envoyée')
      await assertAccessible(page, 'receipt')
      const reference = (await page.locator('.reference').textContent())!.trim()
      assert.match(reference, /^PRV-\d{4}-\d{6}$/)

      const mail = await mailbox.waitFor('nadia@example.org', /Accusé de réception/)
      assert.include(mail.text!, reference)

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger le récépissé (PDF)' }).click(),
      ])
      const pdf = await readFile((await download.path())!)
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
      assert.include(pdf.toString('latin1'), reference)

      await page.getByRole('link', { name: 'Suivre ma demande' }).click()
      await expectHeading(page, `Demande ${reference}`)
      await assertAccessible(page, 'my demand')
      await page.goto(appUrl('/mon-espace/notifications'))
      await assertAccessible(page, 'notifications')
    })
  })

  test('with JavaScript: the revealed question appears at once, without a round trip', async ({
    browser,
    assert,
  }) => {
    await createResident({ email: 'js@example.org' })
    const context = await browser.newContext({ locale: 'fr-FR' })
    try {
      const page = await context.newPage()
      await logIn(page, 'js@example.org')
      await page.goto(appUrl('/demarches/demande-essai'))
      await page.getByRole('button', { name: 'Commencer la démarche' }).click()
      await expectHeading(page, 'Votre demande')
      assert.isFalse(await page.getByLabel('Précisez l’objet').isVisible())
      await page.getByLabel('Autre').check()
      await page.getByLabel('Précisez l’objet').waitFor({ state: 'visible' })
      await page.getByLabel('Travaux').check()
      await page.getByLabel('Précisez l’objet').waitFor({ state: 'hidden' })
      await page.getByLabel('Autre').check()
      await page.getByLabel('Précisez l’objet').fill('Arbre')
      await page.getByLabel('Description').fill('Texte')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Pièces justificatives')

      // The resident gives up: the draft goes, after a confirmation page.
      await page.goto(appUrl('/mon-espace/demandes'))
      await page.getByRole('link', { name: 'Supprimer : Demande d’essai en trois étapes' }).click()
      await expectHeading(page, 'Supprimer le brouillon')
      await assertAccessible(page, 'draft deletion')
      await page.getByRole('button', { name: 'Supprimer le brouillon' }).click()
      await page.getByText('Le brouillon a été supprimé.').waitFor()
      assert.lengthOf(await Demand.query().where('state', 'draft'), 0)
    } finally {
      await context.close()
    }
  })

  test('a visitor without an account asks a question: contact details, review, receipt by mail', async ({
    browser,
    assert,
  }) => {
    await withoutJavaScript(browser, async (page) => {
      await page.goto(appUrl('/demarches/nous-contacter'))
      await page.getByRole('button', { name: 'Commencer sans compte' }).click()
      await expectHeading(page, 'Votre question')
      // The step the issue weighed at 41 KB: it loads htmx for its inline checks, and no Alpine.
      await assertAccessible(page, 'contact form')
      // Each step reads apart, with its number, for a screen reader as in the text of the page.
      const steps = (await page.locator('.stepper__steps').textContent())!
        .replace(/\s+/g, ' ')
        .trim()
      assert.equal(steps, '1. Votre question 2. Vos coordonnées 3. Vérification')
      assert.include(
        await page.locator('.stepper__steps').ariaSnapshot(),
        '- listitem: 2. Vos coordonnées'
      )
      await page.getByLabel('Sujet').selectOption('information')
      await page.getByLabel('Objet').fill('Horaires d’été')
      await page
        .getByLabel('Votre message')
        .fill('La mairie annexe ouvre-t-elle le samedi en août ?')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vos coordonnées')
      await assertAccessible(page, 'contact details')
      await page.getByLabel('Prénom').fill('Hugo')
      await page.getByLabel('Nom', { exact: true }).fill('Lemaire')
      await page.getByLabel('Adresse e-mail').fill('hugo@example.org')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Vérification')
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click()
      await expectHeading(page, 'Votre demande a bien été envoyée')
      await mailbox.waitFor('hugo@example.org', /Accusé de réception/)
    })
  })

  test('with JavaScript: a field is checked as soon as it changes (htmx, through its data-hx- attributes)', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'fr-FR' })
    try {
      const page = await context.newPage()
      await page.goto(appUrl('/demarches/nous-contacter'))
      await page.getByRole('button', { name: 'Commencer sans compte' }).click()
      await expectHeading(page, 'Votre question')
      await page.getByLabel('Sujet').selectOption('information')
      await page.getByLabel('Sujet').selectOption('')
      // The message comes from the server's validator, in the field's live region.
      await page
        .locator('[data-field="topic"] [data-inline-check]')
        .getByText('Renseignez le champ « Sujet »')
        .waitFor()
      await assertAccessible(page, 'contact form checked inline')
    } finally {
      await context.close()
    }
  })

  test('the agents’ pages are accessible: inbox, demand, bulk confirmation, counter mode, audit', async ({
    browser,
  }) => {
    const resident = await createResident()
    const demand = await fileThreeStepDemand(resident)
    await fileThreeStepDemand(resident)
    await createAgent({
      role: 'admin',
      email: 'chef@ville.example',
      services: ['urbanisme', 'accueil'],
    })
    await withoutJavaScript(browser, async (page) => {
      await logInAgent(page, 'chef@ville.example')
      await page.goto(appUrl('/agents/demandes'))
      await expectHeading(page, 'Demandes')
      await assertAccessible(page, 'inbox')
      await page.getByLabel('Rechercher').fill(demand.reference!)
      await page.getByRole('button', { name: 'Filtrer' }).click()
      await page.getByRole('link', { name: demand.reference! }).click()
      await assertAccessible(page, 'demand page')
      await page.getByRole('button', { name: 'Me l’attribuer' }).click()
      await page.getByText('L’attribution a été enregistrée.').waitFor()
      await page
        .getByLabel('Commentaire — Demander des informations')
        .fill('Merci de préciser l’adresse.')
      await page.getByRole('button', { name: 'Demander des informations' }).click()
      await page.getByText('Le statut de la demande a été mis à jour.').waitFor()
      await assertAccessible(page, 'demand page after a transition')

      await page.goto(appUrl('/agents/demandes'))
      await page.getByLabel(`Sélectionner ${demand.reference}`).check()
      await page.getByLabel('Action sur la sélection').selectOption('assign_me')
      await page.getByRole('button', { name: 'Continuer' }).click()
      await expectHeading(page, 'Confirmer l’action groupée')
      await assertAccessible(page, 'bulk confirmation')

      await page.goto(
        appUrl('/agents/demandes/nouvelle?q=' + encodeURIComponent(resident.lastName))
      )
      await expectHeading(page, 'Saisir une demande')
      await assertAccessible(page, 'counter search')
      await page.goto(appUrl('/agents/demandes/nouvelle/nous-contacter'))
      await expectHeading(page, 'Saisie : Nous contacter')
      await assertAccessible(page, 'counter form')
      await page.goto(appUrl('/agents/admin/audit'))
      await expectHeading(page, 'Journal d’accès')
      await page.getByRole('cell', { name: 'Demande consultée' }).first().waitFor()
      await assertAccessible(page, 'audit log')
    })
    const stored = await Demand.findOrFail(demand.id)
    if (stored.state !== 'needs_information')
      throw new Error(`Expected the demand to wait for information, got ${stored.state}`)
  })
})

import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import DemandEvent from '#demands/models/demand_event'
import { createResident } from '#tests/support/factories/accounts'
import { FILES, fileThreeStepDemand, fixtureFile } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'

const KEY = 'demande-essai'

test.group('Filing a procedure (without JavaScript)', (group) => {
  group.each.setup(() => mailbox.clear())

  test('a resident files the three steps, with a question revealed by an answer and a file, and gets a reference, a mail and a PDF', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ email: 'lea.martin@example.org', firstName: 'Léa' })
    const as = <T extends { withGuard(guard: 'web'): { loginAs(user: any): T } }>(request: T) =>
      request.withGuard('web').loginAs(user)

    const start = await as(client.post(`/demarches/${KEY}`).withCsrfToken()).redirects(0)
    start.assertStatus(303)
    const draft = await Demand.query().where('userId', user.id).firstOrFail()
    assert.equal(start.header('location'), `/demarches/${KEY}/${draft.id}/etape/1`)

    // Step 1: "Autre" reveals "Précisez l'objet", which was not on the page: the step comes back with it, no error.
    const revealed = await as(
      client
        .post(`/demarches/${KEY}/${draft.id}/etape/1`)
        .form({
          _shown: 'subject,description',
          subject: 'other',
          description: 'Un arbre penche sur la chaussée.',
        })
        .withCsrfToken()
    ).redirects(0)
    revealed.assertStatus(303)
    assert.equal(revealed.header('location'), `/demarches/${KEY}/${draft.id}/etape/1`)
    assert.deepEqual(inputErrors(revealed), {})
    const again = await as(
      client.get(`/demarches/${KEY}/${draft.id}/etape/1`).withSession({
        __flash__: {
          _shown: 'subject,description',
          subject: 'other',
          description: 'x',
          revealed: true,
        },
      })
    )
    again.assertStatus(200)
    again.assertTextIncludes('Précisez l’objet')
    again.assertTextIncludes('Étape 1 sur 4')

    const step1 = await as(
      client
        .post(`/demarches/${KEY}/${draft.id}/etape/1`)
        .form({
          _shown: 'subject,otherSubject,description',
          subject: 'other',
          otherSubject: 'Arbre dangereux',
          description: 'Un arbre penche sur la chaussée.',
        })
        .withCsrfToken()
    ).redirects(0)
    assert.equal(step1.header('location'), `/demarches/${KEY}/${draft.id}/etape/2`)

    const step2 = await as(
      client
        .post(`/demarches/${KEY}/${draft.id}/etape/2`)
        .field('_shown', 'hasDocument,document')
        .field('hasDocument', 'yes')
        .file('document', FILES.pdf, {
          filename: 'photo-arbre.pdf',
          contentType: 'application/pdf',
        })
        .withCsrfToken()
    ).redirects(0)
    assert.deepEqual(inputErrors(step2), {})
    assert.equal(step2.header('location'), `/demarches/${KEY}/${draft.id}/etape/3`)

    const step3 = await as(
      client
        .post(`/demarches/${KEY}/${draft.id}/etape/3`)
        .form({ _shown: 'phone,consent', phone: '06 12 34 56 78', consent: '1' })
        .withCsrfToken()
    ).redirects(0)
    assert.equal(step3.header('location'), `/demarches/${KEY}/${draft.id}/recapitulatif`)

    const review = await as(client.get(`/demarches/${KEY}/${draft.id}/recapitulatif`))
    review.assertStatus(200)
    review.assertTextIncludes('Arbre dangereux')
    review.assertTextIncludes('photo-arbre.pdf')
    review.assertTextIncludes(`/demarches/${KEY}/${draft.id}/etape/2`)

    const submitted = await as(
      client.post(`/demarches/${KEY}/${draft.id}/envoyer`).withCsrfToken()
    ).redirects(0)
    assert.equal(submitted.header('location'), `/demarches/${KEY}/${draft.id}/accuse-reception`)
    await draft.refresh()
    assert.match(draft.reference!, /^PRV-\d{4}-\d{6}$/)
    assert.equal(draft.state, 'submitted')
    assert.deepEqual(Object.keys(draft.answers).sort(), [
      'consent',
      'description',
      'document',
      'hasDocument',
      'otherSubject',
      'phone',
      'subject',
    ])

    const receipt = await as(client.get(`/demarches/${KEY}/${draft.id}/accuse-reception`))
    receipt.assertTextIncludes(draft.reference!)

    const mail = await mailbox.waitFor('lea.martin@example.org', /Accusé de réception/)
    assert.include(mail.subject!, draft.reference!)
    assert.include(mail.text!, draft.reference!)

    const pdf = await as(client.get(`/demarches/${KEY}/${draft.id}/recepisse.pdf`))
    pdf.assertStatus(200)
    pdf.assertHeader('content-type', 'application/pdf')
    const bytes: Buffer = pdf.body()
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
    // The reference is in the document's metadata (the page text is compressed).
    assert.include(bytes.toString('latin1'), draft.reference!)
  })

  test('a second click on "Envoyer" shows the receipt and does not file twice', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const demand = await fileThreeStepDemand(user)
    const again = await client
      .post(`/demarches/${KEY}/${demand.id}/envoyer`)
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(again.header('location'), `/demarches/${KEY}/${demand.id}/accuse-reception`)
    assert.lengthOf(
      await DemandEvent.query().where('demandId', demand.id).where('kind', 'submitted'),
      1
    )
  })

  test('a hidden conditional answer is dropped: answering "no" after attaching a file removes the file at submission', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    await client.post(`/demarches/${KEY}`).withGuard('web').loginAs(user).withCsrfToken()
    const draft = await Demand.query().where('userId', user.id).firstOrFail()
    const post = (step: number) =>
      client
        .post(`/demarches/${KEY}/${draft.id}/etape/${step}`)
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    await post(1).form({ _shown: 'subject,description', subject: 'works', description: 'Travaux' })
    await post(2)
      .field('_shown', 'hasDocument,document')
      .field('hasDocument', 'yes')
      .file('document', FILES.png, { filename: 'plan.png' })
    const file = await DemandFile.query().where('demandId', draft.id).firstOrFail()
    assert.isTrue(await drive.use().exists(file.storageKey))
    await post(2).form({ _shown: 'hasDocument', hasDocument: 'no' })
    await post(3).form({ _shown: 'phone,consent', consent: '1' })
    await client
      .post(`/demarches/${KEY}/${draft.id}/envoyer`)
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    await draft.refresh()
    assert.equal(draft.state, 'submitted')
    assert.notProperty(draft.answers, 'document')
    assert.lengthOf(await DemandFile.query().where('demandId', draft.id), 0)
    assert.isFalse(await drive.use().exists(file.storageKey))
  })
})

test.group('Filing: invalid input is refused and nothing is stored', (group) => {
  let user: Awaited<ReturnType<typeof createResident>>
  let draft: Demand

  group.each.setup(async () => {
    user = await createResident()
    draft = await Demand.create({
      procedureKey: KEY,
      serviceSlug: 'urbanisme',
      state: 'draft',
      origin: 'web',
      userId: user.id,
      applicantEmail: user.email,
      answers: { subject: 'works', description: 'Travaux' },
      currentStep: 1,
    })
  })

  const sendDocument = (client: any, path: string | Buffer, filename: string) =>
    client
      .post(`/demarches/${KEY}/${draft.id}/etape/2`)
      .field('_shown', 'hasDocument,document')
      .field('hasDocument', 'yes')
      .file('document', path, { filename })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)

  async function assertNothingStored(assert: any) {
    await draft.refresh()
    assert.equal(draft.currentStep, 1)
    assert.notProperty(draft.answers, 'hasDocument')
    assert.lengthOf(await DemandFile.query().where('demandId', draft.id), 0)
  }

  test('a missing required answer: French message for the field', async ({ client, assert }) => {
    const response = await client
      .post(`/demarches/${KEY}/${draft.id}/etape/2`)
      .form({ _shown: 'hasDocument' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      inputErrors(response).hasDocument[0],
      'Renseignez le champ « Avez-vous un document à joindre ? »'
    )
    await assertNothingStored(assert)
  })

  test('a required file left out', async ({ client, assert }) => {
    const response = await client
      .post(`/demarches/${KEY}/${draft.id}/etape/2`)
      .form({ _shown: 'hasDocument,document', hasDocument: 'yes' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(inputErrors(response).document[0], 'Ajoutez un fichier pour « Document »')
    await assertNothingStored(assert)
  })

  test('a 12 MB file, within what the step takes in all (2 files of 10 MB) but over 10 MB', async ({
    client,
    assert,
  }) => {
    const path = await fixtureFile('gros.pdf', { size: 12 * 1024 * 1024 })
    const response = await sendDocument(client, path, 'gros.pdf')
    assert.equal(inputErrors(response).document[0], 'Le fichier « gros.pdf » dépasse 10 Mo')
    await assertNothingStored(assert)
  })

  test('a 30 MB file, more than the step takes in all: refused before it is read, with the page that says so', async ({
    client,
    assert,
  }) => {
    const path = await fixtureFile('tres-gros.pdf', { size: 30 * 1024 * 1024 })
    const response = await sendDocument(client, path, 'tres-gros.pdf')
    response.assertStatus(413)
    response.assertTextIncludes('Fichier trop volumineux')
    await assertNothingStored(assert)
  })

  test('an .exe renamed .pdf', async ({ client, assert }) => {
    const response = await sendDocument(client, FILES.exe, 'facture.pdf')
    assert.equal(
      inputErrors(response).document[0],
      'Le fichier « facture.pdf » n’est pas au bon format : seuls les fichiers PDF, JPEG, PNG sont acceptés'
    )
    await assertNothingStored(assert)
  })

  test('an SVG image', async ({ client, assert }) => {
    const response = await sendDocument(client, FILES.svg, 'plan.svg')
    assert.match(inputErrors(response).document[0], /« plan\.svg » n’est pas au bon format/)
    await assertNothingStored(assert)
  })

  test('the step page shows the messages next to the field and in the summary', async ({
    client,
  }) => {
    const page = await client
      .get(`/demarches/${KEY}/${draft.id}/etape/2`)
      .withSession({
        __flash__: {
          _shown: 'hasDocument',
          inputErrorsBag: {
            hasDocument: ['Renseignez le champ « Avez-vous un document à joindre ? »'],
          },
        },
      })
      .withGuard('web')
      .loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Il y a un problème')
    page.assertTextIncludes('href="#hasDocument"')
    page.assertTextIncludes(
      '<span class="visually-hidden">Erreur :</span> Renseignez le champ « Avez-vous un document à joindre ? »'
    )
  })

  test('a step cannot be skipped, and a submitted demand is not a draft any more', async ({
    client,
    assert,
  }) => {
    const ahead = await client
      .get(`/demarches/${KEY}/${draft.id}/etape/3`)
      .withGuard('web')
      .loginAs(user)
      .redirects(0)
    assert.equal(ahead.header('location'), `/demarches/${KEY}/${draft.id}/etape/2`)
    const early = await client
      .post(`/demarches/${KEY}/${draft.id}/envoyer`)
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(early.header('location'), `/demarches/${KEY}/${draft.id}/etape/2`)
    await draft.refresh()
    assert.equal(draft.state, 'draft')
  })
})

test.group('Filing: one resident never reaches another one’s demands', () => {
  test('resident B gets 404 on resident A’s draft, demand, receipt and files', async ({
    client,
    assert,
  }) => {
    const alice = await createResident()
    const bob = await createResident()
    const filed = await fileThreeStepDemand(alice)
    const draft = await Demand.create({
      procedureKey: KEY,
      serviceSlug: 'urbanisme',
      state: 'draft',
      origin: 'web',
      userId: alice.id,
      answers: {},
      currentStep: 0,
    })
    const file = await DemandFile.create({
      demandId: filed.id,
      fieldName: 'document',
      originalName: 'a.pdf',
      storageKey: 'demands/x/a.pdf',
      mimeType: 'application/pdf',
      size: 10,
      uploadedBy: 'resident',
    })
    const urls = [
      `/demarches/${KEY}/${draft.id}/etape/1`,
      `/demarches/${KEY}/${draft.id}/recapitulatif`,
      `/demarches/${KEY}/${filed.id}/accuse-reception`,
      `/demarches/${KEY}/${filed.id}/recepisse.pdf`,
      `/mon-espace/demandes/${filed.id}`,
      `/mon-espace/demandes/${filed.id}/recepisse.pdf`,
      `/mon-espace/demandes/${filed.id}/fichiers/${file.id}`,
      `/mon-espace/brouillons/${draft.id}/supprimer`,
    ]
    for (const url of urls) {
      const response = await client.get(url).withGuard('web').loginAs(bob)
      assert.equal(response.status(), 404, url)
    }
    const post = await client
      .post(`/demarches/${KEY}/${draft.id}/etape/1`)
      .form({ subject: 'works', description: 'pirate' })
      .withGuard('web')
      .loginAs(bob)
      .withCsrfToken()
    post.assertStatus(404)
    const reply = await client
      .post(`/mon-espace/demandes/${filed.id}/messages`)
      .form({ body: 'pirate' })
      .withGuard('web')
      .loginAs(bob)
      .withCsrfToken()
    reply.assertStatus(404)
    await draft.refresh()
    assert.deepEqual(draft.answers, {})
    assert.lengthOf(
      await DemandEvent.query().where('demandId', filed.id).where('kind', 'message'),
      0
    )
  })

  test('a procedure for residents only sends a visitor to the login page; "Nous contacter" is open to anyone', async ({
    client,
    assert,
  }) => {
    const closed = await client.post(`/demarches/${KEY}`).withCsrfToken().redirects(0)
    assert.equal(closed.header('location'), '/connexion')
    const open = await client.post('/demarches/nous-contacter').withCsrfToken().redirects(0)
    assert.match(open.header('location') ?? '', /^\/demarches\/nous-contacter\/\d+\/etape\/1$/)
  })
})

import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import DemandEvent from '#demands/models/demand_event'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { FILES, fileThreeStepDemand } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'

const KEY = 'demande-essai'
const EMPTY = Buffer.alloc(0)

async function draftAtStep2() {
  const user = await createResident()
  const draft = await Demand.create({
    procedureKey: KEY,
    serviceSlug: 'urbanisme',
    state: 'draft',
    origin: 'web',
    userId: user.id,
    applicantEmail: user.email,
    answers: { subject: 'works', description: 'Travaux' },
    currentStep: 1,
  })
  return { user, draft }
}

/** The file name a download offers (the UTF-8 form, as browsers read it first). */
function offeredName(contentDisposition: string) {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(contentDisposition)?.[1]
  return encoded ? decodeURIComponent(encoded) : null
}

test.group(
  'Uploaded files are kept and given back as what they are, not as what they are called',
  () => {
    test('a PDF named facture.cmd is stored under .pdf and downloaded as facture.pdf, typed application/pdf', async ({
      client,
      assert,
    }) => {
      const { user, draft } = await draftAtStep2()
      await client
        .post(`/demarches/${KEY}/${draft.id}/etape/2`)
        .field('_shown', 'hasDocument,document')
        .field('hasDocument', 'yes')
        .file('document', FILES.pdf, { filename: 'facture.cmd' })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      const file = await DemandFile.query().where('demandId', draft.id).firstOrFail()
      assert.match(file.storageKey, /^demands\/\d+\/[0-9a-f-]{36}\.pdf$/)
      assert.equal(file.mimeType, 'application/pdf')

      const download = await client
        .get(`/demarches/${KEY}/${draft.id}/fichiers/${file.id}`)
        .withGuard('web')
        .loginAs(user)
      download.assertStatus(200)
      download.assertHeader('content-type', 'application/pdf')
      download.assertHeader('x-content-type-options', 'nosniff')
      const disposition = download.header('content-disposition')!
      assert.match(disposition, /^attachment; filename="facture\.pdf"; /)
      assert.equal(offeredName(disposition), 'facture.pdf')
      assert.notInclude(disposition, '.cmd')
    })

    test('an HTML page that starts like a PDF (polyglot.html) is downloaded as polyglot.pdf, never as a page', async ({
      client,
      assert,
    }) => {
      const { user, draft } = await draftAtStep2()
      const polyglot = Buffer.concat([
        FILES.pdf,
        Buffer.from('<html><script>alert(document.cookie)</script></html>'),
      ])
      await client
        .post(`/demarches/${KEY}/${draft.id}/etape/2`)
        .field('_shown', 'hasDocument,document')
        .field('hasDocument', 'yes')
        .file('document', polyglot, { filename: 'polyglot.html' })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      const file = await DemandFile.query().where('demandId', draft.id).firstOrFail()
      assert.isTrue(file.storageKey.endsWith('.pdf'))
      const download = await client
        .get(`/demarches/${KEY}/${draft.id}/fichiers/${file.id}`)
        .withGuard('web')
        .loginAs(user)
      download.assertHeader('content-type', 'application/pdf')
      assert.equal(offeredName(download.header('content-disposition')!), 'polyglot.pdf')
    })

    test('a name with quotes and accents comes back safe in Content-Disposition', async ({
      client,
      assert,
    }) => {
      const { user, draft } = await draftAtStep2()
      await client
        .post(`/demarches/${KEY}/${draft.id}/etape/2`)
        .field('_shown', 'hasDocument,document')
        .field('hasDocument', 'yes')
        .file('document', FILES.png, { filename: 'rapport "final" d’été (1).jpeg' })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      const file = await DemandFile.query().where('demandId', draft.id).firstOrFail()
      assert.isTrue(file.storageKey.endsWith('.png'))
      const download = await client
        .get(`/demarches/${KEY}/${draft.id}/fichiers/${file.id}`)
        .withGuard('web')
        .loginAs(user)
      download.assertHeader('content-type', 'image/png')
      const disposition = download.header('content-disposition')!
      assert.match(
        disposition,
        /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/
      )
      assert.include(disposition, 'filename="rapport _final_ d__t_ (1).png"')
      assert.equal(offeredName(disposition), 'rapport _final_ d’été (1).png')
    })

    test('message attachments are given back the same way, to the resident and to the agent', async ({
      client,
      assert,
    }) => {
      const resident = await createResident()
      const agent = await createAgent({ services: ['urbanisme'] })
      const demand = await fileThreeStepDemand(resident)
      const sent = await client
        .post(`/mon-espace/demandes/${demand.id}/messages`)
        .field('body', 'Voici le justificatif.')
        .file('attachments', FILES.pdf, { filename: 'justificatif.exe' })
        .withGuard('web')
        .loginAs(resident)
        .withCsrfToken()
        .redirects(0)
      sent.assertStatus(303)
      const file = await DemandFile.query().where('demandId', demand.id).firstOrFail()
      assert.isTrue(file.storageKey.endsWith('.pdf'))
      for (const download of [
        await client
          .get(`/mon-espace/demandes/${demand.id}/fichiers/${file.id}`)
          .withGuard('web')
          .loginAs(resident),
        await client
          .get(`/agents/demandes/${demand.id}/fichiers/${file.id}`)
          .withGuard('agent')
          .loginAs(agent),
      ]) {
        download.assertStatus(200)
        download.assertHeader('content-type', 'application/pdf')
        assert.equal(offeredName(download.header('content-disposition')!), 'justificatif.pdf')
      }
    })
  }
)

test.group('An empty file is refused with a French message, wherever files are taken', () => {
  test('in a step of a procedure: the message is next to the field and nothing is kept', async ({
    client,
    assert,
  }) => {
    const { user, draft } = await draftAtStep2()
    const response = await client
      .post(`/demarches/${KEY}/${draft.id}/etape/2`)
      .field('_shown', 'hasDocument,document')
      .field('hasDocument', 'yes')
      .file('document', EMPTY, { filename: 'scan.pdf' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).document, ['Le fichier « scan.pdf » est vide'])
    await draft.refresh()
    assert.equal(draft.currentStep, 1)
    assert.lengthOf(await DemandFile.query().where('demandId', draft.id), 0)
  })

  test('in "Nous contacter", where the file is optional: the step is not accepted without it', async ({
    client,
    assert,
  }) => {
    const draft = await Demand.create({
      procedureKey: 'nous-contacter',
      serviceSlug: 'accueil',
      state: 'draft',
      origin: 'web',
      answers: {},
      currentStep: 0,
    })
    const response = await client
      .post(`/demarches/nous-contacter/${draft.id}/etape/1`)
      .withSession({ anonymous_drafts: [draft.id] })
      .field('_shown', 'topic,subject,message,attachment')
      .field('topic', 'information')
      .field('subject', 'Horaires')
      .field('message', 'Voici la facture.')
      .file('attachment', EMPTY, { filename: 'facture.pdf' })
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).attachment, ['Le fichier « facture.pdf » est vide'])
    await draft.refresh()
    assert.equal(draft.currentStep, 0)
    assert.deepEqual(draft.answers, {})
  })

  test('in a message of the resident and of the agent: nothing is posted', async ({
    client,
    assert,
  }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)
    const fromResident = await client
      .post(`/mon-espace/demandes/${demand.id}/messages`)
      .field('body', 'Voici le document.')
      .file('attachments', EMPTY, { filename: 'vide.pdf' })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(fromResident).attachments, ['Le fichier « vide.pdf » est vide'])
    const fromAgent = await client
      .post(`/agents/demandes/${demand.id}/message`)
      .field('body', 'Voici la réponse.')
      .file('attachments', EMPTY, { filename: 'reponse.pdf' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(fromAgent).attachments, ['Le fichier « reponse.pdf » est vide'])
    assert.lengthOf(
      await DemandEvent.query().where('demandId', demand.id).where('kind', 'message'),
      0
    )
    assert.lengthOf(await DemandFile.query().where('demandId', demand.id), 0)
  })

  test('at the counter: the demand is not filed', async ({ client, assert }) => {
    const resident = await createResident()
    const agent = await createAgent({ services: ['urbanisme'] })
    const response = await client
      .post(`/agents/demandes/nouvelle/${KEY}?usager=${resident.id}`)
      .fields({
        origin: 'counter',
        subject: 'parking',
        description: 'Stationnement gênant',
        hasDocument: 'yes',
        consent: '1',
      })
      .file('document', EMPTY, { filename: 'photo.png' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).document, ['Le fichier « photo.png » est vide'])
    assert.lengthOf(await Demand.query().whereNot('state', 'draft'), 0)
  })
})

import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#accounts/models/user'
import AuditEntry from '#accounts/models/audit_entry'
import Demand from '#demands/models/demand'
import BuiltProcedure from '#demands/models/built_procedure'
import BuiltProcedureVersion from '#demands/models/built_procedure_version'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { createAgent, createResident, createService } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { findProcedure } from '#demands/procedures/registry'
import { stepValidator } from '#demands/procedures/step_validator'
import { truncateAllTables } from '#tests/support/database'
import { refreshBuiltProcedures } from '#demands/procedures/built/published'
import {
  ROOM_BOOKING_KEY,
  buildRoomBooking,
  fileRoomBooking,
} from '#back_office/tests/support/room_booking'

/** The filing pages of a new draft, steps 1 to 3, without what differs between two drafts (ids, tokens). */
async function renderedSteps(client: ApiClient, user: User) {
  const start = await client
    .post(`/demarches/${KEY}`)
    .withGuard('web')
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
  const draftUrl = start.header('location')!.replace(/\/etape\/1$/, '')
  // Every step open, as after answering them.
  await Demand.query()
    .where('id', Number(draftUrl.split('/').pop()))
    .update({ currentStep: 3 })
  const pages: string[] = []
  for (const step of [1, 2, 3]) {
    const page = await client.get(`${draftUrl}/etape/${step}`).withGuard('web').loginAs(user)
    const main = /<main[\s\S]*<\/main>/.exec(page.text())![0]
    pages.push(
      main
        .replaceAll(draftUrl, '/DRAFT')
        .replace(/name=['"]_csrf['"] value=['"][^'"]+['"]/g, 'name="_csrf"')
    )
  }
  return pages
}

const KEY = ROOM_BOOKING_KEY
const BASE = '/agents/admin/demarches'

test.group('Procedure builder', () => {
  test('an admin builds the room booking without JavaScript, previews it, publishes it; a resident files it and the service processes and exports it', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { built, page, post } = await buildRoomBooking(client, admin)

    const rename = await client.get(`${page}/etapes/justificatif`).withGuard('agent').loginAs(admin)
    rename.assertTextIncludes('Étape « Justificatif »')
    await post(`${page}/etapes/justificatif`, { titleFr: 'Justificatifs', titleEn: 'Documents' })
    await built.refresh()
    assert.deepEqual(built.draft.steps[2].title, { fr: 'Justificatifs', en: 'Documents' })
    const overview = await client.get(page).withGuard('agent').loginAs(admin)
    overview.assertStatus(200)
    overview.assertTextIncludes('Nom de l’association')
    const preview = await client.get(`${page}/apercu/2`).withGuard('agent').loginAs(admin)
    preview.assertStatus(200)
    preview.assertTextIncludes('Êtes-vous une association ?')
    preview.assertTextIncludes('Étape 2 sur')

    const published = await post(`${page}/publication`, {})
    assert.equal(published.header('location'), page)
    const catalogue = await client.get('/demarches')
    catalogue.assertTextIncludes('Réservation de salle municipale')
    // Its processing time and retention are settings like a coded procedure's.
    const settings = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    settings.assertStatus(200)
    assert.match(settings.text(), /Réservation de salle municipale/)
    assert.notInclude(settings.text(), 'built.reservation-salle')

    const resident = await createResident({ email: 'nadia@example.org' })
    const { step2, step3, sent } = await fileRoomBooking(client, resident, {
      association: 'Les Amis du Parc',
    })
    assert.deepEqual(inputErrors(step2), {})
    assert.deepEqual(inputErrors(step3), {})
    assert.match(sent.header('location')!, /accuse-reception$/)
    const demand = await Demand.query().where('procedureKey', KEY).firstOrFail()
    assert.equal(demand.state, 'submitted')
    assert.equal(demand.serviceSlug, 'vie-associative')
    assert.equal(demand.procedureVersion, 1)

    const agent = await createAgent({ services: ['vie-associative'] })
    const inbox = await client.get('/agents/demandes').withGuard('agent').loginAs(agent)
    inbox.assertTextIncludes(demand.reference!)
    const opened = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    opened.assertTextIncludes('Les Amis du Parc')
    const moved = await client
      .post(`/agents/demandes/${demand.id}/transition`)
      .form({ transition: 'start_review', expectedState: 'submitted' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    moved.assertStatus(303)
    await demand.refresh()
    assert.equal(demand.state, 'in_review')

    const csv = await client
      .get(`/agents/demandes/export.csv?statut=all&demarche=${KEY}`)
      .withGuard('agent')
      .loginAs(agent)
    const header = csv.text().split('\r\n')[0]
    for (const label of [
      'Salle souhaitée',
      'Date de la réservation',
      'Êtes-vous une association ?',
      'Nom de l’association',
      'Attestation d’assurance',
    ])
      assert.include(header, label)
    assert.include(csv.text(), 'Salle des fêtes')
    assert.include(csv.text(), '12/06/2031')
    assert.include(csv.text(), 'assurance.pdf')

    const other = await createAgent({ services: ['accueil'] })
    const hidden = await client.get('/agents/demandes').withGuard('agent').loginAs(other)
    assert.notInclude(hidden.text(), demand.reference!)

    const audited = await AuditEntry.query().where('agentId', admin.id).orderBy('id')
    assert.includeMembers(
      audited.map((entry) => entry.action),
      ['procedure.created', 'procedure.changed', 'procedure.published']
    )
    assert.equal(built.key, KEY)
  })

  test('version 2 removes a field and adds one: the demand filed on version 1 still reads, exports and validates its answers; a new demand uses version 2', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { page, post } = await buildRoomBooking(client, admin)
    await post(`${page}/publication`, {})
    const resident = await createResident({ email: 'nadia@example.org' })
    await fileRoomBooking(client, resident, { association: 'Les Amis du Parc' })
    const first = await Demand.query().where('procedureKey', KEY).firstOrFail()

    // The association's name goes; a phone number comes.
    await post(`${page}/champs/nom_de_l_association/supprimer`, {})
    const added = await post(`${page}/etapes/votre-association/champs`, {
      label: 'Téléphone du responsable',
      type: 'phone',
    })
    assert.equal(added.header('location'), `${page}/champs/telephone_du_responsable`)
    await post(`${page}/publication`, {})
    const v2 = findProcedure(KEY)!
    assert.equal(v2.version, 2)
    assert.notInclude(
      v2.steps[1].fields.map((field) => field.name),
      'nom_de_l_association'
    )

    const agent = await createAgent({ services: ['vie-associative'] })
    const opened = await client
      .get(`/agents/demandes/${first.id}`)
      .withGuard('agent')
      .loginAs(agent)
    opened.assertTextIncludes('Les Amis du Parc')
    opened.assertTextIncludes('Nom de l’association')
    const own = await client
      .get(`/mon-espace/demandes/${first.id}`)
      .withGuard('web')
      .loginAs(resident)
    own.assertTextIncludes('Les Amis du Parc')

    // Validated with its own version: the old answers pass the old step's rules.
    const v1 = findProcedure(KEY, first.procedureVersion)!
    assert.equal(v1.version, 1)
    const validated = await stepValidator(v1.steps[1], first.answers).validate(first.answers)
    assert.equal(validated.nom_de_l_association, 'Les Amis du Parc')

    const second = await client
      .post(`/demarches/${KEY}`)
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    const step2 = await client
      .get(second.header('location')!.replace('/etape/1', '/etape/1'))
      .withGuard('web')
      .loginAs(resident)
    step2.assertStatus(200)
    const draft = await Demand.query()
      .where('procedureKey', KEY)
      .where('state', 'draft')
      .firstOrFail()
    assert.equal(draft.procedureVersion, 2)

    const csv = await client
      .get(`/agents/demandes/export.csv?statut=all&demarche=${KEY}`)
      .withGuard('agent')
      .loginAs(agent)
    const [header, row] = csv
      .text()
      .replace(/^\uFEFF/, '')
      .split('\r\n')
    const columns = header.split(';')
    assert.include(columns, 'Téléphone du responsable')
    const nameColumn = columns.indexOf('Nom de l’association')
    assert.isAbove(nameColumn, 0)
    assert.equal(row.split(';')[nameColumn], 'Les Amis du Parc')
  })

  test('a condition on a deleted field refuses to publish, naming it in French; nothing is published', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { page, post, built } = await buildRoomBooking(client, admin)
    await post(`${page}/champs/etes_vous_une_association/supprimer`, {})
    const refused = await post(`${page}/publication`, {})
    assert.equal(refused.header('location'), page)
    const shown = await client
      .get(page)
      .withGuard('agent')
      .loginAs(admin)
      .withSession({ __flash__: refused.flashMessages() })
    shown.assertTextIncludes(
      'Le champ « Nom de l’association » n’est affiché que selon le champ « etes_vous_une_association », qui n’existe pas ou ne le précède pas.'
    )
    await built.refresh()
    assert.isNull(built.publishedVersion)
    assert.isNull(findProcedure(KEY))
    const catalogue = await client.get('/demarches')
    assert.notInclude(catalogue.text(), 'Réservation de salle municipale')
  })

  test('an agent without the designer permission cannot open the builder; unpublishing hides the procedure and keeps its demands', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({ services: ['vie-associative'] })
    const refused = await client.get(BASE).withGuard('agent').loginAs(agent)
    assert.equal(refused.status(), 403)

    const { page, post } = await buildRoomBooking(client, admin)
    await post(`${page}/publication`, {})
    const resident = await createResident({ email: 'nadia@example.org' })
    await fileRoomBooking(client, resident, { association: 'Les Amis du Parc' })
    await post(`${page}/retrait`, {})
    const catalogue = await client.get('/demarches')
    assert.notInclude(catalogue.text(), 'Réservation de salle municipale')
    const start = await client.get(`/demarches/${KEY}`)
    start.assertStatus(404)
    const demand = await Demand.query().where('procedureKey', KEY).firstOrFail()
    const opened = await client
      .get(`/agents/demandes/${demand.id}`)
      .withGuard('agent')
      .loginAs(agent)
    opened.assertTextIncludes('Les Amis du Parc')
  })

  test('a procedure exported as JSON and imported on a fresh install gives an identical filing form', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { page, post } = await buildRoomBooking(client, admin)
    await post(`${page}/publication`, {})
    const resident = await createResident({ email: 'nadia@example.org' })
    const before = await renderedSteps(client, resident)
    const exported = await client.get(`${page}/export.json`).withGuard('agent').loginAs(admin)
    assert.include(exported.header('content-disposition'), 'demarche-reservation-salle.json')
    const file = Buffer.from(exported.text(), 'utf8')

    // Another city: nothing of the first one.
    await truncateAllTables()
    await refreshBuiltProcedures({ force: true })
    assert.isNull(findProcedure(KEY))
    await createService('vie-associative', 'Vie associative')
    const theirAdmin = await createAgent({ role: 'admin', services: ['accueil'] })
    const imported = await client
      .post(`${BASE}/import`)
      .file('definition', file, { filename: 'demarche.json', contentType: 'application/json' })
      .withGuard('agent')
      .loginAs(theirAdmin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(imported), {})
    const built = await BuiltProcedure.findByOrFail('key', KEY)
    assert.equal(imported.header('location'), `${BASE}/${built.id}`)
    await client
      .post(`${BASE}/${built.id}/publication`)
      .withGuard('agent')
      .loginAs(theirAdmin)
      .withCsrfToken()
      .redirects(0)
    const theirResident = await createResident({ email: 'nadia@example.org' })
    const after = await renderedSteps(client, theirResident)
    assert.lengthOf(after, 3)
    assert.include(after[1], 'Êtes-vous une association ?')
    assert.deepEqual(after, before)
    const audit = await AuditEntry.query().where('agentId', theirAdmin.id).orderBy('id')
    assert.equal(audit[0].action, 'procedure.imported')
  })

  test('an imported file that is not a definition is refused next to the field, and a definition is stripped of anything that would run', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const refused = await client
      .post(`${BASE}/import`)
      .file('definition', Buffer.from('{"hello": 1}'), {
        filename: 'autre.json',
        contentType: 'application/json',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(refused), {
      definition: ['Ce fichier n’est pas une définition de démarche Parvis.'],
    })
    const withHooks = {
      format: 'parvis.procedure/1',
      key: 'sondage-quartier',
      title: { fr: 'Sondage du quartier' },
      summary: { fr: 'Votre avis.' },
      category: 'other',
      service: 'accueil',
      filer: 'anyone',
      slaDays: 10,
      retentionMonths: 12,
      hooks: { beforeSubmit: 'process.exit(1)' },
      steps: [
        {
          key: 'avis',
          title: { fr: 'Votre avis' },
          fields: [{ name: 'avis', type: 'script', label: { fr: 'Avis' }, onChange: 'alert(1)' }],
        },
      ],
    }
    await client
      .post(`${BASE}/import`)
      .file('definition', Buffer.from(JSON.stringify(withHooks)), {
        filename: 'sondage.json',
        contentType: 'application/json',
      })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    const built = await BuiltProcedure.findByOrFail('key', 'sondage-quartier')
    assert.notProperty(built.draft, 'hooks')
    assert.notProperty(built.draft.steps[0].fields[0], 'onChange')
    const publish = await client
      .post(`${BASE}/${built.id}/publication`)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.include(
      (publish.flashMessages() as { publishProblems: string[] }).publishProblems,
      'Le champ « Avis » a un type inconnu : « script ».'
    )
    await built.refresh()
    assert.isNull(built.publishedVersion)
  })

  test('a resident’s draft started on version 1 finishes on version 1 after version 2 is published', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { page, post } = await buildRoomBooking(client, admin)
    await post(`${page}/publication`, {})
    const resident = await createResident({ email: 'nadia@example.org' })
    const start = await client
      .post(`/demarches/${KEY}`)
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)
    const draftUrl = start.header('location')!.replace(/\/etape\/1$/, '')
    await client
      .post(`${draftUrl}/etape/1`)
      .form({
        _shown: 'salle_souhaitee,date_de_la_reservation',
        salle_souhaitee: 'fetes',
        date_de_la_reservation: '2031-06-12',
      })
      .withGuard('web')
      .loginAs(resident)
      .withCsrfToken()
      .redirects(0)

    await post(`${page}/champs/nom_de_l_association/supprimer`, {})
    await post(`${page}/publication`, {})
    assert.equal(findProcedure(KEY)!.version, 2)

    const step2 = await client
      .get(`${draftUrl}/etape/2`)
      .withGuard('web')
      .loginAs(resident)
      .withSession({
        __flash__: {
          _shown: 'etes_vous_une_association,nom_de_l_association',
          etes_vous_une_association: 'yes',
        },
      })
    step2.assertStatus(200)
    step2.assertTextIncludes('Nom de l’association')
    const draft = await Demand.findOrFail(Number(draftUrl.split('/').pop()))
    assert.equal(draft.procedureVersion, 1)
  })

  test('a version published by another process reaches this one within seconds, without a restart', async ({
    client,
    assert,
  }) => {
    await createService('vie-associative', 'Vie associative')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const { built } = await buildRoomBooking(client, admin)
    await built.refresh()
    // What another process's publish writes, without this process hearing of it.
    await BuiltProcedureVersion.create({
      builtProcedureId: built.id,
      version: 1,
      definition: built.draft,
      publishedBy: admin.id,
      publishedAt: clock.now(),
    })
    await db
      .from('built_procedures')
      .where('id', built.id)
      .update({ published_version: 1, listed: true, revision: 1 })
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const catalogue = await client.get('/demarches')
    catalogue.assertTextIncludes('Réservation de salle municipale')
    assert.equal(findProcedure(KEY)!.version, 1)
  }).timeout(10_000)
})

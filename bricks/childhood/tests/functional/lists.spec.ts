import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import AuditEntry from '#accounts/models/audit_entry'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { FILES } from '#tests/support/factories/demands'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import ChildRecord from '../../models/child_record.js'
import Quotient from '../../models/quotient.js'
import School from '../../models/school.js'
import { registerChild } from '../../services/registrations.js'
import { LIST_PAGE_SIZE } from '../../queries/list_filters.js'
import { family, wednesdayActivity } from '../support.js'

/** `count` children of one family, named Enfant001…, inserted at once (a list longer than a page). */
async function manyChildren(count: number) {
  const parent = await createResident({ firstName: 'Paul', lastName: 'Nombreux' })
  const now = dbTimestamp(clock.now())
  const rows = Array.from({ length: count }, (_, index) => ({
    user_id: parent.id,
    kind: 'child',
    first_name: `Enfant${String(index + 1).padStart(3, '0')}`,
    last_name: 'Nombreux',
    birth_date: '2018-05-01',
    created_at: now,
    updated_at: now,
  }))
  await db.table('household_members').multiInsert(rows)
  const ids = await db
    .from('household_members')
    .where('user_id', parent.id)
    .orderBy('id')
    .select('id')
  return { parent, ids: ids.map((row) => Number(row.id)) }
}

/** The names in the first column of the page's table, in order. */
function rowNames(html: string) {
  return [...html.matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th>/g)].map((match) =>
    match[1].trim()
  )
}

/** The href of the "next page" link, decoded, or null. */
function nextLink(html: string) {
  const found = html.match(/<a href="([^"]+)" rel="next">/)
  return found ? found[1].replace(/&amp;/g, '&') : null
}

function csvLines(text: string) {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
}

test.group('Childhood: the agents’ lists at real size', () => {
  test('the children list pages by key: 55 children make a page of 50 then one of 5, none lost nor repeated, each page written to the audit log with its row count', async ({
    client,
    assert,
  }) => {
    await manyChildren(LIST_PAGE_SIZE + 5)
    const agent = await createAgent({ services: ['enfance'] })
    const first = await client.get('/agents/enfance/enfants').withGuard('agent').loginAs(agent)
    first.assertStatus(200)
    const firstNames = rowNames(first.text())
    assert.lengthOf(firstNames, LIST_PAGE_SIZE)
    assert.equal(firstNames[0], 'Nombreux Enfant001')
    const next = nextLink(first.text())
    assert.isNotNull(next)
    const second = await client.get(next!).withGuard('agent').loginAs(agent)
    const secondNames = rowNames(second.text())
    assert.deepEqual(secondNames, [
      'Nombreux Enfant051',
      'Nombreux Enfant052',
      'Nombreux Enfant053',
      'Nombreux Enfant054',
      'Nombreux Enfant055',
    ])
    assert.isNull(nextLink(second.text()))
    const entries = await AuditEntry.query().where('action', 'list.viewed').orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.agentId, entry.rowCount]),
      [
        [agent.id, 50],
        [agent.id, 5],
      ]
    )
  })

  test('the children are searched by name (case and part of it) and by school; the export gives exactly the filtered rows and is audited with its filter and row count', async ({
    client,
    assert,
  }) => {
    const { ines, tom } = await family()
    await manyChildren(3)
    const school = await School.create({ name: 'École Jules-Ferry', address: null })
    await ChildRecord.create({
      householdMemberId: tom.id,
      schoolId: school.id,
      className: 'CP',
      verifiedAt: null,
      verifiedBy: null,
    })
    const agent = await createAgent({ services: ['enfance'] })
    const byName = await client
      .get('/agents/enfance/enfants?q=mART')
      .withGuard('agent')
      .loginAs(agent)
    assert.deepEqual(rowNames(byName.text()), ['Martin Inès', 'Martin Tom'])
    const bySchool = await client
      .get(`/agents/enfance/enfants?ecole=${school.id}`)
      .withGuard('agent')
      .loginAs(agent)
    assert.deepEqual(rowNames(bySchool.text()), ['Martin Tom'])
    bySchool.assertTextIncludes(`href="/agents/enfance/enfants/export.csv?ecole=${school.id}"`)

    const csv = await client
      .get(`/agents/enfance/enfants/export.csv?q=martin`)
      .withGuard('agent')
      .loginAs(agent)
    csv.assertStatus(200)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    const lines = csvLines(csv.text())
    assert.equal(
      lines[0],
      'Nom;Prénom;Date de naissance;École;Classe;Acte de naissance vu;Famille;E-mail de la famille'
    )
    assert.lengthOf(lines, 3)
    assert.include(lines.join('\n'), `Martin;Inès;${ines.birthDate!.toFormat('dd/MM/yyyy')};`)
    assert.include(lines.join('\n'), 'Martin;Tom;')
    assert.include(lines.join('\n'), 'École Jules-Ferry;CP;non;Sofia Martin')
    const exported = await AuditEntry.query().where('action', 'list.exported').firstOrFail()
    assert.equal(exported.agentId, agent.id)
    assert.equal(exported.detail, 'enfants q=martin')
    assert.equal(exported.rowCount, 2)
  })

  test('the registrations list is searched by child, activity and status, and exported with its filter; an agent of another service gets 404', async ({
    client,
    assert,
  }) => {
    const { user, ines, tom } = await family()
    const { activity, session } = await wednesdayActivity({ capacity: 1 })
    await registerChild({ sessionId: session.id, childId: ines.id, user })
    await registerChild({ sessionId: session.id, childId: tom.id, user })
    const agent = await createAgent({ services: ['enfance'] })
    const all = await client.get('/agents/enfance/inscriptions').withGuard('agent').loginAs(agent)
    all.assertStatus(200)
    assert.deepEqual(rowNames(all.text()), ['Tom Martin', 'Inès Martin'])
    const waiting = await client
      .get(`/agents/enfance/inscriptions?statut=waiting&activite=${activity.id}`)
      .withGuard('agent')
      .loginAs(agent)
    assert.deepEqual(rowNames(waiting.text()), ['Tom Martin'])
    const byAccent = await client
      .get('/agents/enfance/inscriptions?q=INÈS')
      .withGuard('agent')
      .loginAs(agent)
    assert.deepEqual(rowNames(byAccent.text()), ['Inès Martin'])

    const csv = await client
      .get('/agents/enfance/inscriptions/export.csv?statut=waiting')
      .withGuard('agent')
      .loginAs(agent)
    const lines = csvLines(csv.text())
    assert.lengthOf(lines, 2)
    assert.include(lines[1], ';Tom Martin;Mercredis sportifs;Mercredi prochain;')
    assert.include(lines[1], ';Liste d’attente;non;Sofia Martin;')
    const exported = await AuditEntry.query().where('action', 'list.exported').firstOrFail()
    assert.equal(exported.detail, 'inscriptions statut=waiting')
    assert.equal(exported.rowCount, 1)
    const viewed = await AuditEntry.query().where('action', 'list.viewed').orderBy('id')
    assert.deepEqual(
      viewed.map((entry) => entry.rowCount),
      [2, 1, 1]
    )

    const police = await createAgent({ services: ['police_municipale'] })
    for (const path of ['/agents/enfance/inscriptions', '/agents/enfance/inscriptions/export.csv'])
      (await client.get(path).withGuard('agent').loginAs(police)).assertStatus(404)
  })

  test('the month’s canteen pages by key beyond 50 children, with each child’s meals less absences, and exports them', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-11-02T10:00')
    const { parent, ids } = await manyChildren(LIST_PAGE_SIZE + 2)
    const now = dbTimestamp(clock.now())
    await db.table('childhood_canteen_registrations').multiInsert(
      ids.map((id) => ({
        household_member_id: id,
        user_id: parent.id,
        school_year: '2026-2027',
        days: '1,2,4,5',
        status: 'active',
        absences: '[]',
        created_at: now,
        updated_at: now,
      }))
    )
    await db.table('childhood_absences').insert({
      household_member_id: ids[LIST_PAGE_SIZE + 1],
      user_id: parent.id,
      starts_on: '2026-11-09',
      ends_on: '2026-11-10',
      declared_by: 'agent',
      agent_id: null,
      reason: null,
      created_at: now,
      updated_at: now,
    })
    const agent = await createAgent({ services: ['enfance'] })
    const first = await client
      .get('/agents/enfance/cantine?mois=2026-11')
      .withGuard('agent')
      .loginAs(agent)
    assert.lengthOf(rowNames(first.text()), LIST_PAGE_SIZE)
    const second = await client.get(nextLink(first.text())!).withGuard('agent').loginAs(agent)
    assert.deepEqual(rowNames(second.text()), ['Enfant051 Nombreux', 'Enfant052 Nombreux'])
    second.assertTextIncludes('<td class="numeric">15</td>')
    second.assertTextIncludes('09/11/2026 10/11/2026')

    const csv = await client
      .get('/agents/enfance/cantine/export.csv?mois=2026-11&q=enfant052')
      .withGuard('agent')
      .loginAs(agent)
    const lines = csvLines(csv.text())
    assert.deepEqual(lines, [
      'Enfant;École;Jours de cantine;Repas facturés;Jours d’absence;Famille;E-mail de la famille',
      `Enfant052 Nombreux;;lundi, mardi, jeudi, vendredi;15;09/11/2026 10/11/2026;Paul Nombreux;${parent.email}`,
    ])
    const exported = await AuditEntry.query().where('action', 'list.exported').firstOrFail()
    assert.equal(exported.detail, 'cantine mois=2026-11&q=enfant052')
    assert.equal(exported.rowCount, 1)
  })
})

test.group('Childhood: opening personal data is audited', () => {
  test('opening a child’s record writes child.viewed, and opening a CAF attestation writes quotient.viewed, each naming what was opened', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await family()
    const agent = await createAgent({ services: ['enfance'] })
    const record = await client
      .get(`/agents/enfance/enfants/${ines.id}`)
      .withGuard('agent')
      .loginAs(agent)
    record.assertStatus(200)
    record.assertTextIncludes('Inès Martin')
    const sent = await client
      .post('/enfance/quotient')
      .field('value', '640')
      .file('attestation', FILES.pdf, { filename: 'attestation-caf.pdf' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    sent.assertStatus(303)
    const quotient = await Quotient.findByOrFail('userId', user.id)
    const list = await client.get('/agents/enfance/quotients').withGuard('agent').loginAs(agent)
    list.assertStatus(200)
    ;(
      await client
        .get(`/agents/enfance/quotients/${quotient.id}/attestation`)
        .withGuard('agent')
        .loginAs(agent)
    ).assertStatus(200)
    const entries = await AuditEntry.query().where('agentId', agent.id).orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.detail, entry.rowCount]),
      [
        ['child.viewed', `enfant ${ines.id} Inès Martin`, null],
        ['list.viewed', 'quotients', 1],
        ['quotient.viewed', `quotient ${quotient.id}`, null],
      ]
    )
  })

  test('a session’s lists are audited with their row count, and its attendance export too', async ({
    client,
    assert,
  }) => {
    const { user, ines, tom } = await family()
    const { session } = await wednesdayActivity({ capacity: 1 })
    await registerChild({ sessionId: session.id, childId: ines.id, user })
    await registerChild({ sessionId: session.id, childId: tom.id, user })
    const agent = await createAgent({ services: ['enfance'] })
    ;(
      await client.get(`/agents/enfance/sessions/${session.id}`).withGuard('agent').loginAs(agent)
    ).assertStatus(200)
    ;(
      await client
        .get(`/agents/enfance/sessions/${session.id}/presences.csv`)
        .withGuard('agent')
        .loginAs(agent)
    ).assertStatus(200)
    const entries = await AuditEntry.query().where('agentId', agent.id).orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.detail, entry.rowCount]),
      [
        ['list.viewed', `séance ${session.id}`, 2],
        ['list.exported', `présences séance ${session.id}`, 1],
      ]
    )
  })
})

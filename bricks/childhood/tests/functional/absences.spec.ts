import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import InvoiceLine from '#payments/models/invoice_line'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { writeSetting } from '#core/services/settings'
import { clock } from '#core/clock'
import Absence from '../../models/absence.js'
import CanteenRegistration from '../../models/canteen_registration.js'
import { invoiceCanteenMonth } from '../../services/canteen.js'
import { family } from '../support.js'

/**
 * Monday 2 November 2026, 10:00 in Paris: a family eating at school on
 * Mondays, Tuesdays, Thursdays and Fridays of 2026–2027 (17 days in
 * November 2026, 11 November being a Wednesday).
 */
async function canteenFamily(email?: string) {
  clock.travelTo('2026-11-02T10:00')
  const found = await family(email)
  await CanteenRegistration.create({
    householdMemberId: found.ines.id,
    userId: found.user.id,
    schoolYear: '2026-2027',
    days: '1,2,4,5',
    status: 'active',
    absences: [],
  })
  return found
}

/** The meals billed to the family for a child that month (the month's run, as the worker does it). */
async function billedMeals(userId: number, month: string, firstName = 'Inès') {
  await invoiceCanteenMonth(month)
  const lines = await InvoiceLine.query()
    .whereIn(
      'invoiceId',
      db.from('invoices').where('source', `childhood:canteen:${userId}:${month}`).select('id')
    )
    .where('label', 'like', `Repas de ${firstName}%`)
  return lines.reduce((total, line) => total + line.quantity, 0)
}

test.group('Childhood: a family declares an absence online', () => {
  test('an absence from Thursday 5 to Tuesday 10 November, declared on the 2nd, takes its 4 canteen days off November’s invoice', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await canteenFamily()
    const sent = await client
      .post('/enfance/absences')
      .form({
        child: String(ines.id),
        startsOn: '2026-11-05',
        endsOn: '2026-11-10',
        reason: 'Séjour chez les grands-parents',
      })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    sent.assertStatus(303)
    sent.assertHeader('location', '/enfance/absences')
    const absence = await Absence.findByOrFail('householdMemberId', ines.id)
    assert.deepInclude(absence.serialize(), {
      startsOn: '2026-11-05',
      endsOn: '2026-11-10',
      declaredBy: 'family',
      agentId: null,
      reason: 'Séjour chez les grands-parents',
    })
    const page = await client.get('/enfance/absences').withGuard('web').loginAs(user)
    page.assertTextIncludes('Du 05/11/2026 au 10/11/2026')
    clock.travelTo('2026-12-02T10:00')
    assert.equal(await billedMeals(user.id, '2026-11'), 17 - 4)
  })

  test('a single day leaves the last day empty; an absence over two months is taken off each month’s invoice', async ({
    client,
    assert,
  }) => {
    const { user, ines, tom } = await canteenFamily()
    await CanteenRegistration.create({
      householdMemberId: tom.id,
      userId: user.id,
      schoolYear: '2026-2027',
      days: '1,2,4,5',
      status: 'active',
      absences: [],
    })
    const declare = (form: Record<string, string>) =>
      client
        .post('/enfance/absences')
        .form({ child: String(ines.id), ...form })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    ;(await declare({ startsOn: '2026-11-12' })).assertStatus(303)
    ;(await declare({ startsOn: '2026-11-30', endsOn: '2026-12-01' })).assertStatus(303)
    const absences = await Absence.query().where('householdMemberId', ines.id).orderBy('startsOn')
    assert.deepEqual(
      absences.map((absence) => [absence.startsOn, absence.endsOn]),
      [
        ['2026-11-12', '2026-11-12'],
        ['2026-11-30', '2026-12-01'],
      ]
    )
    clock.travelTo('2027-01-04T10:00')
    assert.equal(await billedMeals(user.id, '2026-11'), 17 - 2)
    // December, compared with Tom, who eats on the same days and was never absent.
    assert.equal(
      await billedMeals(user.id, '2026-12'),
      (await billedMeals(user.id, '2026-12', 'Tom')) - 1
    )
  })

  test('too late: an absence starting Wednesday 4th declared Monday 2nd at 10:00 is refused next to the first day, in French, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await canteenFamily()
    const refused = await client
      .post('/enfance/absences')
      .form({ child: String(ines.id), startsOn: '2026-11-04', endsOn: '2026-11-06' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(refused).startsOn, [
      'Trop tard pour déclarer cette absence en ligne : il fallait la déclarer au moins 48 heures avant, soit avant le 02/11/2026 à 00h00. Appelez le service Enfance.',
    ])
    assert.lengthOf(await Absence.all(), 0)
  })

  test('the notice is a setting: at 24 hours, the same absence is accepted', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await canteenFamily()
    await writeSetting('childhood', 'absenceNoticeHours', 24, {
      updatedBy: null,
      client: db.connection(),
    })
    const sent = await client
      .post('/enfance/absences')
      .form({ child: String(ines.id), startsOn: '2026-11-04', endsOn: '2026-11-06' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    sent.assertStatus(303)
    assert.lengthOf(await Absence.all(), 1)
  })

  test('a last day before the first, a day that does not exist, or a child of another household: each said next to its field', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await canteenFamily()
    const other = await family()
    const declare = (form: Record<string, string>) =>
      client
        .post('/enfance/absences')
        .form(form)
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    assert.deepEqual(
      inputErrors(
        await declare({ child: String(ines.id), startsOn: '2026-11-20', endsOn: '2026-11-19' })
      ).endsOn,
      ['Le dernier jour doit être le premier jour ou après']
    )
    assert.deepEqual(
      inputErrors(await declare({ child: String(ines.id), startsOn: '2026-11-31' })).startsOn,
      ['Cette date n’existe pas : écrivez une date du calendrier, par exemple 15/03/2027']
    )
    assert.deepEqual(
      inputErrors(await declare({ child: String(other.ines.id), startsOn: '2026-11-20' })).child,
      ['Choisissez un enfant de votre foyer']
    )
    assert.lengthOf(await Absence.all(), 0)
  })
})

test.group('Childhood: a family withdraws an absence it declared', () => {
  test('before the cut-off the family withdraws it and the days are billed again; after it, or another family’s, the answer is 404 and the absence stays', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await canteenFamily()
    const other = await family()
    const declared = () =>
      Absence.create({
        householdMemberId: ines.id,
        userId: user.id,
        startsOn: '2026-11-05',
        endsOn: '2026-11-06',
        declaredBy: 'family',
        agentId: null,
        reason: null,
      })
    const withdraw = (id: number, by = user) =>
      client
        .post(`/enfance/absences/${id}/retirer`)
        .withGuard('web')
        .loginAs(by)
        .withCsrfToken()
        .redirects(0)
    const first = await declared()
    const page = await client.get('/enfance/absences').withGuard('web').loginAs(user)
    page.assertTextIncludes(`action="/enfance/absences/${first.id}/retirer"`)
    ;(await withdraw(first.id, other.user)).assertStatus(404)
    ;(await withdraw(first.id)).assertStatus(303)
    assert.isNull(await Absence.find(first.id))

    const second = await declared()
    // Tuesday 3 November, 08:00: the cut-off of Thursday 5th (Tuesday 00:00) has passed.
    clock.travelTo('2026-11-03T08:00')
    const late = await client.get('/enfance/absences').withGuard('web').loginAs(user)
    assert.notInclude(late.text(), `action="/enfance/absences/${second.id}/retirer"`)
    ;(await withdraw(second.id)).assertStatus(404)
    assert.isNotNull(await Absence.find(second.id))
    clock.travelTo('2026-12-02T10:00')
    assert.equal(await billedMeals(user.id, '2026-11'), 17 - 2)
  })
})

test.group('Childhood: the service records absences on the child’s record', () => {
  test('an agent records Monday 2 to Friday 6 November (no cut-off for the service), sees it on the record, and removes it', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await canteenFamily()
    const agent = await createAgent({ services: ['enfance'] })
    const saved = await client
      .post(`/agents/enfance/enfants/${ines.id}/absences`)
      .form({ startsOn: '2026-11-02', endsOn: '2026-11-06', reason: 'Varicelle' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(303)
    saved.assertHeader('location', `/agents/enfance/enfants/${ines.id}`)
    const absence = await Absence.findByOrFail('householdMemberId', ines.id)
    assert.deepInclude(absence.serialize(), {
      userId: user.id,
      declaredBy: 'agent',
      agentId: agent.id,
      reason: 'Varicelle',
    })
    const record = await client
      .get(`/agents/enfance/enfants/${ines.id}`)
      .withGuard('agent')
      .loginAs(agent)
    record.assertStatus(200)
    record.assertTextIncludes('Du 02/11/2026 au 06/11/2026')
    record.assertTextIncludes('Varicelle')
    clock.travelTo('2026-12-02T10:00')
    assert.equal(await billedMeals(user.id, '2026-11'), 17 - 4)
    await client
      .post(`/agents/enfance/absences/${absence.id}/supprimer`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    assert.isNull(await Absence.find(absence.id))
  })

  test('a last day before the first is said next to the field; an agent of another service gets 404 and records nothing', async ({
    client,
    assert,
  }) => {
    const { ines } = await canteenFamily()
    const agent = await createAgent({ services: ['enfance'] })
    const refused = await client
      .post(`/agents/enfance/enfants/${ines.id}/absences`)
      .form({ startsOn: '2026-11-06', endsOn: '2026-11-02' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(refused).endsOn, [
      'Le dernier jour doit être le premier jour ou après',
    ])
    const police = await createAgent({ services: ['police_municipale'] })
    const forged = await client
      .post(`/agents/enfance/enfants/${ines.id}/absences`)
      .form({ startsOn: '2026-11-02' })
      .withGuard('agent')
      .loginAs(police)
      .withCsrfToken()
    forged.assertStatus(404)
    const peek = await client
      .get(`/agents/enfance/enfants/${ines.id}`)
      .withGuard('agent')
      .loginAs(police)
    peek.assertStatus(404)
    assert.lengthOf(await Absence.all(), 0)
  })
})

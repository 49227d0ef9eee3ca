import { test } from '@japa/runner'
import Invoice from '#payments/models/invoice'
import InvoiceLine from '#payments/models/invoice_line'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'
import Activity from '../../models/activity.js'
import ActivitySession from '../../models/activity_session.js'
import Registration from '../../models/registration.js'
import School from '../../models/school.js'
import { invoiceCanteenMonth } from '../../services/canteen.js'
import { canteenFamily, family, wednesdayActivity } from '../support.js'

test.group('Childhood: admins keep the schools', () => {
  test('an admin adds a school with its classes, finds it in the list and on the children’s page, and corrects it; a missing name or a class too long is refused in French next to the field', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['enfance'] })
    const post = (path: string, form: Record<string, string>) =>
      client.post(path).form(form).withGuard('agent').loginAs(admin).withCsrfToken().redirects(0)
    const created = await post('/agents/enfance/ecoles', {
      name: 'École élémentaire Paul Langevin',
      address: '2 rue Paul Langevin, 91000 Évry-Courcouronnes',
      classes: 'CP A\nCP B, CE1;  CE2\nCP A',
    })
    created.assertStatus(303)
    created.assertHeader('location', '/agents/enfance/ecoles')
    const school = await School.firstOrFail()
    assert.deepEqual(school.classes, ['CP A', 'CP B', 'CE1', 'CE2'])
    const list = await client.get('/agents/enfance/ecoles').withGuard('agent').loginAs(admin)
    list.assertTextIncludes('École élémentaire Paul Langevin')
    list.assertTextIncludes('CP A, CP B, CE1, CE2')
    const children = await client.get('/agents/enfance/enfants').withGuard('agent').loginAs(admin)
    children.assertStatus(200)
    const form = await client
      .get(`/agents/enfance/ecoles/${school.id}/modifier`)
      .withGuard('agent')
      .loginAs(admin)
    form.assertTextIncludes('value="École élémentaire Paul Langevin"')

    const missing = await post(`/agents/enfance/ecoles/${school.id}`, { name: '', classes: 'CM1' })
    assert.deepEqual(inputErrors(missing).name, ['Renseignez le champ « Nom »'])
    const tooLong = await post(`/agents/enfance/ecoles/${school.id}`, {
      name: 'École Paul Langevin',
      classes: `CM1\n${'x'.repeat(41)}`,
    })
    assert.deepEqual(inputErrors(tooLong).classes, [
      `Le nom de classe « ${'x'.repeat(41)} » est trop long : une classe a 40 caractères au maximum (une classe par ligne)`,
    ])
    await school.refresh()
    assert.equal(school.name, 'École élémentaire Paul Langevin')

    ;(
      await post(`/agents/enfance/ecoles/${school.id}`, {
        name: 'École Paul Langevin',
        address: '',
        classes: 'CM1\nCM2',
      })
    ).assertStatus(303)
    await school.refresh()
    assert.equal(school.name, 'École Paul Langevin')
    assert.isNull(school.address)
    assert.deepEqual(school.classes, ['CM1', 'CM2'])
    assert.lengthOf(await School.all(), 1)
  })

  test('the schools list pages by key, 50 schools at a time, in alphabetical order', async ({
    client,
    assert,
  }) => {
    for (let index = 0; index < 51; index++)
      await School.create({
        name: `École ${String(index).padStart(2, '0')}`,
        address: null,
        classes: [],
      })
    const admin = await createAgent({ role: 'admin', services: ['enfance'] })
    const first = await client.get('/agents/enfance/ecoles').withGuard('agent').loginAs(admin)
    first.assertTextIncludes('École 49')
    assert.notInclude(first.text(), 'École 50')
    const next = /href="(\/agents\/enfance\/ecoles\?apres=\d+)"/.exec(first.text())
    assert.isNotNull(next)
    const second = await client.get(next![1]).withGuard('agent').loginAs(admin)
    second.assertTextIncludes('École 50')
    assert.notInclude(second.text(), 'École 49')
  })
})

test.group('Childhood: activities and sessions are edited, closed and reopened', (group) => {
  group.each.setup(() => mailbox.clear())

  test('an agent corrects an activity’s name and prices; the family sees the new price of its band', async ({
    client,
    assert,
  }) => {
    const { activity } = await wednesdayActivity()
    const agent = await createAgent({ services: ['enfance'] })
    const form = await client
      .get(`/agents/enfance/activites/${activity.id}/modifier`)
      .withGuard('agent')
      .loginAs(agent)
    form.assertTextIncludes('value="6,50"')
    const saved = await client
      .post(`/agents/enfance/activites/${activity.id}`)
      .form({
        kind: 'periscolaire',
        name: 'Mercredis sportifs et culturels',
        minAge: '6',
        maxAge: '11',
        pricing: 'session',
        priceA: '3',
        priceB: '7,25',
        priceC: '9,50',
        priceD: '13',
        opensOn: activity.opensOn,
        closesOn: activity.closesOn,
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(303)
    await activity.refresh()
    assert.equal(activity.name, 'Mercredis sportifs et culturels')
    assert.deepEqual(activity.prices, { A: 300, B: 725, C: 950, D: 1300 })

    const wrong = await client
      .post(`/agents/enfance/activites/${activity.id}`)
      .form({
        kind: 'periscolaire',
        name: 'Mercredis',
        minAge: '9',
        maxAge: '6',
        pricing: 'session',
        priceA: '3',
        priceB: '7',
        priceC: '9',
        priceD: '13',
        opensOn: activity.opensOn,
        closesOn: activity.closesOn,
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.lengthOf(inputErrors(wrong).maxAge, 1)
    await activity.refresh()
    assert.equal(activity.name, 'Mercredis sportifs et culturels')
  })

  test('a closed session refuses registrations and families see it closed; reopened, it takes them again; children already placed keep their place', async ({
    client,
    assert,
  }) => {
    const { user, ines, tom } = await family()
    const { activity, session } = await wednesdayActivity({ capacity: 5 })
    const agent = await createAgent({ services: ['enfance'] })
    const register = (childId: number) =>
      client
        .post('/enfance/inscriptions')
        .form({ child: String(childId), session: String(session.id) })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    const opening = (decision: string) =>
      client
        .post(`/agents/enfance/sessions/${session.id}/ouverture`)
        .form({ decision })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    await register(ines.id)
    ;(await opening('close')).assertStatus(303)
    await session.refresh()
    assert.isTrue(session.closed)
    const page = await client.get('/enfance/activites').withGuard('web').loginAs(user)
    page.assertTextIncludes('Fermées aux inscriptions : Mercredi prochain.')
    assert.notInclude(page.text(), `name="session"`)
    assert.deepEqual(inputErrors(await register(tom.id)).child, [
      'Cette séance est fermée aux inscriptions',
    ])
    const agentPage = await client
      .get(`/agents/enfance/activites/${activity.id}/seances`)
      .withGuard('agent')
      .loginAs(agent)
    agentPage.assertTextIncludes('Rouvrir')
    ;(await opening('reopen')).assertStatus(303)
    ;(await register(tom.id)).assertStatus(303)
    const statuses = (await Registration.query().orderBy('id')).map(({ status }) => status)
    assert.deepEqual(statuses, ['placed', 'placed'])
    assert.lengthOf(inputErrors(await opening('maybe')).decision, 1)
  })

  test('a closed activity is shown closed to families and refuses every session; reopened, it takes registrations', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await family()
    const { activity, session } = await wednesdayActivity({ capacity: 5 })
    const agent = await createAgent({ services: ['enfance'] })
    const opening = (decision: string) =>
      client
        .post(`/agents/enfance/activites/${activity.id}/ouverture`)
        .form({ decision })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    const register = () =>
      client
        .post('/enfance/inscriptions')
        .form({ child: String(ines.id), session: String(session.id) })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    ;(await opening('close')).assertStatus(303)
    const page = await client.get('/enfance/activites').withGuard('web').loginAs(user)
    page.assertTextIncludes('Mercredis sportifs')
    page.assertTextIncludes('Les inscriptions à cette activité sont fermées.')
    assert.deepEqual(inputErrors(await register()).child, [
      'Cette séance est fermée aux inscriptions',
    ])
    const index = await client.get('/agents/enfance').withGuard('agent').loginAs(agent)
    index.assertTextIncludes('Mercredis sportifs (fermée)')
    ;(await opening('reopen')).assertStatus(303)
    ;(await register()).assertStatus(303)
    assert.lengthOf(await Registration.all(), 1)
  })

  test('a session given more places places the children waiting, in order, and tells their families; a session whose dates are the wrong way round is refused', async ({
    client,
    assert,
  }) => {
    const first = await family('premiere@example.org')
    const second = await family('deuxieme@example.org')
    const { session } = await wednesdayActivity({ capacity: 1 })
    const { registerChild } = await import('../../services/registrations.js')
    for (const { user, ines } of [first, second])
      await registerChild({ sessionId: session.id, childId: ines.id, user })
    await registerChild({ sessionId: session.id, childId: second.tom.id, user: second.user })
    const agent = await createAgent({ services: ['enfance'] })
    const update = (form: Record<string, string>) =>
      client
        .post(`/agents/enfance/sessions/${session.id}`)
        .form({
          label: 'Mercredi prochain',
          startsOn: session.startsOn,
          endsOn: session.endsOn,
          ...form,
        })
        .withGuard('agent')
        .loginAs(agent)
        .withCsrfToken()
        .redirects(0)
    const edit = await client
      .get(`/agents/enfance/sessions/${session.id}/modifier`)
      .withGuard('agent')
      .loginAs(agent)
    edit.assertTextIncludes('value="1"')
    ;(await update({ capacity: '2' })).assertStatus(303)
    const rows = await Registration.query().orderBy('id')
    assert.deepEqual(
      rows.map(({ status }) => status),
      ['placed', 'placed', 'waiting']
    )
    await mailbox.waitFor('deuxieme@example.org', /place s’est libérée pour Inès/)
    const wrong = await update({ capacity: '3', endsOn: '2000-01-01' })
    assert.deepEqual(inputErrors(wrong).endsOn, ['La date de fin doit suivre la date de début'])
    await session.refresh()
    assert.equal(session.capacity, 2)
    ;(await update({ capacity: '1', label: 'Mercredi 9 décembre' })).assertStatus(303)
    await session.refresh()
    assert.equal(session.label, 'Mercredi 9 décembre')
    assert.equal(
      await Registration.query()
        .where('status', 'placed')
        .count('* as total')
        .then((r) => Number(r[0].$extras.total)),
      2,
      'fewer places: nobody loses theirs'
    )
  })
})

test.group('Childhood: activity fees on the month’s invoice', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-02T10:00')
    return () => {
      clock.reset()
    }
  })

  async function activity(name: string, pricing: 'session' | 'period', priceB: number) {
    return Activity.create({
      kind: 'periscolaire',
      name,
      description: null,
      minAge: 3,
      maxAge: 12,
      pricing,
      prices: { A: 100, B: priceB, C: 2000, D: 3000 },
      opensOn: '2026-09-01',
      closesOn: '2027-06-30',
      active: true,
    })
  }

  async function session(activityId: number, label: string, startsOn: string, endsOn: string) {
    return ActivitySession.create({ activityId, label, startsOn, endsOn, capacity: 20 })
  }

  test('per séance and per period fees at the family’s band are on the canteen invoice of the month; children waiting pay nothing; a period is billed once, in the month it starts', async ({
    assert,
  }) => {
    const { user, ines, tom } = await canteenFamily('activites@example.org')
    const wednesdays = await activity('Mercredis récréatifs', 'session', 650)
    const workshop = await activity('Stage de théâtre', 'session', 800)
    const centre = await activity('Centre de loisirs', 'period', 5000)
    const wednesday = await session(
      wednesdays.id,
      'Mercredi 18 novembre',
      '2026-11-18',
      '2026-11-18'
    )
    // Monday 9 to Friday 13 November 2026: 11 November is a public holiday, four séances.
    const week = await session(workshop.id, 'Semaine du 9 novembre', '2026-11-09', '2026-11-13')
    // Starts on Monday 30 November, ends in December: billed whole in November.
    const holidayWeek = await session(
      centre.id,
      'Semaine du 30 novembre',
      '2026-11-30',
      '2026-12-04'
    )
    const place = (
      sessionId: number,
      childId: number,
      status: 'placed' | 'waiting' | 'cancelled'
    ) =>
      Registration.create({
        sessionId,
        householdMemberId: childId,
        userId: user.id,
        status,
        attendance: {},
      })
    await place(wednesday.id, ines.id, 'placed')
    await place(wednesday.id, tom.id, 'waiting')
    await place(week.id, tom.id, 'placed')
    await place(holidayWeek.id, ines.id, 'placed')
    await place(holidayWeek.id, tom.id, 'cancelled')

    await invoiceCanteenMonth('2026-11')
    const invoice = await Invoice.query().where('payerUserId', user.id).firstOrFail()
    assert.equal(invoice.label, 'Enfance, cantine et activités — novembre 2026')
    const lines = (await InvoiceLine.query().where('invoiceId', invoice.id).orderBy('id')).map(
      ({ label, quantity, unitCents }) => [label, quantity, unitCents]
    )
    assert.deepEqual(lines, [
      ['Repas de Inès (tranche B)', 17, 285],
      ['Mercredis récréatifs, Mercredi 18 novembre : Inès (tranche B, la séance)', 1, 650],
      ['Stage de théâtre, Semaine du 9 novembre : Tom (tranche B, la séance)', 4, 800],
      ['Centre de loisirs, Semaine du 30 novembre : Inès (tranche B, la période)', 1, 5000],
    ])
    assert.equal(invoice.amountCents, 17 * 285 + 650 + 4 * 800 + 5000)

    await invoiceCanteenMonth('2026-12')
    const december = await Invoice.query()
      .where('source', `childhood:canteen:${user.id}:2026-12`)
      .firstOrFail()
    const decemberLines = await InvoiceLine.query().where('invoiceId', december.id)
    assert.deepEqual(
      decemberLines.map(({ label }) => label),
      ['Repas de Inès (tranche B)']
    )
    assert.deepEqual(await invoiceCanteenMonth('2026-11'), { issued: 0, skipped: 1, families: 1 })
  })

  test('a family with an activity and no canteen gets an invoice for the activity alone, at band D without a validated quotient', async ({
    assert,
  }) => {
    const { user, tom } = await family()
    const wednesdays = await activity('Mercredis récréatifs', 'session', 650)
    const wednesday = await session(
      wednesdays.id,
      'Mercredi 25 novembre',
      '2026-11-25',
      '2026-11-25'
    )
    await Registration.create({
      sessionId: wednesday.id,
      householdMemberId: tom.id,
      userId: user.id,
      status: 'placed',
      attendance: {},
    })
    assert.deepEqual(await invoiceCanteenMonth('2026-11'), { issued: 1, skipped: 0, families: 1 })
    const line = await InvoiceLine.firstOrFail()
    assert.equal(line.quantity, 1)
    assert.equal(line.unitCents, 3000)
    assert.include(line.label, 'tranche D')
  })
})

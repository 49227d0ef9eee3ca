import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import InvoiceLine from '#payments/models/invoice_line'
import Invoice from '#payments/models/invoice'
import { createAgent } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { clock } from '#core/clock'
import SchoolHoliday from '../../models/school_holiday.js'
import { invoiceCanteenMonth } from '../../services/canteen.js'
import { periodsFromFile } from '../../services/school_calendar.js'
import { canteenFamily } from '../support.js'

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url)
const CSV = 'calendrier-scolaire-2026-2027.csv'
const ICS = 'calendrier-scolaire-zone-c-2026-2027.ics'

/** The zone C periods of 2026–2027: first and last day without school (the day before classes resume). */
const ZONE_C_2026_2027 = [
  ['Vacances de la Toussaint', '2026-10-17', '2026-11-01'],
  ['Vacances de Noël', '2026-12-19', '2027-01-03'],
  ["Vacances d'Hiver", '2027-02-20', '2027-03-07'],
  ['Vacances de Printemps', '2027-04-17', '2027-05-02'],
  ["Vacances d'Été", '2027-07-03', '2027-08-31'],
]

async function mealsInvoiced(userId: number, month: string) {
  const invoice = await Invoice.query()
    .where('payerUserId', userId)
    .where('source', `childhood:canteen:${userId}:${month}`)
    .firstOrFail()
  const lines = await InvoiceLine.query().where('invoiceId', invoice.id)
  return lines.reduce((days, line) => days + line.quantity, 0)
}

async function storedPeriods() {
  return (await SchoolHoliday.query().orderBy('startsOn')).map((holiday) => [
    holiday.zone,
    holiday.startsOn,
    holiday.endsOn,
  ])
}

test.group('Childhood: school holidays of the city’s zone', (group) => {
  group.each.setup(() => {
    clock.travelTo('2027-03-10T10:00')
    return () => {
      clock.reset()
    }
  })

  const importFile = async (
    client: any,
    agent: Awaited<ReturnType<typeof createAgent>>,
    name: string
  ) =>
    client
      .post('/agents/enfance/vacances/import')
      .file('calendrier', await readFile(fixture(name)), { filename: name })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)

  test('with the zone C calendar of 2026–2027 imported from the national CSV, February 2027 is invoiced without its winter holiday week and December 2026 without its Christmas days; importing the file again adds nothing', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['enfance'] })
    const first = await importFile(client, admin, CSV)
    first.assertStatus(303)
    first.assertHeader('location', '/agents/enfance/vacances')
    const again = await importFile(client, admin, CSV)
    again.assertStatus(303)
    assert.deepEqual(
      await storedPeriods(),
      ZONE_C_2026_2027.map(([, from, to]) => ['C', from, to])
    )
    assert.equal(
      (again.flashMessages() as Record<string, string>).success_text,
      'Calendrier importé pour la zone C : aucune nouvelle période, 5 déjà connues.'
    )
    const page = await client.get('/agents/enfance/vacances').withGuard('agent').loginAs(admin)
    page.assertTextIncludes('07/03/2027')
    page.assertTextIncludes('20/02/2027')

    const user = (await canteenFamily()).user
    await invoiceCanteenMonth('2027-02')
    // February 2027: 16 Mondays, Tuesdays, Thursdays and Fridays; those of 22–26 February are holidays.
    assert.equal(await mealsInvoiced(user.id, '2027-02'), 12)
    await invoiceCanteenMonth('2026-12')
    // December 2026: 18 such days, 25 December a public holiday; 21, 22, 24, 28, 29 and 31 are holidays.
    assert.equal(await mealsInvoiced(user.id, '2026-12'), 11)
    const lines = await InvoiceLine.query().where('label', 'like', 'Repas%')
    assert.lengthOf(lines, 2)
  })

  test('the ICS file of zone C gives the same periods, and nothing more once the CSV was imported', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['enfance'] })
    ;(await importFile(client, admin, ICS)).assertStatus(303)
    assert.deepEqual(
      await storedPeriods(),
      ZONE_C_2026_2027.map(([, from, to]) => ['C', from, to])
    )
    const labels = (await SchoolHoliday.query().orderBy('startsOn')).map(({ label }) => label)
    assert.deepEqual(labels.slice(0, 4), [
      'Vacances de la Toussaint',
      'Vacances de Noël',
      "Vacances d'Hiver",
      'Vacances de Printemps',
    ])
    ;(await importFile(client, admin, CSV)).assertStatus(303)
    assert.lengthOf(await SchoolHoliday.all(), 5)
  })

  test('the zone is a setting: a city in zone A keeps only the periods of zone A from the national file, and its canteen is billed during the zone C winter holidays', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['enfance'] })
    const form = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    form.assertTextIncludes('Zone des vacances scolaires de la commune')
    form.assertTextIncludes('Zone C')
    const settings = await client
      .post('/agents/admin/reglages/childhood')
      .form({
        childhood__mealPriceA: '1,20',
        childhood__mealPriceB: '2,85',
        childhood__mealPriceC: '3,80',
        childhood__mealPriceD: '4,50',
        childhood__schoolZone: 'A',
      })
      .header('referer', '/agents/admin/reglages')
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    settings.assertStatus(303)
    ;(await importFile(client, admin, CSV)).assertStatus(303)
    assert.deepEqual(await storedPeriods(), [
      ['A', '2026-10-17', '2026-11-01'],
      ['A', '2026-12-19', '2027-01-03'],
    ])
    const user = (await canteenFamily()).user
    await invoiceCanteenMonth('2027-02')
    assert.equal(await mealsInvoiced(user.id, '2027-02'), 16)
  })

  test('an admin enters a period by hand, its days are not billed; the same days twice, an end before the start or a day that does not exist are refused in French next to the field; removed, its days are billed again', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['enfance'] })
    const post = (form: Record<string, string>) =>
      client
        .post('/agents/enfance/vacances')
        .form(form)
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
    const week = { label: 'Vacances d’hiver', startsOn: '2027-02-20', endsOn: '2027-03-07' }
    ;(await post(week)).assertStatus(303)
    assert.deepEqual(inputErrors(await post(week)).startsOn, [
      'Cette période de vacances est déjà enregistrée',
    ])
    assert.deepEqual(inputErrors(await post({ ...week, endsOn: '2027-02-01' })).endsOn, [
      'La date de fin doit suivre la date de début',
    ])
    assert.deepEqual(inputErrors(await post({ ...week, startsOn: '2027-02-30' })).startsOn, [
      'Saisissez une date qui existe, par exemple 19/12/2026',
    ])
    assert.deepEqual(inputErrors(await post({ ...week, label: '' })).label, [
      'Renseignez le champ « Libellé »',
    ])
    assert.lengthOf(await SchoolHoliday.all(), 1)
    const user = (await canteenFamily()).user
    await invoiceCanteenMonth('2027-02')
    assert.equal(await mealsInvoiced(user.id, '2027-02'), 12)

    const holiday = await SchoolHoliday.firstOrFail()
    ;(
      await client
        .post(`/agents/enfance/vacances/${holiday.id}/suppression`)
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(303)
    assert.lengthOf(await SchoolHoliday.all(), 0)
    await Invoice.query().delete()
    await invoiceCanteenMonth('2027-02')
    assert.equal(await mealsInvoiced(user.id, '2027-02'), 16)
  })

  test('a file that is not the national calendar, or without a period of the zone, is refused next to the field and nothing is stored', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['enfance'] })
    const send = (content: string, filename: string) =>
      client
        .post('/agents/enfance/vacances/import')
        .file('calendrier', Buffer.from(content), { filename })
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
    assert.deepEqual(
      inputErrors(await send('%PDF-1.4 nothing here', 'calendrier.pdf')).calendrier,
      ['Ce fichier n’est ni le CSV ni l’ICS du calendrier scolaire national']
    )
    assert.deepEqual(
      inputErrors(await send('Description;Population\nNoël;-\n', 'calendrier.csv')).calendrier,
      [
        'Il manque à ce fichier les colonnes Description, Date de début et Zones du calendrier scolaire national',
      ]
    )
    const zoneB =
      'Description;Population;Date de début;Date de fin;Location;Zones;annee_scolaire\n' +
      'Vacances de Printemps;-;2027-04-03;2027-04-19;Lille;Zone B;2026-2027\n'
    assert.deepEqual(inputErrors(await send(zoneB, 'calendrier.csv')).calendrier, [
      'Ce fichier ne contient aucune période de vacances de la zone de la commune',
    ])
    const missing = await client
      .post('/agents/enfance/vacances/import')
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(missing).calendrier, [
      'Choisissez le fichier du calendrier scolaire (CSV ou ICS, 5 Mo au plus)',
    ])
    assert.lengthOf(await SchoolHoliday.all(), 0)
  })

  test('an agent of the service without the permission gets 404 on the schools and holidays pages, and a forged import stores nothing', async ({
    client,
    assert,
  }) => {
    const agent = await createAgent({ services: ['enfance'] })
    for (const path of [
      '/agents/enfance/ecoles',
      '/agents/enfance/ecoles/nouvelle',
      '/agents/enfance/vacances',
    ])
      (await client.get(path).withGuard('agent').loginAs(agent)).assertStatus(404)
    ;(await importFile(client, agent, CSV)).assertStatus(404)
    assert.lengthOf(await SchoolHoliday.all(), 0)
    const menu = await client.get('/agents/enfance').withGuard('agent').loginAs(agent)
    assert.notInclude(menu.text(), '/agents/enfance/vacances')
    const granted = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.schools.manage'],
    })
    ;(
      await client.get('/agents/enfance/vacances').withGuard('agent').loginAs(granted)
    ).assertStatus(200)
  })
})

test.group('Childhood: reading the national school calendar', () => {
  test('teachers-only lines, other zones and overseas académies are left out; a period without an end lasts until 31 August', ({
    assert,
  }) => {
    const text =
      'Description;Population;Date de début;Date de fin;Location;Zones;annee_scolaire\n' +
      'Vacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Corse;Corse;2026-2027\n' +
      'Vacances de Noël;Enseignants;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Paris;Zone C;2026-2027\n' +
      '"Vacances d\'Été";Élèves;2027-07-03;;Paris;Zone C;2026-2027\n'
    assert.deepEqual(periodsFromFile(text, 'C'), [
      { label: "Vacances d'Été", startsOn: '2027-07-03', endsOn: '2027-08-31' },
    ])
  })
})

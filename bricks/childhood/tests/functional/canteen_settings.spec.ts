import { test } from '@japa/runner'
import Invoice from '#payments/models/invoice'
import InvoiceLine from '#payments/models/invoice_line'
import Job from '#jobs/job'
import { Worker } from '#jobs/worker'
import { createAgent, createService } from '#tests/support/factories/accounts'
import { inputErrors } from '#tests/support/http'
import { clock } from '#core/clock'
import Registration from '../../models/registration.js'
import { canteenFamily, family, wednesdayActivity } from '../support.js'

const PRICES = {
  childhood__mealPriceA: '1,20',
  childhood__mealPriceB: '2,85',
  childhood__mealPriceC: '3,80',
  childhood__mealPriceD: '4,50',
  childhood__schoolZone: 'C',
  childhood__absenceNoticeHours: '48',
}

/** A band B family eating at school on Mondays, Tuesdays, Thursdays and Fridays of the school year 2026–2027: 17 days in November 2026. */
async function bandBFamily() {
  clock.travelTo('2026-12-02T10:00')
  return (await canteenFamily('tranche-b@example.org')).user
}

test.group('Childhood: the meal prices are settings', () => {
  test('an admin sees the band B meal price in /agents/admin/reglages, with the value in force and the default', async ({
    client,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('Prix du repas à la cantine, tranche B')
    page.assertTextIncludes('value="2,85"')
    page.assertTextIncludes('Par défaut : 2,85 €.')
    page.assertTextIncludes('action="/agents/admin/reglages/childhood"')
  })

  test('a band B price typed "abc" or "1,234" is refused with a French message next to the field, the valid band A price beside it is not stored', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const expected: Record<string, string> = {
      'abc': 'Saisissez un montant en euros, par exemple 2,85',
      '1,234': 'Saisissez un montant avec deux chiffres après la virgule au plus, par exemple 2,85',
    }
    for (const [typed, message] of Object.entries(expected)) {
      const response = await client
        .post('/agents/admin/reglages/childhood')
        .form({ ...PRICES, childhood__mealPriceA: '1,50', childhood__mealPriceB: typed })
        .header('referer', '/agents/admin/reglages')
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
      assert.deepEqual(inputErrors(response).childhood__mealPriceB, [message], typed)
      assert.notProperty(inputErrors(response), 'childhood__mealPriceA')
    }
    const refused = await client
      .post('/agents/admin/reglages/childhood')
      .form({ ...PRICES, childhood__mealPriceB: 'abc' })
      .header('referer', '/agents/admin/reglages')
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    refused.assertTextIncludes('href="#childhood__mealPriceB"')
    refused.assertTextIncludes('id="childhood__mealPriceB-error"')
    refused.assertTextIncludes('value="abc"')
    const { readSettings } = await import('#core/services/settings')
    const { childhoodSettings } = await import('../../settings.js')
    assert.equal((await readSettings('childhood', childhoodSettings)).mealPriceA, 120)
  })

  test('changing the band B meal price in /agents/admin/reglages changes the amount of the next canteen invoicing run', async ({
    client,
    assert,
  }) => {
    const user = await bandBFamily()
    await createService('enfance', 'Enfance')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const agent = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.invoicing.run'],
    })
    const saved = await client
      .post('/agents/admin/reglages/childhood')
      .form({ ...PRICES, childhood__mealPriceB: '3,10' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(303)

    // The family sees the new price too.
    const familyPage = await client.get('/enfance').withGuard('web').loginAs(user)
    familyPage.assertTextIncludes('3,10')

    await client
      .post('/agents/enfance/cantine/factures')
      .form({ mois: '2026-11' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    await new Worker().drain()
    const invoice = await Invoice.query().where('payerUserId', user.id).firstOrFail()
    const [line] = await InvoiceLine.query().where('invoiceId', invoice.id)
    assert.equal(line.quantity, 17)
    assert.equal(line.unitCents, 310)
    assert.equal(invoice.amountCents, 17 * 310)
  })

  test('an invalid band B price is refused next to the field and the next run keeps the price in force', async ({
    client,
    assert,
  }) => {
    const user = await bandBFamily()
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const refused = await client
      .post('/agents/admin/reglages/childhood')
      .form({ ...PRICES, childhood__mealPriceB: '-3' })
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(refused).childhood__mealPriceB, [
      'Le montant ne peut pas être négatif',
    ])
    const { invoiceCanteenMonth } = await import('../../services/canteen.js')
    await invoiceCanteenMonth('2026-11')
    const invoice = await Invoice.query().where('payerUserId', user.id).firstOrFail()
    assert.equal(
      (await InvoiceLine.query().where('invoiceId', invoice.id).firstOrFail()).unitCents,
      285
    )
  })
})

test.group('Childhood: permissions of the enfance service', () => {
  test('an agent granted the invoicing permission runs the month’s canteen invoicing; one of the same service without it gets 404 and nothing is queued', async ({
    client,
    assert,
  }) => {
    await bandBFamily()
    const without = await createAgent({ services: ['enfance'] })
    const granted = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.invoicing.run'],
    })

    const page = await client
      .get('/agents/enfance/cantine?mois=2026-11')
      .withGuard('agent')
      .loginAs(without)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'action="/agents/enfance/cantine/factures"')
    page.assertTextIncludes(
      'La facturation du mois est lancée par un agent qui en a la permission.'
    )
    const refused = await client
      .post('/agents/enfance/cantine/factures')
      .form({ mois: '2026-11' })
      .withGuard('agent')
      .loginAs(without)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(404)
    assert.lengthOf(await Job.query().where('name', 'childhood_canteen_invoicing'), 0)

    const allowed = await client
      .get('/agents/enfance/cantine?mois=2026-11')
      .withGuard('agent')
      .loginAs(granted)
    allowed.assertTextIncludes('action="/agents/enfance/cantine/factures"')
    const run = await client
      .post('/agents/enfance/cantine/factures')
      .form({ mois: '2026-11' })
      .withGuard('agent')
      .loginAs(granted)
      .withCsrfToken()
      .redirects(0)
    run.assertStatus(303)
    assert.lengthOf(await Job.query().where('name', 'childhood_canteen_invoicing'), 1)
    await new Worker().drain()
    assert.lengthOf(await Invoice.all(), 1)
  })

  test('an admin of the service keeps running the invoicing; an admin of another service gets 404', async ({
    client,
    assert,
  }) => {
    await bandBFamily()
    const ownAdmin = await createAgent({ role: 'admin', services: ['enfance'] })
    const otherAdmin = await createAgent({ role: 'admin', services: ['accueil'] })
    ;(
      await client
        .post('/agents/enfance/cantine/factures')
        .form({ mois: '2026-11' })
        .withGuard('agent')
        .loginAs(otherAdmin)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(404)
    assert.lengthOf(await Job.query().where('name', 'childhood_canteen_invoicing'), 0)
    ;(
      await client
        .post('/agents/enfance/cantine/factures')
        .form({ mois: '2026-11' })
        .withGuard('agent')
        .loginAs(ownAdmin)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(303)
    assert.lengthOf(await Job.query().where('name', 'childhood_canteen_invoicing'), 1)
  })

  test('accepting or refusing a registration needs the registrations permission; without it the buttons are not offered and a forged request gets 404', async ({
    client,
    assert,
  }) => {
    const { user, ines } = await family()
    const { session } = await wednesdayActivity()
    await client
      .post('/enfance/inscriptions')
      .form({ child: String(ines.id), session: String(session.id) })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
    const registration = await Registration.firstOrFail()
    const without = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.invoicing.run'],
    })
    const manager = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.registrations.manage'],
    })

    const page = await client
      .get(`/agents/enfance/sessions/${session.id}`)
      .withGuard('agent')
      .loginAs(without)
    page.assertStatus(200)
    assert.notInclude(page.text(), `/agents/enfance/inscriptions/${registration.id}/decision`)
    ;(
      await client
        .post(`/agents/enfance/inscriptions/${registration.id}/decision`)
        .form({ decision: 'refuse' })
        .withGuard('agent')
        .loginAs(without)
        .withCsrfToken()
        .redirects(0)
    ).assertStatus(404)
    await registration.refresh()
    assert.equal(registration.status, 'placed')

    const managed = await client
      .get(`/agents/enfance/sessions/${session.id}`)
      .withGuard('agent')
      .loginAs(manager)
    managed.assertTextIncludes(`/agents/enfance/inscriptions/${registration.id}/decision`)
    await client
      .post(`/agents/enfance/inscriptions/${registration.id}/decision`)
      .form({ decision: 'accept' })
      .withGuard('agent')
      .loginAs(manager)
      .withCsrfToken()
    await registration.refresh()
    assert.isNotNull(registration.acceptedAt)
  })
})

import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import Demand from '#demands/models/demand'
import AuditEntry from '#accounts/models/audit_entry'
import type Agent from '#accounts/models/agent'
import modules from '#core/services/modules'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import { applyRetention } from '#demands/jobs/apply_retention'
import { procedureSettings } from '#demands/services/procedure_settings'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { fileThreeStepDemand } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'

/*
 * The fixture brick's "demande-essai" is answered within 15 working days and
 * kept 24 months after closing; the core's "nous-contacter" within 10 days, 12
 * months. Admins change both per procedure in /agents/admin/reglages.
 */
const SLA = 'demands__demande-essai__sla_days'
const RETENTION = 'demands__demande-essai__retention_months'

/** The demands form as the page sends it: every procedure's two settings at their default, then `changes`. */
function demandsForm(changes: Record<string, string> = {}) {
  const form: Record<string, string> = {}
  for (const [key, definition] of Object.entries(procedureSettings()))
    form[`demands__${key}`] = definition.format(definition.default)
  return { ...form, ...changes }
}

function saveDemandsSettings(client: ApiClient, admin: Agent, changes: Record<string, string>) {
  return client
    .post('/agents/admin/reglages/demands')
    .form(demandsForm(changes))
    .header('referer', '/agents/admin/reglages')
    .withGuard('agent')
    .loginAs(admin)
    .withCsrfToken()
    .redirects(0)
}

function dueDate(demand: Demand) {
  return demand.dueAt?.setZone('Europe/Paris').toISODate()
}

test.group('Processing time and retention of each procedure (/agents/admin/reglages)', () => {
  test('an admin sees each enabled procedure’s processing time and retention, the code’s values by default', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('action="/agents/admin/reglages/demands"')
    page.assertTextIncludes(
      'Délai de traitement de « Demande d’essai en trois étapes », en jours ouvrés'
    )
    page.assertTextIncludes(
      'Conservation des demandes closes de « Demande d’essai en trois étapes », en mois'
    )
    page.assertTextIncludes('Délai de traitement de « Nous contacter », en jours ouvrés')
    page.assertTextIncludes('Conservation des demandes closes de « Nous contacter », en mois')
    const html = page.text()
    assert.match(html, /name="demands__demande-essai__sla_days" value="15"/)
    assert.match(html, /name="demands__demande-essai__retention_months" value="24"/)
    assert.match(html, /name="demands__nous-contacter__sla_days" value="10"/)
    assert.match(html, /name="demands__nous-contacter__retention_months" value="12"/)
    page.assertTextIncludes('Par défaut : 15.')
    page.assertTextIncludes('Par défaut : 24.')
    page.assertTextIncludes('sans week-ends ni jours fériés')
  })

  test('a disabled brick’s procedures have no settings on the page, and the form is saved without them', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    modules.enableFromSetting('administration,childhood')
    try {
      const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
      assert.notInclude(page.text(), 'Demande d’essai en trois étapes')
      page.assertTextIncludes('Délai de traitement de « Nous contacter », en jours ouvrés')
      const form = demandsForm({ 'demands__nous-contacter__sla_days': '12' })
      assert.notProperty(form, SLA)
      const saved = await client
        .post('/agents/admin/reglages/demands')
        .form(form)
        .withGuard('agent')
        .loginAs(admin)
        .withCsrfToken()
        .redirects(0)
      saved.assertStatus(303)
    } finally {
      modules.enableFromSetting(undefined)
    }
    assert.deepEqual(
      (await db.from('module_settings').select('key', 'value')).map((row) => [row.key, row.value]),
      [['nous-contacter__sla_days', '12']]
    )
  })

  test('a shorter processing time gives the next demand an earlier due date; demands already filed keep theirs', async ({
    client,
    assert,
  }) => {
    // Monday 1 March 2027: no public holiday in the next three weeks.
    clock.travelTo('2027-03-01T10:00')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const resident = await createResident()
    const before = await fileThreeStepDemand(resident)
    assert.equal(dueDate(before), '2027-03-22')

    ;(await saveDemandsSettings(client, admin, { [SLA]: '5' })).assertStatus(303)

    const after = await fileThreeStepDemand(resident)
    assert.equal(dueDate(after), '2027-03-08')
    await before.refresh()
    assert.equal(dueDate(before), '2027-03-22')
  })

  test('a shorter retention makes the nightly job delete the closed demands it now reaches, and only those', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2027-03-01T03:30')
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const resident = await createResident()
    const closedSevenMonthsAgo = await fileThreeStepDemand(resident)
    const closedFiveMonthsAgo = await fileThreeStepDemand(resident)
    for (const [demand, months] of [
      [closedSevenMonthsAgo, 7],
      [closedFiveMonthsAgo, 5],
    ] as const) {
      await db
        .from('demands')
        .where('id', demand.id)
        .update({ state: 'accepted', closed_at: dbTimestamp(clock.now().minus({ months })) })
    }
    assert.equal(await applyRetention(), 0, 'both are within the 24 months of the code')

    ;(await saveDemandsSettings(client, admin, { [RETENTION]: '6' })).assertStatus(303)

    assert.equal(await applyRetention(), 1)
    assert.isNull(await Demand.find(closedSevenMonthsAgo.id))
    assert.isNotNull(await Demand.find(closedFiveMonthsAgo.id))
  })

  test('a processing time or retention that is not a whole number in its range is refused in French next to the field, and nothing is stored', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    const refusals: [string, string, string][] = [
      [SLA, 'abc', 'Saisissez un nombre entier, par exemple 12'],
      [SLA, '2,5', 'Saisissez un nombre entier, par exemple 12'],
      [SLA, '0', 'Saisissez un nombre supérieur ou égal à 1'],
      [SLA, '251', 'Saisissez un nombre inférieur ou égal à 250'],
      [RETENTION, '0', 'Saisissez un nombre supérieur ou égal à 1'],
      [RETENTION, '121', 'Saisissez un nombre inférieur ou égal à 120'],
      [RETENTION, '', 'Saisissez une valeur'],
    ]
    for (const [field, typed, message] of refusals) {
      const other = field === SLA ? RETENTION : SLA
      const response = await saveDemandsSettings(client, admin, { [field]: typed, [other]: '30' })
      assert.deepEqual(inputErrors(response)[field], [message], `${field} = "${typed}"`)
      assert.notProperty(inputErrors(response), other)
    }
    assert.lengthOf(
      await db.from('module_settings'),
      0,
      'the valid value typed beside the wrong one is not stored either'
    )
    assert.lengthOf(await AuditEntry.all(), 0)

    const page = await client
      .post('/agents/admin/reglages/demands')
      .form(demandsForm({ [SLA]: '400' }))
      .header('referer', '/agents/admin/reglages')
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    page.assertTextIncludes('error-summary')
    page.assertTextIncludes(`href="#${SLA}"`)
    page.assertTextIncludes(`id="${SLA}-error"`)
    page.assertTextIncludes('Saisissez un nombre inférieur ou égal à 250')
    page.assertTextIncludes('value="400"')
  })

  test('a change is audited with the procedure, the old and the new value; saving the same values writes nothing', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin', services: ['accueil'] })
    ;(await saveDemandsSettings(client, admin, { [SLA]: '20', [RETENTION]: '36' })).assertStatus(
      303
    )
    const entries = await AuditEntry.query().orderBy('id')
    assert.deepEqual(
      entries.map((entry) => [entry.agentId, entry.action, entry.detail]),
      [
        [admin.id, 'setting.changed', 'demands.demande-essai__sla_days : 15 → 20'],
        [admin.id, 'setting.changed', 'demands.demande-essai__retention_months : 24 → 36'],
      ]
    )
    const audit = await client.get('/agents/admin/audit').withGuard('agent').loginAs(admin)
    audit.assertTextIncludes('demands.demande-essai__sla_days : 15 → 20')
    const page = await client.get('/agents/admin/reglages').withGuard('agent').loginAs(admin)
    assert.match(page.text(), /name="demands__demande-essai__sla_days" value="20"/)

    await saveDemandsSettings(client, admin, { [SLA]: '20', [RETENTION]: '36' })
    assert.lengthOf(await AuditEntry.all(), 2)
  })
})

import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import { clock } from '#core/clock'
import { createResident } from '#tests/support/factories/accounts'
import { buildArchive, eraseResident } from '#portal/services/personal_data'
import { unzip } from '#portal/tests/support/my_data'
import { createMediator, giveMandate } from '#mediation/tests/support'

test.group('Mediation in a resident’s own data', () => {
  test('the archive holds the resident’s mandates, the signed form and what was done for them; deleting the account removes all of it', async ({
    assert,
  }) => {
    clock.travelTo('2026-12-07T10:00:00', { freeze: true })
    const resident = await createResident({ email: 'louise@example.org' })
    const other = await createResident({ email: 'autre@example.org' })
    const mediator = await createMediator('nadia@ville.example')
    const mandate = await giveMandate(resident, mediator, ['demands'])
    const scanKey = `mediation/test-${mandate.id}.pdf`
    await drive.use().put(scanKey, Buffer.from('%PDF-1.4 mandat signé'))
    mandate.merge({
      channel: 'paper',
      scanKey,
      scanName: 'mandat.pdf',
      scanMime: 'application/pdf',
      scanSize: 21,
    })
    await mandate.save()
    await giveMandate(other, mediator, ['appointments'])
    await db.table('mediation_actions').insert({
      mandate_id: mandate.id,
      user_id: resident.id,
      agent_id: mediator.id,
      agent_name: 'Nadia Benali',
      module: 'demands',
      route: null,
      method: 'POST',
      path: '/demarches/contact/envoi',
      created_at: clock.now().toJSDate(),
    })

    const files = await unzip(await buildArchive(resident, clock.now(), i18nManager.locale('fr')))
    const mandates = JSON.parse(files.get('mediation/mandates.json')!.toString())
    assert.lengthOf(mandates, 1, 'the other resident’s mandate is not in the archive')
    assert.deepEqual(mandates[0].scope, ['demands'])
    assert.equal(mandates[0].channel, 'paper')
    assert.include(mandates[0].mediator, mediator.lastName)
    assert.equal(
      files.get(`mediation/mandates/mandates/${mandate.id}-mandat.pdf`)?.toString(),
      '%PDF-1.4 mandat signé'
    )
    const actions = JSON.parse(files.get('mediation/actions.json')!.toString())
    assert.deepEqual(
      actions.map((action: { mediator: string; page: string }) => [action.mediator, action.page]),
      [['Nadia Benali', '/demarches/contact/envoi']]
    )

    await eraseResident(resident, clock.now())
    assert.lengthOf(await db.from('mediation_mandates').where('user_id', resident.id), 0)
    assert.lengthOf(await db.from('mediation_actions').where('user_id', resident.id), 0)
    assert.isFalse(await drive.use().exists(scanKey))
    assert.lengthOf(await db.from('mediation_mandates').where('user_id', other.id), 1)
  })
})

import { test } from '@japa/runner'
import modules from '#core/services/modules'
import { hooksFor } from '#appointments/services/hooks'
import { jobRegistry } from '#jobs/registry'
import { PICKUP_TYPE, TITLE_TYPE } from '../../appointments.js'

test.group('Administration: what its manifest registers', (group) => {
  group.each.teardown(() => modules.enableFromSetting(undefined))

  test('its appointment hooks and ANTS jobs come from the manifest while it is enabled, and are gone while it is disabled', async ({
    assert,
  }) => {
    assert.isFunction((await hooksFor(TITLE_TYPE)).booked)
    assert.equal((await hooksFor(PICKUP_TYPE)).bookingPath, '/formalites/retrait-titre')
    assert.includeMembers(jobRegistry().names(), ['ants_declare', 'ants_withdraw'])

    modules.enableFromSetting('none')
    assert.deepEqual(await hooksFor(TITLE_TYPE), {})
    assert.notInclude(jobRegistry().names(), 'ants_declare')
  })
  test('ANTS declarations and withdrawals run in their own queue, so a stuck mail never holds them', async ({
    assert,
  }) => {
    assert.equal((await jobRegistry().definition('ants_declare'))?.queue, 'ants')
    assert.equal((await jobRegistry().definition('ants_withdraw'))?.queue, 'ants')
  })
})

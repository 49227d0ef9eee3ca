import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import parvisConfig from '#config/parvis'

test.group('Formalities: calls of the ANTS hub', () => {
  test('the ANTS hub’s calls to /api/ants open no session and set no cookie', async ({
    assert,
  }) => {
    const response = await fetch(
      new URL('/api/ants/getManagedMeetingPoints', parvisConfig.appUrl),
      { headers: { 'X-HUB-RDV-AUTH-TOKEN': 'test-hub-token' } }
    )
    assert.isBelow(response.status, 500)
    assert.isNull(response.headers.get('set-cookie'), 'a cookie was set')
    assert.lengthOf(await db.from('sessions').select('id'), 0)
  })
})

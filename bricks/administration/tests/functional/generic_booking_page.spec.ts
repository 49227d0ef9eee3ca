import { test } from '@japa/runner'
import { createAgenda } from '#tests/support/factories/appointments'
import { TITLE_TYPE } from '../../appointments.js'

test.group('The administration brick’s types and the generic booking pages', () => {
  test('the generic page of an identity-document type leads to the brick’s own booking pages (pre-request number, ANTS)', async ({
    client,
  }) => {
    await createAgenda({ service: 'etat_civil', type: { key: TITLE_TYPE } })
    const page = await client.get(`/rendez-vous/${TITLE_TYPE}`).redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', '/formalites/rendez-vous-titre')
  })
})

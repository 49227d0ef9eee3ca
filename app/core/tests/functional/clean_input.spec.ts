import { test } from '@japa/runner'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { sendForm, urlencoded } from '#tests/support/fuzz'
import { inputErrors } from '#tests/support/http'

test.group('Control characters never reach the database', () => {
  test('a profile saved with NUL bytes and a raw invalid UTF-8 byte keeps the text without them, on SQLite and PostgreSQL alike', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const body = urlencoded([
      ['firstName', 'Ma\u0000rie'],
      [
        'lastName',
        Buffer.concat([Buffer.from('Cu'), Buffer.from([0x00, 0xff]), Buffer.from('rie')]),
      ],
      ['city', 'Évry\u0007-Courcouronnes'],
      ['locale', 'fr'],
    ])
    const response = await sendForm(
      client.post('/mon-espace/profil').withGuard('web').loginAs(user).withCsrfToken().redirects(0),
      body
    )
    response.assertStatus(303)
    await user.refresh()
    assert.equal(user.firstName, 'Marie')
    assert.equal(user.lastName, 'Cu\ufffdrie')
    assert.equal(user.city, 'Évry-Courcouronnes')
  })

  test('a search of the inbox for "%00" finds nothing, without an error', async ({ client }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const response = await client
      .get('/agents/demandes?q=%00&demarche=%00&statut=%00')
      .withGuard('agent')
      .loginAs(agent)
    response.assertStatus(200)
  })
})

test.group('A field of nothing but spaces is no answer', () => {
  test('a profile whose first name is three spaces and a tab is refused with the French message of a missing field, and the name stays', async ({
    client,
    assert,
  }) => {
    const user = await createResident({ firstName: 'Marie' })
    const response = await client
      .post('/mon-espace/profil')
      .form({ firstName: '  \t ', lastName: 'Curie', city: 'Évry-Courcouronnes', locale: 'fr' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(response).firstName, ['Renseignez le champ « Prénom »'])
    await user.refresh()
    assert.equal(user.firstName, 'Marie')
  })
})

import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { writeSetting } from '#core/services/settings'

test.group('Personal data page', () => {
  test('lists every kind of data kept with its period in force, from the modules’ declarations', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/donnees-personnelles')
    page.assertStatus(200)
    const text = page.text().replace(/\s+/g, ' ')
    assert.include(text, 'Durée de conservation de chaque type de données')
    assert.include(
      text,
      'Rendez-vous (nom, coordonnées, motif)</th> <td>12 mois après la date du rendez-vous'
    )
    assert.include(
      text,
      'Factures et paiements (règles de la comptabilité publique)</th> <td>10 ans après'
    )
    assert.include(
      text,
      'Contenu des e-mails envoyés et leurs pièces jointes</th> <td>30 jours après l’envoi'
    )
    assert.include(text, 'Tâches de fond terminées')
    assert.include(text, 'Attestations CAF')
    // Closed demands keep the retention of their procedure.
    assert.match(text, /Demandes « [^»]+ » terminées<\/th> <td>\d+ mois après leur clôture/)
  })

  test('a period an admin changed is the one residents read', async ({ client, assert }) => {
    await writeSetting('payments', 'retention_invoices', 6, {
      updatedBy: null,
      client: db.connection(),
    })
    await writeSetting('notifications', 'retention_mail_bodies', 1, {
      updatedBy: null,
      client: db.connection(),
    })
    const text = (await client.get('/donnees-personnelles')).text().replace(/\s+/g, ' ')
    assert.include(
      text,
      'Factures et paiements (règles de la comptabilité publique)</th> <td>6 ans après'
    )
    assert.include(text, 'leurs pièces jointes</th> <td>1 jour après l’envoi')
  })

  test('in English too', async ({ client, assert }) => {
    const text = (await client.get('/donnees-personnelles').header('Accept-Language', 'en'))
      .text()
      .replace(/\s+/g, ' ')
    assert.include(text, 'Invoices and payments (public accounting rules)</th> <td>10 years after')
  })
})

import { test } from '@japa/runner'
import modules from '#core/services/modules'
import parvisConfig from '#config/parvis'

/** Runs `callback` with PARVIS_BRICKS set to `setting`, then restores every brick. */
async function withBricks(setting: string, callback: () => Promise<void>) {
  modules.enableFromSetting(setting)
  try {
    await callback()
  } finally {
    modules.enableFromSetting(undefined)
  }
}

/** The text of the catalogue's category headings (h2), in page order. */
function categoryHeadings(html: string) {
  return [...html.matchAll(/<h2 id="categorie-[a-z_]+">([^<]+)<\/h2>/g)].map((match) => match[1])
}

/** The category heading an entry's title is listed under. */
function categoryOfTitle(html: string, title: string) {
  const position = html.indexOf(`>${title}</a></h3>`)
  if (position < 0) return null
  return categoryHeadings(html.slice(0, position)).at(-1) ?? null
}

test.group('Catalogue', () => {
  test('lists procedures and services under their category, in the declared order', async ({
    client,
    assert,
  }) => {
    // The bricks this test knows: others installed later add headings of their own.
    modules.enableFromSetting('administration,childhood,fixture')
    const page = await client.get('/demarches')
    modules.enableFromSetting(undefined)
    page.assertStatus(200)
    const html = page.text()
    assert.deepEqual(categoryHeadings(html), [
      'État civil et citoyenneté',
      'Famille et enfance',
      'Cadre de vie et voirie',
      'Autres démarches',
    ])
    assert.equal(
      categoryOfTitle(html, 'Rendez-vous carte d’identité ou passeport'),
      'État civil et citoyenneté'
    )
    assert.equal(
      categoryOfTitle(html, 'Inscription sur les listes électorales'),
      'État civil et citoyenneté'
    )
    assert.equal(categoryOfTitle(html, 'Restauration scolaire'), 'Famille et enfance')
    assert.equal(categoryOfTitle(html, 'Demande d’essai en trois étapes'), 'Cadre de vie et voirie')
    assert.equal(categoryOfTitle(html, 'Permis de conduire'), 'Autres démarches')
    assert.equal(categoryOfTitle(html, 'Nous contacter'), 'Autres démarches')
    // The test brick's catalogue entry declares no category.
    assert.equal(categoryOfTitle(html, 'Démarche d’essai'), 'Autres démarches')
  })

  test('a search in capitals without accents finds a title written with them', async ({
    client,
    assert,
  }) => {
    for (const q of ['DECLARER', 'declaration', 'Déclarer un changement']) {
      const page = await client.get('/demarches').qs({ q })
      page.assertStatus(200)
      assert.include(page.text(), '>Déclarer un changement d’adresse</a>', q)
      assert.notInclude(page.text(), '>Restauration scolaire</a>', q)
    }
  })

  test('a search says how many procedures it found and keeps the query in the box', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/demarches').qs({ q: 'PIECE D’IDENTITE' })
    assert.include(page.text(), '2 démarches trouvées pour « PIECE D’IDENTITE ».')
    assert.include(page.text(), '>Rendez-vous carte d’identité ou passeport</a>')
    assert.include(page.text(), '>Retrait de carte d’identité ou de passeport</a>')
    assert.include(page.text(), 'name="q" value="PIECE D’IDENTITE"')
    assert.deepEqual(categoryHeadings(page.text()), ['État civil et citoyenneté'])
  })

  test('declared keywords find what their titles do not say', async ({ client, assert }) => {
    const moving = await client.get('/demarches').qs({ q: 'déménagement' })
    assert.include(moving.text(), '>Déclarer un changement d’adresse</a>')
    const pavement = await client.get('/demarches').qs({ q: 'trottoir' })
    assert.include(pavement.text(), '1 démarche trouvée pour « trottoir ».')
    assert.include(pavement.text(), '>Demande d’essai en trois étapes</a>')
    const question = await client.get('/demarches').qs({ q: 'reclamation' })
    assert.include(question.text(), '>Nous contacter</a>')
  })

  test('every word of the query must match', async ({ client, assert }) => {
    const page = await client.get('/demarches').qs({ q: 'passeport cantine' })
    assert.include(page.text(), 'Aucune démarche trouvée pour « passeport cantine ».')
  })

  test('a search that finds nothing says to contact the city', async ({ client, assert }) => {
    const page = await client.get('/demarches').qs({ q: 'xylophone' })
    page.assertStatus(200)
    assert.include(page.text(), 'Aucune démarche trouvée pour « xylophone ».')
    assert.include(page.text(), 'Aucune démarche en ligne ne correspond à votre recherche')
    assert.include(page.text(), '<a href="/demarches/nous-contacter">Nous contacter</a>')
    assert.notInclude(page.text(), 'class="card"')
  })

  test('the search is in the visitor’s language', async ({ client, assert }) => {
    modules.enableFromSetting('administration,childhood,fixture')
    const page = await client
      .get('/demarches')
      .qs({ q: 'canteen' })
      .header('Accept-Language', 'en-GB,en;q=0.8')
    modules.enableFromSetting(undefined)
    assert.include(page.text(), '1 service found for “canteen”.')
    assert.include(page.text(), '>School catering</a>')
    assert.deepEqual(categoryHeadings(page.text()), ['Family and childhood'])
  })

  test('a disabled brick’s entries leave both the listing and the search', async ({
    client,
    assert,
  }) => {
    await withBricks('fixture', async () => {
      const listing = (await client.get('/demarches')).text()
      for (const title of ['Rendez-vous carte d’identité ou passeport', 'Restauration scolaire']) {
        assert.notInclude(listing, `>${title}</a>`)
      }
      assert.notInclude(listing, '>Déclarer un changement d’adresse</a>')
      assert.deepEqual(categoryHeadings(listing), ['Cadre de vie et voirie', 'Autres démarches'])
      const search = (await client.get('/demarches').qs({ q: 'passeport' })).text()
      assert.include(search, 'Aucune démarche trouvée pour « passeport ».')
    })
    await withBricks('administration,childhood', async () => {
      const search = (await client.get('/demarches').qs({ q: 'trottoir' })).text()
      assert.include(search, 'Aucune démarche trouvée pour « trottoir ».')
      const listing = (await client.get('/demarches')).text()
      assert.notInclude(listing, '>Demande d’essai en trois étapes</a>')
    })
  })

  test('an odd or oversized query is read as text, within bounds', async ({ client, assert }) => {
    const long = await client.get('/demarches').qs({ q: 'cantine '.repeat(100) })
    long.assertStatus(200)
    assert.include(long.text(), '>Restauration scolaire</a>')
    const twice = await client.get('/demarches?q=cantine&q=passeport')
    twice.assertStatus(200)
    const markup = await client.get('/demarches').qs({ q: '<script>alert(1)</script>' })
    assert.notInclude(markup.text(), '<script>alert(1)</script>')
  })

  test('a search sets no cookie for an anonymous visitor', async ({ assert }) => {
    const response = await fetch(new URL('/demarches?q=cantine', parvisConfig.appUrl))
    assert.equal(response.status, 200)
    assert.isNull(response.headers.get('set-cookie'))
    assert.include(await response.text(), 'Restauration scolaire')
  })
})

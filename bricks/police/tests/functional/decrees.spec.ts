import { test } from '@japa/runner'
import { parseAtomFeed } from 'feedsmith'
import { clock } from '#core/clock'
import parvisConfig from '#config/parvis'
import { createAgent } from '#tests/support/factories/accounts'
import { Visitor } from '#tests/support/visitor'
import Decree from '../../models/decree.js'
import RegisterDecree from '../../actions/register_decree.js'
import { sha256OfBytes } from '../../services/decree_files.js'
import { draftDecree, pdfBytes, publishedDecree, registrar } from '../decrees_support.js'

const AGENTS = '/agents/police-municipale/arretes'

test.group('Police: the register of municipal decrees', (group) => {
  group.each.setup(() => {
    clock.travelTo('2026-12-06T10:00', { freeze: true })
  })

  test('publishing gives each of 50 concurrent publications the next number, with no gap and no duplicate', async ({
    assert,
  }) => {
    const drafts = []
    for (let index = 0; index < 50; index++)
      drafts.push(await draftDecree({ title: `Arrêté ${index}` }))
    const outcomes = await Promise.all(drafts.map((draft) => new RegisterDecree().handle(draft.id)))
    assert.isTrue(outcomes.every((outcome) => 'registered' in outcome))
    const numbers = (await Decree.query().whereNotNull('number').orderBy('number')).map(
      (decree) => decree.number
    )
    const expected = Array.from(
      { length: 50 },
      (_, index) => `2026-${String(index + 1).padStart(4, '0')}`
    )
    assert.deepEqual(numbers, expected)
    const next = await publishedDecree({ title: 'Le suivant' })
    assert.equal(next.number, '2026-0051')
  })

  test('numbers start again at 0001 each year', async ({ assert }) => {
    await publishedDecree()
    clock.travelTo('2027-01-02T09:00')
    const first = await publishedDecree()
    assert.equal(first.number, '2027-0001')
  })

  test('an agent uploads the signed PDF; the published page shows its SHA-256 and serves the same bytes', async ({
    client,
    assert,
  }) => {
    const agent = await registrar()
    const bytes = pdfBytes('Arrêté portant réglementation de la fête de la musique')
    const created = await client
      .post(AGENTS)
      .field('title', 'Fête de la musique : circulation')
      .field('kind', 'reglementaire')
      .field('signatory', 'Le maire')
      .field('signedOn', '2026-12-04')
      .field('places', 'Place de l’Agora\nRue du Marquis')
      .file('pdf', bytes, { filename: 'signe.pdf' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(303)
    const draft = await Decree.firstOrFail()
    assert.isNull(draft.number)
    const anonymousDraft = await client.get(`/arretes`)
    assert.notInclude(anonymousDraft.text(), 'Fête de la musique')

    const published = await client
      .post(`${AGENTS}/${draft.id}/enregistrement`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    published.assertStatus(303)
    await draft.refresh()
    assert.equal(draft.number, '2026-0001')
    assert.equal(draft.publishedAt!.toISO(), clock.now().toISO())

    const sha = sha256OfBytes(bytes)
    const page = await client.get('/arretes/2026-0001')
    page.assertStatus(200)
    page.assertTextIncludes(sha)
    page.assertTextIncludes('Fête de la musique : circulation')
    const pdf = await fetch(new URL('/arretes/2026-0001/pdf', parvisConfig.appUrl))
    assert.equal(pdf.status, 200)
    assert.equal(pdf.headers.get('content-type'), 'application/pdf')
    const served = Buffer.from(await pdf.arrayBuffer())
    assert.isTrue(served.equals(bytes))
    assert.equal(sha256OfBytes(served), sha)
  })

  test('a file that is not a PDF is refused, whatever its name', async ({ client, assert }) => {
    const agent = await registrar()
    const response = await client
      .post(AGENTS)
      .field('title', 'Un arrêté')
      .field('kind', 'reglementaire')
      .field('signatory', 'Le maire')
      .field('signedOn', '2026-12-04')
      .file('pdf', Buffer.from('MZ executable'), { filename: 'arrete.pdf' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.status(), 302)
    assert.equal(
      await Decree.query()
        .count('* as total')
        .first()
        .then((row) => Number(row!.$extras.total)),
      0
    )
  })

  test('a published decree cannot be edited, replaced, deleted or published again through any route', async ({
    client,
    assert,
  }) => {
    const agent = await registrar()
    const decree = await publishedDecree({ title: 'Interdiction de la mendicité agressive' })
    const before = decree.serialize()
    const routes: [string, string][] = [
      ['get', `${AGENTS}/${decree.id}/modifier`],
      ['post', `${AGENTS}/${decree.id}`],
      ['post', `${AGENTS}/${decree.id}/suppression`],
      ['post', `${AGENTS}/${decree.id}/enregistrement`],
    ]
    for (const [method, url] of routes) {
      const request = method === 'get' ? client.get(url) : client.post(url)
      if (url === `${AGENTS}/${decree.id}`)
        request
          .field('title', 'Titre remplacé')
          .field('kind', 'reglementaire')
          .field('signatory', 'Quelqu’un')
          .field('signedOn', '2026-12-05')
          .file('pdf', pdfBytes('autre'), { filename: 'autre.pdf' })
      const response = await request.withGuard('agent').loginAs(agent).withCsrfToken().redirects(0)
      assert.equal(response.status(), 404, `${method} ${url}`)
    }
    const after = await Decree.findOrFail(decree.id)
    assert.deepEqual(after.serialize(), before)
    const page = await client.get(`/arretes/${decree.number}`)
    page.assertTextIncludes('Interdiction de la mendicité agressive')
  })

  test('the register itself refuses to change or delete a registered decree, whoever asks', async ({
    assert,
  }) => {
    const decree = await publishedDecree()
    decree.title = 'Autre chose'
    await assert.rejects(() => decree.save(), /registered/)
    const again = await Decree.findOrFail(decree.id)
    await assert.rejects(() => again.delete(), /registered/)
    assert.isNotNull(await Decree.find(decree.id))
  })

  test('a draft is still the agents’ to correct and delete', async ({ client, assert }) => {
    const agent = await registrar()
    const draft = await draftDecree()
    const edited = await client
      .post(`${AGENTS}/${draft.id}`)
      .field('title', 'Titre corrigé')
      .field('kind', 'reglementaire')
      .field('signatory', 'Le maire')
      .field('signedOn', '2026-12-05')
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    edited.assertStatus(303)
    await draft.refresh()
    assert.equal(draft.title, 'Titre corrigé')
    const deleted = await client
      .post(`${AGENTS}/${draft.id}/suppression`)
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    deleted.assertStatus(303)
    assert.isNull(await Decree.find(draft.id))
  })

  test('a decree abrogating another is linked both ways, and the abrogated one leaves the works list', async ({
    client,
    assert,
  }) => {
    const works = await publishedDecree({
      title: 'Travaux de voirie rue de la Paix',
      kind: 'temporaire_circulation',
      places: 'Rue de la Paix',
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
    })
    const agent = await registrar()
    const created = await client
      .post(AGENTS)
      .field('title', 'Fin anticipée des travaux')
      .field('kind', 'reglementaire')
      .field('signatory', 'Le maire')
      .field('signedOn', '2026-12-06')
      .field('targetNumber', works.number!)
      .field('targetEffect', 'abroge')
      .file('pdf', pdfBytes('abrogation'), { filename: 'abrogation.pdf' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(303)
    const abrogation = await Decree.query().whereNull('number').firstOrFail()
    await new RegisterDecree().handle(abrogation.id)

    const old = await client.get(`/arretes/${works.number}`)
    old.assertTextIncludes('Abrogé par l’arrêté')
    old.assertTextIncludes('href="/arretes/2026-0002"')
    const fresh = await client.get('/arretes/2026-0002')
    fresh.assertTextIncludes('Abroge l’arrêté')
    fresh.assertTextIncludes(`href="/arretes/${works.number}"`)
    const list = await client.get('/arretes/travaux-et-circulation?rue=paix')
    assert.notInclude(list.text(), 'Travaux de voirie rue de la Paix')
  })

  test('searching by a street finds the temporary decrees in force there, listed under that street', async ({
    client,
    assert,
  }) => {
    await publishedDecree({
      title: 'Échafaudage au 12 rue de la République',
      kind: 'temporaire_stationnement',
      places: 'Rue de la République',
      startsOn: '2026-12-01',
      endsOn: '2026-12-20',
    })
    await publishedDecree({
      title: 'Ancien déménagement rue de la République',
      kind: 'temporaire_stationnement',
      places: 'Rue de la République',
      startsOn: '2026-11-01',
      endsOn: '2026-11-03',
    })
    await publishedDecree({
      title: 'Travaux boulevard des Champs',
      kind: 'temporaire_circulation',
      places: 'Boulevard des Champs',
      startsOn: '2026-12-01',
      endsOn: '2026-12-20',
    })
    const works = await client.get('/arretes/travaux-et-circulation?rue=republique')
    works.assertStatus(200)
    assert.include(works.text(), 'Échafaudage au 12 rue de la République')
    assert.include(works.text(), '<h2>Rue de la République</h2>')
    assert.notInclude(works.text(), 'Ancien déménagement')
    assert.notInclude(works.text(), 'Travaux boulevard des Champs')

    const all = await client.get('/arretes/travaux-et-circulation')
    assert.include(all.text(), 'Travaux boulevard des Champs')

    const search = await client.get('/arretes?rue=R%C3%A9publique&type=temporaire_stationnement')
    assert.include(search.text(), 'Échafaudage au 12 rue de la République')
    assert.include(search.text(), 'Ancien déménagement')
    assert.notInclude(search.text(), 'Travaux boulevard des Champs')
  })

  test('residents search by words, kind and signature dates', async ({ client, assert }) => {
    await publishedDecree({ title: 'Réglementation du marché forain', signedOn: '2026-10-01' })
    await publishedDecree({ title: 'Horaires des débits de boissons', signedOn: '2026-12-01' })
    await publishedDecree({
      title: 'Stationnement pour le marché de Noël',
      kind: 'temporaire_stationnement',
      signedOn: '2026-12-02',
      startsOn: '2026-12-10',
      endsOn: '2026-12-24',
    })
    const words = await client.get('/arretes?q=marche')
    assert.include(words.text(), 'Réglementation du marché forain')
    assert.include(words.text(), 'Stationnement pour le marché de Noël')
    assert.notInclude(words.text(), 'Horaires des débits de boissons')

    const kind = await client.get('/arretes?q=march%C3%A9&type=reglementaire')
    assert.include(kind.text(), 'Réglementation du marché forain')
    assert.notInclude(kind.text(), 'Stationnement pour le marché de Noël')

    const dates = await client.get('/arretes?du=2026-11-15&au=2026-12-31')
    assert.notInclude(dates.text(), 'Réglementation du marché forain')
    assert.include(dates.text(), 'Horaires des débits de boissons')
  })

  test('the Atom feed of new decrees parses as Atom and lists published decrees only', async ({
    assert,
  }) => {
    await publishedDecree({ title: 'Premier arrêté publié' })
    clock.travel({ minutes: 5 })
    await publishedDecree({ title: 'Second arrêté <publié> & daté' })
    await draftDecree({ title: 'Projet non publié' })
    const response = await new Visitor().get('/arretes/flux.atom')
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type')!, /^application\/atom\+xml/)
    const feed = parseAtomFeed(response.text)
    assert.equal(feed.entries!.length, 2)
    assert.equal(feed.entries![0].title?.value, '2026-0002 — Second arrêté <publié> & daté')
    assert.match(String(feed.entries![0].links?.[0]?.href), /\/arretes\/2026-0002$/)
    assert.isDefined(feed.id)
    assert.isDefined(feed.updated)
  })

  test('the anonymous decree pages set no cookie and open no session', async ({ assert }) => {
    const decree = await publishedDecree({
      kind: 'temporaire_circulation',
      places: 'Rue Neuve',
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
    })
    for (const path of [
      '/arretes',
      '/arretes?q=marche&rue=neuve',
      '/arretes/travaux-et-circulation',
      `/arretes/${decree.number}`,
      `/arretes/${decree.number}/pdf`,
      '/arretes/flux.atom',
    ]) {
      const response = await new Visitor().get(path)
      assert.equal(response.status, 200, path)
      assert.isNull(response.headers.get('set-cookie'), `${path} set a cookie`)
    }
  })

  test('drafts and individual decrees are never public', async ({ client }) => {
    const draft = await draftDecree({ title: 'Projet confidentiel' })
    const missing = await client.get(`/arretes/2026-0001`)
    missing.assertStatus(404)
    const list = await client.get('/arretes')
    list.assertTextIncludes('Aucun arrêté')
    void draft
  })

  test('an agent of another service, or without the permission, gets 404 on every decree page', async ({
    client,
    assert,
  }) => {
    const draft = await draftDecree()
    const childhood = await createAgent({
      services: ['enfance'],
      permissions: ['childhood.registrations.manage'],
    })
    const social = await createAgent({ services: ['social'] })
    const police = await createAgent({ services: ['tranquillite_publique'] })
    const pages = [
      AGENTS,
      `${AGENTS}/nouveau`,
      `${AGENTS}/${draft.id}`,
      `${AGENTS}/${draft.id}/pdf`,
      `${AGENTS}/${draft.id}/modifier`,
    ]
    for (const agent of [childhood, social, police])
      for (const url of pages) {
        const response = await client.get(url).withGuard('agent').loginAs(agent)
        assert.equal(response.status(), 404, url)
      }
    const deleted = await client
      .post(`${AGENTS}/${draft.id}/suppression`)
      .withGuard('agent')
      .loginAs(social)
      .withCsrfToken()
      .redirects(0)
    assert.equal(deleted.status(), 404)
    assert.isNotNull(await Decree.find(draft.id))
  })

  test('the register pages speak English too', async ({ client }) => {
    await publishedDecree({ title: 'Arrêté bilingue' })
    const page = await client.get('/arretes').header('accept-language', 'en')
    page.assertTextIncludes('Municipal decrees')
    page.assertTextIncludes('Roadworks and traffic in progress')
  })
})

import { test } from '@japa/runner'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { Edge } from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'
import { cacheEdgeWork } from '#core/services/edge_cache'
import { MemoizedIcuFormatter } from '#core/services/icu_formatter'
import { IntlMessageFormat } from 'intl-messageformat'
import { formatParisDate } from '#core/services/dates'
import { storedInstantMs, storedTimestamp } from '#core/database/dialect'
import { isPublicFileUrl } from '#middleware/public_files_middleware'

/** An Edge instance like the portal's (created without options), on a disk of its own. */
function productionEdge() {
  const root = mkdtempSync(join(tmpdir(), 'parvis-edge-'))
  mkdirSync(join(root, 'components'))
  mkdirSync(join(root, 'partials'))
  writeFileSync(join(root, 'components/badge.edge'), '<b>{{ text }}</b>')
  writeFileSync(join(root, 'partials/greeting.edge'), 'Bonjour {{ name }}')
  writeFileSync(
    join(root, 'page.edge'),
    "@!badge({ text: 'neuf' })\n@each(name in names)\n@include('partials/greeting')\n@end"
  )
  const edge = new Edge()
  edge.configure({ cache: true })
  edge.mount(root)
  let listings = 0
  const listComponents = edge.loader.listComponents.bind(edge.loader)
  edge.loader.listComponents = () => {
    listings++
    return listComponents()
  }
  let partialCompilations = 0
  let templateLookups = 0
  const compile = edge.asyncCompiler.compile.bind(edge.asyncCompiler)
  edge.asyncCompiler.compile = (path: string, locals?: string[]) => {
    if (locals) partialCompilations++
    else templateLookups++
    return compile(path, locals)
  }
  // Installed over the counters: they count what Edge itself still does.
  cacheEdgeWork(edge)
  return {
    edge,
    root,
    listings: () => listings,
    partialCompilations: () => partialCompilations,
    templateLookups: () => templateLookups,
  }
}

/** The names of a message's arguments, nested ones included (plural, select…). */
function argumentNames(elements: any[], names: string[] = []) {
  for (const element of elements) {
    if (element.type === 1 && !names.includes(element.value)) names.push(element.value)
    for (const option of Object.values(element.options ?? {}) as any[])
      argumentNames(option.value, names)
  }
  return names
}

test.group('Rendering cost', () => {
  test('rendering a page twice lists the component folders once', async ({ assert, cleanup }) => {
    const { edge, root, listings } = productionEdge()
    cleanup(() => rmSync(root, { recursive: true, force: true }))
    const first = await edge.render('page', { names: ['Léa'] })
    await edge.render('page', { names: ['Hugo'] })
    assert.include(first, '<b>neuf</b>')
    assert.equal(listings(), 1)
  })

  test('a disk mounted later is listed again, so its components are found', async ({
    assert,
    cleanup,
  }) => {
    const { edge, root, listings } = productionEdge()
    const other = mkdtempSync(join(tmpdir(), 'parvis-edge-'))
    cleanup(() => {
      rmSync(root, { recursive: true, force: true })
      rmSync(other, { recursive: true, force: true })
    })
    await edge.render('page', { names: [] })
    mkdirSync(join(other, 'components'))
    writeFileSync(join(other, 'components/stamp.edge'), '<i>tampon</i>')
    edge.mount('other', other)
    assert.equal(await edge.renderRaw('@!other.stamp()'), '<i>tampon</i>')
    assert.equal(listings(), 2)
  })

  test('an included partial is compiled once, whatever the number of renders and includes', async ({
    assert,
    cleanup,
  }) => {
    const { edge, root, partialCompilations } = productionEdge()
    cleanup(() => rmSync(root, { recursive: true, force: true }))
    const html = await edge.render('page', { names: ['Léa', 'Hugo', 'Inès'] })
    await edge.render('page', { names: ['Marc'] })
    assert.include(html, 'Bonjour Léa')
    assert.include(html, 'Bonjour Inès')
    assert.equal(partialCompilations(), 1)
  })

  test('a page and its components are looked up once, whatever the number of renders', async ({
    assert,
    cleanup,
  }) => {
    const { edge, root, templateLookups } = productionEdge()
    cleanup(() => rmSync(root, { recursive: true, force: true }))
    for (const name of ['Léa', 'Hugo', 'Inès'])
      assert.include(await edge.render('page', { names: [name] }), `Bonjour ${name}`)
    // The page and the badge component: once each, not once per render.
    assert.equal(templateLookups(), 2)
  })

  test('t() parses a message once per locale and gives the same text as before', async ({
    assert,
  }) => {
    const formatter = new MemoizedIcuFormatter()
    const message = '{count, plural, =0 {Aucune demande} one {# demande} other {# demandes}}'
    assert.equal(formatter.format(message, 'fr', { count: 0 }), 'Aucune demande')
    assert.equal(formatter.format(message, 'fr', { count: 1 }), '1 demande')
    assert.equal(
      formatter.format(message, 'fr', { count: 1200 }),
      `${new Intl.NumberFormat('fr').format(1200)} demandes`
    )
    assert.strictEqual(formatter.formatterFor(message, 'fr'), formatter.formatterFor(message, 'fr'))
    assert.notStrictEqual(
      formatter.formatterFor(message, 'fr'),
      formatter.formatterFor(message, 'en')
    )
    assert.equal(formatter.size, 2)
    // Tags are left as text, as with the package's formatter.
    assert.equal(formatter.format('<b>{name}</b>', 'fr', { name: 'Léa' }), '<b>Léa</b>')
  })

  test('every message of the lang files gives the same text as intl-messageformat, plain ones put together without it', async ({
    assert,
  }) => {
    const formatter = new MemoizedIcuFormatter()
    let plain = 0
    for (const [locale, messages] of Object.entries(i18nManager.getTranslations())) {
      for (const [key, message] of Object.entries(messages)) {
        const reference = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true })
        const names = argumentNames(reference.getAst())
        if (!reference.getAst().every((element) => element.type === 0 || element.type === 1))
          continue
        plain++
        const values = Object.fromEntries(
          names.map((name, index) => [name, index % 2 ? 1234.5 : `«${name}’s value»`])
        )
        assert.equal(formatter.format(message, locale, values), reference.format(values), key)
      }
    }
    assert.isAbove(plain, 500)
    // A value missing, or not text: intl-messageformat decides, as before.
    assert.throws(() => formatter.format('Bonjour {name}', 'fr', {}), /name/)
    assert.equal(formatter.format('Bonjour {name}', 'fr', { name: null }), 'Bonjour ')
    assert.equal(formatter.format("Il est '{'midi'}' {n}", 'fr', { n: 0 }), 'Il est {midi} 0')
  })

  test("the portal's t() goes through the memo", async ({ assert }) => {
    const formatter = i18nManager.getFormatter()
    assert.instanceOf(formatter, MemoizedIcuFormatter)
    const i18n = i18nManager.locale('fr')
    const before = (formatter as MemoizedIcuFormatter).size
    i18n.t('portal.catalogue.title')
    const after = (formatter as MemoizedIcuFormatter).size
    i18n.t('portal.catalogue.title')
    assert.isAtMost(after - before, 1)
    assert.equal((formatter as MemoizedIcuFormatter).size, after)
  })

  test('pages and assets never reach the static files middleware; files of public/ do', ({
    assert,
  }) => {
    for (const url of ['/', '/demarches', '/agents/demandes', '/assets/app.css', '/imagesx'])
      assert.isFalse(isPublicFileUrl(url), url)
    assert.isTrue(isPublicFileUrl('/images/logo.svg'))
  })

  test('dates read in Paris time give the same text as Luxon, summer and winter time', ({
    assert,
  }) => {
    const instants = [
      '2026-03-29T00:59:00Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:30:00Z',
      '2026-12-31T23:30:00Z',
      '2027-07-14T09:05:00Z',
      '1999-03-28T00:59:59Z',
      '2031-10-26T00:59:00Z',
      '2031-10-26T01:00:00Z',
    ]
    for (const iso of instants) {
      const value = DateTime.fromISO(iso, { zone: 'utc' })
      const paris = value.setZone('Europe/Paris')
      assert.equal(formatParisDate(value, 'date'), paris.toFormat('dd/MM/yyyy'), iso)
      assert.equal(formatParisDate(value, 'datetime'), paris.toFormat("dd/MM/yyyy 'à' HH:mm"), iso)
    }
    // Every 7 h 13 min over two years: each hour of the day, both sides of each change of time.
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 433 * 60_000) {
      const value = DateTime.fromMillis(ms, { zone: 'utc' })
      const expected = value.setZone('Europe/Paris').toFormat("dd/MM/yyyy 'à' HH:mm")
      if (formatParisDate(value, 'datetime') !== expected)
        assert.fail(`${value.toISO()}: ${formatParisDate(value, 'datetime')} ≠ ${expected}`)
    }
    assert.equal(formatParisDate(null, 'date'), '')
  })

  test('an instant in epoch milliseconds prints as the same DateTime does, and needs no Luxon object', ({
    assert,
  }) => {
    for (let ms = Date.UTC(2026, 2, 28); ms < Date.UTC(2026, 10, 2); ms += 997 * 60_000) {
      const value = DateTime.fromMillis(ms, { zone: 'utc' })
      for (const kind of ['date', 'datetime'] as const)
        if (formatParisDate(ms, kind) !== formatParisDate(value, kind))
          assert.fail(
            `${value.toISO()} (${kind}): ${formatParisDate(ms, kind)} ≠ ${formatParisDate(value, kind)}`
          )
    }
    assert.equal(formatParisDate(Date.UTC(2026, 6, 14, 7, 5), 'datetime'), '14/07/2026 à 09:05')
    assert.equal(formatParisDate(Number.NaN, 'date'), '')
  })

  test('a stored timestamp reads as the instant a model would read', ({ assert }) => {
    const instant = Date.UTC(2026, 11, 7, 16, 45, 12)
    assert.equal(storedInstantMs(new Date(instant)), instant)
    assert.equal(storedInstantMs(new Date(instant)), storedTimestamp(new Date(instant))!.toMillis())
    const sqliteText = DateTime.fromMillis(instant).toFormat('yyyy-MM-dd HH:mm:ss')
    assert.equal(storedInstantMs(sqliteText), storedTimestamp(sqliteText)!.toMillis())
    assert.equal(storedInstantMs(sqliteText), instant)
    assert.isNull(storedInstantMs(null))
    assert.isNull(storedInstantMs(undefined))
  })
})

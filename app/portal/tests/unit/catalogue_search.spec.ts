import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import modules from '#core/services/modules'
import { CATALOGUE_CATEGORIES } from '#core/modules/catalogue_categories'
import { allProcedures } from '#demands/procedures/registry'
import { groupByCategory, matches, queryWords, words } from '#portal/queries/catalogue'
import type { CatalogueItem } from '#portal/queries/catalogue'

function entry(title: string, category: CatalogueItem['category']): CatalogueItem {
  return { title, summary: '', href: '/', external: false, category }
}

test.group('Catalogue search', () => {
  test('words lose their accents, capitals and punctuation', ({ assert }) => {
    assert.deepEqual(words('Pièce d’IDENTITÉ, état-civil'), [
      'piece',
      'd',
      'identite',
      'etat',
      'civil',
    ])
  })

  test('a query keeps only the words worth matching', ({ assert }) => {
    assert.deepEqual(queryWords('la carte d’identité de mon fils'), ['carte', 'identite', 'fils'])
  })

  test('a query word matches the start of a word, or the same word with another ending', ({
    assert,
  }) => {
    const text = words('Déclarer un changement d’adresse')
    assert.isTrue(matches(['decl'], text))
    assert.isTrue(matches(['declaration'], text))
    assert.isTrue(matches(['changements', 'adresse'], text))
    assert.isFalse(matches(['clarer'], text))
    assert.isFalse(matches(['declarer', 'passeport'], text))
  })

  test('groups follow the core’s order and leave out empty categories', ({ assert }) => {
    const groups = groupByCategory([
      entry('Contact', 'other'),
      entry('Cantine', 'family'),
      entry('Passeport', 'civil_status'),
    ])
    assert.deepEqual(
      groups.map((group) => group.category),
      ['civil_status', 'family', 'other']
    )
  })

  test('every category and every declared list of keywords reads in French and in English', ({
    assert,
  }) => {
    const keys = [
      ...CATALOGUE_CATEGORIES.map((category) => `common.catalogue_categories.${category}`),
      ...modules.collect('catalogue', 'installed').map(({ item }) => item.keywords),
      ...allProcedures().map((procedure) => procedure.keywords),
    ].filter((key): key is string => Boolean(key))
    assert.isAbove(keys.length, CATALOGUE_CATEGORIES.length)
    for (const locale of ['fr', 'en']) {
      const i18n = i18nManager.locale(locale)
      for (const key of keys) assert.isTrue(i18n.hasMessage(key), `${locale}: ${key}`)
    }
  })
})

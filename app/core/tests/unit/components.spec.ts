import { test } from '@japa/runner'
import edge from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'

/** A flash store like the session's, for rendering forms after a failed submission. */
function flash(values: Record<string, unknown>) {
  const read = (key: string) =>
    key
      .split('.')
      .reduce<any>(
        (value, part) => (value === null || value === undefined ? undefined : value[part]),
        values
      )
  return {
    has: (key: string) => read(key) !== undefined,
    get: (key: string) => read(key),
    all: () => values,
  }
}

function render(
  template: string,
  state: Record<string, unknown> = {},
  flashed: Record<string, unknown> = {}
) {
  return edge
    .createRenderer()
    .share({ i18n: i18nManager.locale('fr'), flashMessages: flash(flashed) })
    .renderRaw(template, state)
}

test.group('Edge components', () => {
  test('a field links its hint and its error to the input and keeps the old value', async ({
    assert,
  }) => {
    const html = await render(
      `@!field({ name: 'email', type: 'email', label: 'Adresse e-mail', hint: 'Pour vous répondre', required: true })`,
      {},
      { email: 'lea@', inputErrorsBag: { email: ['Saisissez une adresse e-mail valide'] } }
    )
    assert.include(html, '<label class="field__label" for="email">Adresse e-mail</label>')
    assert.include(html, 'id="email-hint"')
    assert.include(html, 'id="email-error"')
    assert.include(html, 'aria-describedby="email-hint email-error"')
    assert.include(html, 'aria-invalid="true"')
    assert.include(html, 'value="lea@"')
  })

  test('an optional field says so in its label', async ({ assert }) => {
    const html = await render(`@!field({ name: 'phone', label: 'Téléphone' })`)
    assert.include(html, 'Téléphone<span class="field__optional"> (facultatif)</span>')
  })

  test('the error summary lists each error as a link to its field, in form order', async ({
    assert,
  }) => {
    const html = await render(
      `@!errorSummary({ fields: ['firstName', 'email'] })`,
      {},
      { inputErrorsBag: { email: ['E-mail invalide'], firstName: ['Prénom requis'] } }
    )
    assert.include(html, 'Il y a un problème')
    assert.match(
      html,
      /href="#firstName">Prénom requis<\/a>[\s\S]*href="#email">E-mail invalide<\/a>/
    )
    assert.include(html, 'role="alert"')
  })

  test('no error, no summary', async ({ assert }) => {
    const html = await render(`@!errorSummary({ fields: ['email'] })`)
    assert.notInclude(html, 'error-summary')
  })

  test('the step indicator says where the resident is and marks the current step', async ({
    assert,
  }) => {
    const html = await render(
      `@!stepper({ current: 2, total: 4, steps: ['Vous', 'Votre demande', 'Pièces', 'Vérification'] })`
    )
    assert.include(html, 'Étape 2 sur 4')
    assert.include(
      html,
      '<li class="stepper__step stepper__step--current" aria-current="step"><span class="stepper__number">2.</span> Votre demande</li>'
    )
    assert.include(html, 'stepper__step--done')
  })

  test('the steps read apart, each with its number, and a done step says so in words', async ({
    assert,
  }) => {
    const html = await render(
      `@!stepper({ current: 2, total: 4, steps: ['Vous', 'Votre demande', 'Pièces', 'Vérification'] })`
    )
    const list = html.slice(html.indexOf('<ol'), html.indexOf('</ol>'))
    // What a screen reader or a copy of the page gets: the text of the list, markers included.
    const text = list
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim()
    assert.equal(text, '1. Vous (terminée) 2. Votre demande 3. Pièces 4. Vérification')
    assert.match(list, /<\/li>\s+<li/, 'items are separated by white space')
  })

  test('pagination shows only the links that exist', async ({ assert }) => {
    const both = await render(`@!pagination({ previous: '/liste', next: '/liste?avant=10' })`)
    assert.include(both, 'rel="prev"')
    assert.include(both, 'href="/liste?avant=10" rel="next"')
    const none = await render(`@!pagination({ previous: null, next: null })`)
    assert.notInclude(none, '<nav')
  })

  test('breadcrumbs mark the last item as the current page', async ({ assert }) => {
    const html = await render(
      `@!breadcrumbs({ items: [{ label: 'Accueil', href: '/' }, { label: 'Démarches' }] })`
    )
    assert.include(html, '<a href="/">Accueil</a>')
    assert.include(html, '<span aria-current="page">Démarches</span>')
  })

  test('a table has a caption and header cells with scope', async ({ assert }) => {
    const html = await render(
      `@!table({ caption: 'Agents', columns: [{ label: 'Nom' }, { label: 'Rôle' }], rows: [['Alice', 'Admin']] })`
    )
    assert.include(html, '<caption class="table__caption">Agents</caption>')
    assert.include(html, '<th scope="col" class="">Nom</th>')
    assert.include(html, '<th scope="row">Alice</th>')
  })
})

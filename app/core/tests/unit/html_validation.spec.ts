import { test } from '@japa/runner'
import { htmlErrors } from '#tests/support/html_validation'

const page = (body: string) =>
  `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head><body><main>${body}</main></body></html>`

test.group('The HTML validation of the browser suite', () => {
  test('a valid page passes', async ({ assert }) => {
    assert.deepEqual(await htmlErrors(page('<h1>Bonjour</h1><p>Un paragraphe.</p>')), [])
  })

  test('htmx and Alpine attributes are refused, their data- forms accepted', async ({ assert }) => {
    const refused = await htmlErrors(
      page(
        '<a href="/a" hx-get="/a">A</a><div x-data="form"><button type="button" @click="go">B</button></div>'
      )
    )
    assert.lengthOf(
      refused.filter((line) => line.includes('parvis/no-framework-attributes')),
      3,
      refused.join('\n')
    )
    assert.deepEqual(
      await htmlErrors(
        page(
          '<a href="/a" data-hx-get="/a" data-hx-target="#x">A</a><div id="x" data-x-data="form" data-x-cloak></div>'
        )
      ),
      []
    )
  })

  test('a required select must start with an empty option, as the W3C checker demands', async ({
    assert,
  }) => {
    const select = (options: string) =>
      page(
        `<label for="n">Personnes</label><select id="n" name="persons" required>${options}</select>`
      )
    const refused = await htmlErrors(
      select('<option value="1">1</option><option value="2">2</option>')
    )
    assert.lengthOf(refused, 1)
    assert.include(refused[0], 'parvis/required-select-placeholder')
    assert.deepEqual(
      await htmlErrors(
        select('<option value="">Choisir…</option><option value="1" selected>1</option>')
      ),
      []
    )
    // Not required, or several choices at once: no placeholder needed.
    assert.deepEqual(
      await htmlErrors(
        page(
          '<label for="n">Personnes</label><select id="n" name="persons"><option value="1">1</option></select>'
        )
      ),
      []
    )
  })

  test('the usual HTML errors are found: duplicate ids, a misplaced element', async ({
    assert,
  }) => {
    const errors = await htmlErrors(
      page('<p id="a">Un</p><p id="a">Deux</p><ul><p>Pas un item</p></ul>')
    )
    assert.isTrue(
      errors.some((line) => line.includes('no-dup-id')),
      errors.join('\n')
    )
    assert.isTrue(
      errors.some((line) => line.includes('element-permitted-content')),
      errors.join('\n')
    )
  })
})

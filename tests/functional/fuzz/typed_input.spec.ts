import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import { buildWorld, type World } from '#tests/support/world'
import { crawlForms, requestAs, sendForm, urlencoded, LAST, type Who } from '#tests/support/fuzz'
import {
  decodeEntities,
  filledValues,
  formsOf,
  isTextEntry,
  type FormField,
  type PageForm,
} from '#tests/support/forms'
import { clock } from '#core/clock'

/*
 * What a person types is never lost and never refused without a word: every
 * text box says how long it may be (maxlength), the server stops at the same
 * number with a French message next to the field, and a refused form comes
 * back with everything typed in it.
 */

/** The key of a field in the flashed errors: address[line] → address.line, services[] → services. */
const errorKey = (name: string) => name.replace(/\[\]$/, '').replace(/\[([^\]]+)\]/g, '.$1')
const isNumberBox = (field: FormField) =>
  field.inputmode === 'numeric' || field.inputmode === 'decimal'

function errorsOf(response: { flashMessages(): unknown }): Record<string, string[]> {
  return ((response.flashMessages() as Record<string, unknown> | undefined)?.inputErrorsBag ??
    {}) as Record<string, string[]>
}

test.group('Text boxes say how long they may be, and the server agrees', () => {
  test('every text box of every form has a maxlength; one character more is refused with a French message giving that number; exactly that many is not', async ({
    client,
    assert,
  }) => {
    const w = await buildWorld()
    const forms = await crawlForms(client, w)
    const today = clock.local().plus({ days: 1 }).toISODate()!
    const failures: string[] = []
    const seen = new Set<string>()
    let checked = 0
    const entries = [...forms.entries()].sort(
      ([a], [b]) => Number(LAST.test(a)) - Number(LAST.test(b))
    )
    for (const [key, found] of entries) {
      for (const { form, page, html } of found) {
        const signature = `${form.method} ${form.action.split('?')[0]} ${form.fields.map((field) => field.name).join(',')}`
        if (seen.has(signature)) continue
        seen.add(signature)
        // A question asked only for some answers is validated (and kept) only then: see the filing tests.
        const conditional = new Set(
          [
            ...html.matchAll(
              /<div class="procedure-field" data-field="([^"]+)"[^>]*data-show-when/g
            ),
          ].map((match) => match[1])
        )
        for (const field of form.fields.filter(isTextEntry)) {
          if (field.maxlength === null || !(field.maxlength > 0)) {
            failures.push(`no maxlength: ${field.name} in ${key} (form of ${page.url})`)
            continue
          }
          if (form.method !== 'POST' || conditional.has(field.name)) continue
          checked++
          const over = await submit(
            client,
            w,
            page.who,
            form,
            today,
            field.name,
            'a'.repeat(field.maxlength + 1)
          )
          const overErrors = errorsOf(over)[errorKey(field.name)] ?? []
          if (overErrors.length === 0)
            failures.push(
              `${field.maxlength + 1} characters accepted in ${field.name} (maxlength ${field.maxlength}) by ${key}`
            )
          else if (!isNumberBox(field) && !overErrors[0].includes(`${field.maxlength} caractères`))
            failures.push(
              `${field.name} in ${key}: "${overErrors[0]}" does not say ${field.maxlength} (maxlength)`
            )
          if (overErrors[0]?.includes(`« ${errorKey(field.name).split('.').pop()} »`))
            failures.push(
              `${field.name} in ${key}: "${overErrors[0]}" names the field by its technical name`
            )
          if (isNumberBox(field)) continue
          const exact = await submit(
            client,
            w,
            page.who,
            form,
            today,
            field.name,
            'a'.repeat(field.maxlength)
          )
          const exactErrors = errorsOf(exact)[errorKey(field.name)] ?? []
          if (exactErrors.some((message) => message.includes('au plus')))
            failures.push(
              `${field.name} in ${key}: ${field.maxlength} characters (its maxlength) refused as too long: "${exactErrors[0]}"`
            )
        }
      }
    }
    assert.deepEqual(failures, [])
    assert.isAbove(checked, 40)
  }).timeout(900_000)
})

async function submit(
  client: Parameters<typeof requestAs>[0],
  w: World,
  who: Who,
  form: PageForm,
  today: string,
  name: string,
  value: string
) {
  await limiter.clear()
  const pairs = filledValues(form, today)
    .filter(([other]) => other !== '_csrf')
    // A confirmation box gets the same text as the box it confirms, so that "not the same" is not the first error.
    .map(([other, otherValue]): [string, string] => [
      other,
      other === name || other === `${name}Confirmation` || `${other}Confirmation` === name
        ? value
        : otherValue,
    ])
  return sendForm(requestAs(client, w, { method: 'POST', who }, form.action), urlencoded(pairs))
}

/** Forms whose refusal is checked to keep everything typed: the filing steps and fixed forms of residents and agents. */
const KEPT: { who: Who; page: (w: World) => string; action?: RegExp }[] = [
  { who: 'anonymous', page: (w) => `/demarches/nous-contacter/${w.contactDraft.id}/etape/1` },
  { who: 'anonymous', page: (w) => `/demarches/nous-contacter/${w.contactDraft.id}/coordonnees` },
  { who: 'resident', page: (w) => `/demarches/demande-essai/${w.essaiDraft.id}/etape/1` },
  { who: 'resident', page: (w) => `/demarches/demande-essai/${w.essaiDraft.id}/etape/3` },
  { who: 'anonymous', page: () => '/inscription' },
  { who: 'resident', page: () => '/mon-espace/profil' },
  { who: 'resident', page: () => '/mon-espace/profil/adresse-electronique' },
  { who: 'resident', page: () => '/mon-espace/foyer/ajouter' },
  { who: 'resident', page: (w) => `/mon-espace/demandes/${w.demand.id}` },
  { who: 'agent', page: (w) => `/agents/demandes/${w.demand.id}`, action: /\/note$/ },
  { who: 'agent', page: () => '/agents/admin/services/nouveau' },
]

/** The core's forms, and those the enabled modules name in their tests/fuzz_samples.ts. */
const keptIn = (w: World) => [
  ...KEPT,
  ...w.modules.kept.map(({ who, page, action }) => ({ who, page: () => page, action })),
]

test.group('A refused form keeps everything typed, with the message next to each field', () => {
  test('100 kB in every text box and an unknown value in every list: each comes back as typed (lists: refused) with a French message next to it', async ({
    client,
    assert,
  }) => {
    const w = await buildWorld()
    const today = clock.local().plus({ days: 1 }).toISODate()!
    const failures: string[] = []
    for (const kept of keptIn(w)) {
      const url = kept.page(w)
      const page = await requestAs(client, w, { method: 'GET', who: kept.who }, url)
      const form = formsOf(page.text(), url).find(
        (candidate) =>
          candidate.method === 'POST' &&
          (!kept.action || kept.action.test(candidate.action)) &&
          candidate.fields.some(isTextEntry)
      )
      if (!form) {
        failures.push(`${url}: no form with a text box (status ${page.status()})`)
        continue
      }
      // A question shown only for another answer (hidden until then) is not validated.
      const conditional = new Set(
        [
          ...page
            .text()
            .matchAll(/<div class="procedure-field" data-field="([^"]+)"[^>]*\shidden[\s>]/g),
        ].map((match) => match[1])
      )
      const typed = new Map<string, string>()
      const pairs = filledValues(form, today)
        .filter(([name]) => name !== '_csrf')
        .map(([name, value]): [string, string] => {
          const field = form.fields.find((candidate) => candidate.name === name)!
          if (isTextEntry(field) && field.type !== 'password' && !isNumberBox(field)) {
            const text = `Texte de ${name} : ${'é'.repeat(20)}${'a'.repeat(100_000)}`
            typed.set(name, text)
            return [name, text]
          }
          if (field.tag === 'select' || field.type === 'radio') {
            typed.set(name, '')
            return [name, 'valeur-inconnue']
          }
          return [name, value]
        })
      await limiter.clear()
      const refused = await sendForm(
        requestAs(client, w, { method: 'POST', who: kept.who }, form.action),
        urlencoded(pairs)
      )
      const errors = errorsOf(refused)
      for (const name of typed.keys())
        if (!conditional.has(name) && !errors[errorKey(name)]?.length)
          failures.push(`${url}: no error for ${name} (status ${refused.status()})`)
      const again = await requestAs(client, w, { method: 'GET', who: kept.who }, url).withSession({
        __flash__: refused.flashMessages(),
      })
      const html = again.text()
      const shown = formsOf(html, url).find(
        (candidate) => candidate.action === form.action && candidate.method === 'POST'
      )
      for (const [name, text] of typed) {
        const field = shown?.fields.find((candidate) => candidate.name === name)
        if (!field) {
          failures.push(`${url}: ${name} missing after the refusal`)
          continue
        }
        if (text && field.value !== text)
          failures.push(
            `${url}: ${name} came back as "${field.value.slice(0, 40)}…" (${field.value.length} characters), not as typed`
          )
        const message = errors[errorKey(name)]?.[0]
        if (message && !decodeEntities(html).includes(message))
          failures.push(`${url}: the message for ${name} is not on the page`)
      }
    }
    assert.deepEqual(failures, [])
  }).timeout(300_000)
})

import { test } from '@japa/runner'
import limiter from '@adonisjs/limiter/services/main'
import { buildWorld } from '#tests/support/world'
import {
  allTargets,
  crawlForms,
  requestAs,
  sendForm,
  urlencoded,
  LAST,
  type Who,
} from '#tests/support/fuzz'
import { filledValues, type PageForm } from '#tests/support/forms'
import { clock } from '#core/clock'

/*
 * Every form of the app, filled as a person would, then with one field at a
 * time replaced by what attackers and broken clients send: NUL bytes,
 * invalid UTF-8 (raw bytes in an urlencoded body) and 100 kB. No answer may
 * be a server error, on SQLite or on PostgreSQL. Routes added later are
 * included by themselves (tests/support/fuzz.ts reads the router): a POST
 * route no page links a form to is sent the usual field names.
 */

const GENERIC_FIELDS = [
  'q',
  'name',
  'body',
  'email',
  'firstName',
  'lastName',
  'value',
  'reason',
  'comment',
  'query',
]
const PAYLOADS: [string, (value: string) => string | Buffer][] = [
  ['NUL', (value) => `${value || 'x'}\u0000${value || 'y'}\u0000`],
  [
    'invalid UTF-8',
    (value) =>
      Buffer.concat([
        Buffer.from(encodeURIComponent(value)),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x00, 0x42]),
      ]),
  ],
  ['100 kB', () => 'a'.repeat(100_000)],
]

/** The distinct forms found for each POST route, with the user of the page they were on. */
function distinct(found: { form: PageForm; page: { who: Who } }[]) {
  const seen = new Map<string, { form: PageForm; who: Who }>()
  for (const { form, page } of found)
    seen.set(`${form.action} ${form.fields.map((field) => field.name).join(',')}`, {
      form,
      who: page.who,
    })
  return [...seen.values()]
}

/** The status of the answer; a response cut in the middle (an error after the headers) counts as a server error. */
async function statusOf(request: PromiseLike<{ status(): number }>) {
  try {
    return (await request).status()
  } catch {
    return 599
  }
}

function body(pairs: [string, string | Buffer][]) {
  // An invalid-UTF-8 value is already encoded (raw bytes after the percent-encoded text).
  return urlencoded(pairs)
}

test.group(
  'Fuzzing every form: NUL bytes, invalid UTF-8 and 100 kB values give no server error',
  () => {
    test('every field of every POST form, one at a time', async ({ client, assert }) => {
      const w = await buildWorld()
      const forms = await crawlForms(client, w)
      const today = clock.local().plus({ days: 1 }).toISODate()!
      const failures: string[] = []
      let requests = 0
      const record = (label: string, status: number) => {
        requests++
        if (status >= 500) failures.push(`${status} ${label}`)
      }

      const withForms = [...forms.entries()]
        .filter(([key]) => key.startsWith('POST '))
        .flatMap(([, found]) => distinct(found))
      withForms.sort((a, b) => Number(LAST.test(a.form.action)) - Number(LAST.test(b.form.action)))
      for (const { form, who } of withForms) {
        // The page's token belongs to the crawl's session: each request brings its own (header).
        const base = filledValues(form, today).filter(([name]) => name !== '_csrf')
        for (let index = 0; index < base.length; index++) {
          const [name, value] = base[index]
          for (const [payload, make] of PAYLOADS) {
            await limiter.clear()
            const pairs = base.map(([other, otherValue], position): [string, string | Buffer] => [
              other,
              position === index ? make(value) : otherValue,
            ])
            record(
              `POST ${form.action} (${who}) with ${payload} in ${name}`,
              await statusOf(
                sendForm(requestAs(client, w, { method: 'POST', who }, form.action), body(pairs))
              )
            )
          }
          if (form.multipart) {
            let request = requestAs(client, w, { method: 'POST', who }, form.action)
            for (const [other, otherValue] of base)
              request = request.field(other, other === name ? `${otherValue}\u0000` : otherValue)
            record(
              `POST ${form.action} (${who}, multipart) with NUL in ${name}`,
              await statusOf(request)
            )
          }
        }
      }

      const covered = new Set([...forms.keys()])
      for (const target of allTargets(w, ['POST']).filter(
        (candidate) => !covered.has(`POST ${candidate.pattern}`)
      )) {
        for (const [payload, make] of PAYLOADS) {
          await limiter.clear()
          record(
            `POST ${target.url} (${target.who}, no form found) with ${payload}`,
            await statusOf(
              sendForm(
                requestAs(client, w, target, target.url),
                body(GENERIC_FIELDS.map((name) => [name, make('Texte')]))
              )
            )
          )
        }
      }
      assert.isAbove(requests, 500)
      assert.deepEqual(failures, [])
    }).timeout(900_000)

    test('every GET route, with its filters in the query string', async ({ client, assert }) => {
      const w = await buildWorld()
      const forms = await crawlForms(client, w)
      const failures: string[] = []
      for (const target of allTargets(w, ['GET'])) {
        const own = (forms.get(`GET ${target.pattern}`) ?? []).flatMap(({ form }) =>
          form.fields.map((field) => field.name)
        )
        const names = [...new Set(['q', 'page', 'apres', ...own])]
        for (const [payload, value] of [
          ['NUL', 'a%00b%00'],
          ['invalid UTF-8', 'a%C3%28%FF%FE%ED%A0%80'],
          ['long values', 'a'.repeat(1000)],
        ] as const) {
          const query = names.map((name) => `${encodeURIComponent(name)}=${value}`).join('&')
          const url = `${target.url}${target.url.includes('?') ? '&' : '?'}${query}`
          const status = await statusOf(requestAs(client, w, target, url))
          if (status >= 500)
            failures.push(`${status} GET ${url.slice(0, 160)} (${target.who}) with ${payload}`)
        }
      }
      assert.deepEqual(failures, [])
    }).timeout(600_000)
  }
)

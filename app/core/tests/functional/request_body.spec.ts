import { test } from '@japa/runner'
import { readdir } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import router from '@adonisjs/core/services/router'
import env from '#start/env'
import Demand from '#demands/models/demand'
import DemandFile from '#demands/models/demand_file'
import { uploadTempRoot } from '#middleware/request_body_middleware'
import { filesLimitOf, MEGABYTE } from '#core/services/body_limits'
import { createResident } from '#tests/support/factories/accounts'
import { FILES, fixtureFile } from '#tests/support/factories/demands'

const KEY = 'demande-essai'

/** Every file and folder left in the folder where uploads wait for their request. */
async function leftovers() {
  try {
    return await readdir(uploadTempRoot(), { recursive: true })
  } catch {
    return []
  }
}

async function draftAtStep2() {
  const user = await createResident()
  const draft = await Demand.create({
    procedureKey: KEY,
    serviceSlug: 'urbanisme',
    state: 'draft',
    origin: 'web',
    userId: user.id,
    applicantEmail: user.email,
    answers: { subject: 'works', description: 'Travaux' },
    currentStep: 1,
  })
  return { user, draft }
}

test.group('Uploads leave nothing in the temporary folder', () => {
  test('twenty refused uploads (wrong type, empty, too large, too many, over the step’s limit) leave no file behind', async ({
    client,
    assert,
  }) => {
    const { user, draft } = await draftAtStep2()
    const big = await fixtureFile('douze-mo.pdf', { size: 12 * MEGABYTE })
    const huge = await fixtureFile('vingt-cinq-mo.pdf', { size: 25 * MEGABYTE })
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')
    const attempts: { files: { content: Buffer | string; name: string }[]; status: number }[] = [
      { files: [{ content: FILES.svg, name: 'plan.svg' }], status: 302 },
      { files: [{ content: html, name: 'page.html' }], status: 302 },
      { files: [{ content: FILES.exe, name: 'facture.pdf' }], status: 302 },
      { files: [{ content: Buffer.alloc(0), name: 'vide.pdf' }], status: 302 },
      { files: [{ content: big, name: 'douze-mo.pdf' }], status: 302 },
      {
        files: [
          { content: FILES.pdf, name: 'a.pdf' },
          { content: FILES.pdf, name: 'b.pdf' },
          { content: FILES.pdf, name: 'c.pdf' },
        ],
        status: 302,
      },
      { files: [{ content: huge, name: 'vingt-cinq-mo.pdf' }], status: 413 },
    ]
    assert.deepEqual(await leftovers(), [])
    for (let round = 0; round < 20; round++) {
      const attempt = attempts[round % attempts.length]
      let request = client
        .post(`/demarches/${KEY}/${draft.id}/etape/2`)
        .field('_shown', 'hasDocument,document')
        .field('hasDocument', 'yes')
      for (const file of attempt.files)
        request = request.file('document', file.content, { filename: file.name })
      const response = await request.withGuard('web').loginAs(user).withCsrfToken().redirects(0)
      assert.equal(response.status(), attempt.status, `attempt ${round}`)
      assert.deepEqual(await leftovers(), [], `attempt ${round} left files behind`)
    }
    await draft.refresh()
    assert.equal(draft.currentStep, 1)
    assert.lengthOf(await DemandFile.query().where('demandId', draft.id), 0)
  }).timeout(120_000)

  test('an accepted upload is stored, and its temporary copy removed', async ({
    client,
    assert,
  }) => {
    const { user, draft } = await draftAtStep2()
    const response = await client
      .post(`/demarches/${KEY}/${draft.id}/etape/2`)
      .field('_shown', 'hasDocument,document')
      .field('hasDocument', 'yes')
      .file('document', FILES.pdf, { filename: 'plan.pdf' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(response.header('location'), `/demarches/${KEY}/${draft.id}/etape/3`)
    assert.lengthOf(await DemandFile.query().where('demandId', draft.id), 1)
    assert.deepEqual(await leftovers(), [])
  })

  test('a body that crosses the step’s limit while it arrives (no Content-Length) is cut off with 413 and leaves nothing', async ({
    assert,
  }) => {
    // What a script can send: a chunked body whose size nobody announced.
    const boundary = 'parvis-test-boundary'
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: env.get('HOST'),
          port: env.get('PORT'),
          method: 'POST',
          path: `/demarches/${KEY}/1/etape/2`,
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'accept': 'text/html',
            'transfer-encoding': 'chunked',
          },
        },
        (response) => {
          response.resume()
          response.on('end', () => resolve(response.statusCode ?? 0))
        }
      )
      req.on('error', reject)
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="flood.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`
      )
      const chunk = Buffer.alloc(MEGABYTE, 0x20)
      let sent = 0
      const write = () => {
        while (sent < 25) {
          sent++
          if (!req.write(chunk)) return req.once('drain', write)
        }
        req.end(`\r\n--${boundary}--\r\n`)
      }
      write()
    })
    assert.equal(status, 413)
    assert.deepEqual(await leftovers(), [])
  }).timeout(60_000)

  test('a file sent to a form that takes none is refused with 413 and leaves nothing', async ({
    client,
    assert,
  }) => {
    const user = await createResident()
    const response = await client
      .post('/mon-espace/profil')
      .field('firstName', 'Marie')
      .file('photo', FILES.png, { filename: 'photo.png' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(413)
    response.assertTextIncludes('Fichier trop volumineux')
    assert.deepEqual(await leftovers(), [])
  })
})

test.group('Each route takes the files its rules accept, no more', () => {
  const limitOf = async (method: string, url: string) => {
    const matched = router.match(url, method)
    if (!matched) throw new Error(`no route for ${method} ${url}`)
    return filesLimitOf(method, matched.route.pattern, matched.params)
  }

  test('a step takes what its file fields accept, messages three files of 10 MB, other forms none', async ({
    assert,
  }) => {
    assert.equal(await limitOf('POST', '/demarches/nous-contacter/1/etape/1'), 10 * MEGABYTE)
    assert.equal(await limitOf('POST', `/demarches/${KEY}/1/etape/1`), 0)
    assert.equal(await limitOf('POST', `/demarches/${KEY}/1/etape/2`), 20 * MEGABYTE)
    assert.equal(await limitOf('POST', `/agents/demandes/nouvelle/${KEY}`), 20 * MEGABYTE)
    assert.equal(await limitOf('POST', '/mon-espace/demandes/1/messages'), 30 * MEGABYTE)
    assert.equal(await limitOf('POST', '/agents/demandes/1/message'), 30 * MEGABYTE)
    assert.equal(await limitOf('POST', '/mon-espace/profil'), 0)
    assert.equal(await limitOf('POST', '/inscription'), 0)
  })
})

test.group('Saving the steps of a procedure is rate-limited', () => {
  test('past 60 steps saved in 10 minutes from one address, the step route answers 429', async ({
    client,
    assert,
  }) => {
    const { user, draft } = await draftAtStep2()
    const save = () =>
      client
        .post(`/demarches/${KEY}/${draft.id}/etape/2`)
        .form({ _shown: 'hasDocument' })
        .withGuard('web')
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    for (let index = 0; index < 60; index++) {
      const response = await save()
      assert.notEqual(response.status(), 429, `request ${index + 1}`)
    }
    const refused = await save()
    refused.assertStatus(429)
    assert.isAbove(Number(refused.header('retry-after')), 0)
  }).timeout(60_000)
})

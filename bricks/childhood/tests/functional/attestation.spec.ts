import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { filesLimitOf, MEGABYTE } from '#core/services/body_limits'
import { createAgent } from '#tests/support/factories/accounts'
import { FILES } from '#tests/support/factories/demands'
import { inputErrors } from '#tests/support/http'
import Quotient from '../../models/quotient.js'
import { family } from '../support.js'

test.group('Childhood: the CAF attestation sent with a quotient', () => {
  test('a PDF named attestation.html is stored under .pdf and the agent downloads attestation.pdf, typed application/pdf', async ({
    client,
    assert,
  }) => {
    const { user } = await family()
    const agent = await createAgent({ services: ['enfance'] })
    const sent = await client
      .post('/enfance/quotient')
      .field('value', '640')
      .file('attestation', FILES.pdf, { filename: 'attestation.html' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    sent.assertStatus(303)
    const quotient = await Quotient.findByOrFail('userId', user.id)
    assert.match(quotient.documentKey!, /^childhood\/quotients\/\d+\/[0-9a-f-]{36}\.pdf$/)

    const download = await client
      .get(`/agents/enfance/quotients/${quotient.id}/attestation`)
      .withGuard('agent')
      .loginAs(agent)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    download.assertHeader('x-content-type-options', 'nosniff')
    assert.match(
      download.header('content-disposition')!,
      /^attachment; filename="attestation\.pdf"; filename\*=UTF-8''attestation\.pdf$/
    )
  })

  test('an empty attestation is refused with a French message and no quotient is declared', async ({
    client,
    assert,
  }) => {
    const { user } = await family()
    const sent = await client
      .post('/enfance/quotient')
      .field('value', '640')
      .file('attestation', Buffer.alloc(0), { filename: 'attestation-caf.pdf' })
      .withGuard('web')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(inputErrors(sent).attestation, ['Le fichier « attestation-caf.pdf » est vide'])
    assert.isNull(await Quotient.findBy('userId', user.id))
  })

  test('the quotient form takes the CAF attestation, one file of 10 MB, no more', async ({
    assert,
  }) => {
    const matched = router.match('/enfance/quotient', 'POST')
    assert.exists(matched, 'POST /enfance/quotient')
    assert.equal(await filesLimitOf('POST', matched!.route.pattern, matched!.params), 10 * MEGABYTE)
  })
})

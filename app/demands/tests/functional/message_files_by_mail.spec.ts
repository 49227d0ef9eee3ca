import { test } from '@japa/runner'
import Demand from '#demands/models/demand'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { FILES, fileThreeStepDemand } from '#tests/support/factories/demands'
import { mailbox } from '#tests/support/smtp'

/*
 * A person without an account has no space to download the city's files
 * from: the update mail carries them (read from the store when the mail
 * leaves). A resident with an account gets a link to their space instead.
 */
test.group('Files an agent sends with a message', (group) => {
  group.each.setup(() => mailbox.clear())

  test('go with the update mail to a person without an account', async ({ client, assert }) => {
    const agent = await createAgent({ services: ['accueil'] })
    await client
      .post('/agents/demandes/nouvelle/nous-contacter')
      .form({
        origin: 'phone',
        applicant: { firstName: 'Jeanne', lastName: 'Sans-Compte', email: 'jeanne@example.org' },
        topic: 'documents',
        subject: 'Attestation',
        message: 'Pouvez-vous m’envoyer une attestation ?',
      })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    const demand = await Demand.query().where('applicantEmail', 'jeanne@example.org').firstOrFail()
    const answer = await client
      .post(`/agents/demandes/${demand.id}/message`)
      .field('body', 'Voici votre attestation.')
      .file('attachments', FILES.pdf, { filename: 'attestation.pdf' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
      .redirects(0)
    answer.assertStatus(303)
    const mail = await mailbox.waitFor('jeanne@example.org', /Nouveau message/)
    assert.lengthOf(mail.attachments, 1)
    assert.equal(mail.attachments[0].filename, 'attestation.pdf')
    assert.equal(mail.attachments[0].contentType, 'application/pdf')
    assert.deepEqual(Buffer.from(mail.attachments[0].content), FILES.pdf)
  })

  test('stay in the space of a resident with an account', async ({ client, assert }) => {
    const resident = await createResident({ email: 'avec-compte@example.org' })
    const agent = await createAgent({ services: ['urbanisme'] })
    const demand = await fileThreeStepDemand(resident)
    await client
      .post(`/agents/demandes/${demand.id}/message`)
      .field('body', 'Voici le document.')
      .file('attachments', FILES.pdf, { filename: 'document.pdf' })
      .withGuard('agent')
      .loginAs(agent)
      .withCsrfToken()
    const mail = await mailbox.waitFor('avec-compte@example.org', /Nouveau message/)
    assert.lengthOf(mail.attachments, 0)
  })
})

import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import MailLogEntry from '#notifications/models/mail_log_entry'
import { mailbox } from '#tests/support/smtp'

test.group('Mail log', () => {
  test('without SMTP, a mail is kept whole in mail_log for admins to read', async ({ assert }) => {
    await mail.use('stored').send((message) => {
      message
        .to('lea@example.org')
        .from('mairie@example.org')
        .subject('Vérifiez votre adresse')
        .html('<p>Cliquez sur <a href="http://localhost/lien">ce lien</a></p>')
        .text('Cliquez sur http://localhost/lien')
    })
    const entry = await MailLogEntry.query().firstOrFail()
    assert.equal(entry.mailer, 'stored')
    assert.equal(entry.recipients, 'lea@example.org')
    assert.equal(entry.subject, 'Vérifiez votre adresse')
    assert.include(entry.text!, 'http://localhost/lien')
    assert.include(entry.html!, '<a href="http://localhost/lien">')
    assert.lengthOf(mailbox.for('lea@example.org'), 0)
  })

  test('through SMTP, the mail arrives and only who, what and when are logged', async ({
    assert,
  }) => {
    await mail.use('smtp').send((message) => {
      message
        .to('hugo@example.org')
        .from('mairie@example.org')
        .subject('Réinitialisation du mot de passe')
        .text('Lien secret : http://localhost/secret')
    })
    const received = await mailbox.waitFor('hugo@example.org', /Réinitialisation/)
    assert.include(received.text!, 'http://localhost/secret')
    // The log is written by the mail:sent listener, just after the send.
    let entry = await MailLogEntry.query().first()
    for (let attempt = 0; !entry && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      entry = await MailLogEntry.query().first()
    }
    assert.exists(entry)
    if (!entry) return
    assert.equal(entry.mailer, 'smtp')
    assert.equal(entry.recipients, 'hugo@example.org')
    assert.isNull(entry.text)
    assert.isNull(entry.html)
  })
})

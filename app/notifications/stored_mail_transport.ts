import { createTransport } from 'nodemailer'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'
import MailLogEntry from '#notifications/models/mail_log_entry'

/**
 * A mail transport for installs without SMTP: the message is rendered by
 * nodemailer exactly as it would be sent, and kept in `mail_log` with its
 * body so that admins can read it at /agents/admin/mails.
 */
export class StoredMailTransport implements MailTransportContract {
  #renderer = createTransport({ jsonTransport: true })

  async send(message: NodeMailerMessage) {
    const info = await this.#renderer.sendMail(message)
    const rendered = JSON.parse(info.message as unknown as string)
    await MailLogEntry.create({
      mailer: 'stored',
      recipients: info.envelope.to.join(', '),
      subject: rendered.subject ?? '',
      html: typeof rendered.html === 'string' ? rendered.html : null,
      text: typeof rendered.text === 'string' ? rendered.text : null,
      messageId: info.messageId,
    })
    return new MailResponse(info.messageId, info.envelope as any, info)
  }
}

import { readFile } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { createTransport } from 'nodemailer'
import db from '@adonisjs/lucid/services/db'
import { MailResponse } from '@adonisjs/mail'
import type {
  AttachmentOptions,
  MailTransportContract,
  NodeMailerMessage,
} from '@adonisjs/mail/types'
import MailLogEntry from '#notifications/models/mail_log_entry'
import MailLogAttachment from '#notifications/models/mail_log_attachment'

/** The bytes of an attachment, whatever form nodemailer was given it in. */
async function attachmentBytes(attachment: AttachmentOptions): Promise<Buffer | null> {
  const { content, path, encoding } = attachment
  if (Buffer.isBuffer(content)) return content
  if (typeof content === 'string')
    return Buffer.from(content, (encoding as BufferEncoding | undefined) ?? 'utf8')
  if (content && typeof (content as Readable).pipe === 'function') {
    const chunks: Buffer[] = []
    for await (const chunk of content as Readable) chunks.push(Buffer.from(chunk))
    // The stream is spent: nodemailer renders the message from the bytes instead.
    attachment.content = Buffer.concat(chunks)
    return attachment.content
  }
  if (typeof path === 'string' && !/^(https?|data):/i.test(path)) return readFile(path)
  return null
}

/**
 * A mail transport for installs without SMTP: the message is rendered by
 * nodemailer exactly as it would be sent, and kept in `mail_log` with its
 * body and its attachments (the appointment's .ics…) so that admins can read
 * it, and download what it carried, at /agents/admin/mails.
 */
export class StoredMailTransport implements MailTransportContract {
  #renderer = createTransport({ jsonTransport: true })

  async send(message: NodeMailerMessage) {
    const files: { filename: string; contentType: string; content: Buffer }[] = []
    for (const [index, attachment] of (message.attachments ?? []).entries()) {
      const content = await attachmentBytes(attachment)
      if (!content) continue
      const filename =
        typeof attachment.filename === 'string' && attachment.filename
          ? attachment.filename
          : `piece-jointe-${index + 1}`
      files.push({
        filename,
        contentType: attachment.contentType ?? 'application/octet-stream',
        content,
      })
    }
    const info = await this.#renderer.sendMail(message)
    const rendered = JSON.parse(info.message as unknown as string)
    await db.transaction(async (trx) => {
      const entry = await MailLogEntry.create(
        {
          mailer: 'stored',
          recipients: info.envelope.to.join(', '),
          subject: rendered.subject ?? '',
          html: typeof rendered.html === 'string' ? rendered.html : null,
          text: typeof rendered.text === 'string' ? rendered.text : null,
          messageId: info.messageId,
        },
        { client: trx }
      )
      for (const file of files) {
        await MailLogAttachment.create(
          {
            mailLogId: entry.id,
            filename: file.filename,
            contentType: file.contentType,
            size: file.content.length,
            content: file.content,
          },
          { client: trx }
        )
      }
    })
    return new MailResponse(info.messageId, info.envelope as any, info)
  }
}

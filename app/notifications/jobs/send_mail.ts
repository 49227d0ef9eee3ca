import mail from '@adonisjs/mail/services/main'
import drive from '@adonisjs/drive/services/main'
import type { Message } from '@adonisjs/mail'
import { defineJob } from '#jobs/registry'
import { recordConnectorFailure } from '#core/observability/metrics'

/** A file kept through Drive (a demand's file…), read when the mail leaves, never copied into the job. */
export interface StoredAttachment {
  storageKey: string
  filename: string
  contentType: string
}

export interface SendMailPayload {
  to: string
  subject: string
  html: string
  text: string
  /** defaults to the mailer's configured sender */
  from?: string
  /** small text attachments (an invitation .ics…), kept in the job's payload */
  attachments?: { filename: string; content: string; contentType: string }[]
  /** files from the private disk, read by whichever process sends the mail */
  files?: StoredAttachment[]
}

export const IDEMPOTENCY_HEADER = 'X-Parvis-Idempotency-Key'

/**
 * Sends a mail rendered by the caller inside its transaction. The
 * idempotency key travels as a header so a receiver can drop a duplicate.
 * Stored files are read from Drive when the mail leaves: with several
 * servers, from the shared S3-compatible store, whatever process uploaded
 * them.
 */
export const sendMailJob = defineJob<SendMailPayload>({
  queue: 'mail',
  maxAttempts: 10,
  async handle(payload, context) {
    const files = await Promise.all(
      (payload.files ?? []).map(async (file) => ({
        ...file,
        content: Buffer.from(await drive.use().getBytes(file.storageKey)),
      }))
    )
    const build = (message: Message) => {
      if (payload.from) message.from(payload.from)
      message
        .to(payload.to)
        .subject(payload.subject)
        .html(payload.html)
        .text(payload.text)
        .header(IDEMPOTENCY_HEADER, context.idempotencyKey)
      for (const attachment of payload.attachments ?? []) {
        message.attachData(Buffer.from(attachment.content, 'utf8'), {
          filename: attachment.filename,
          contentType: attachment.contentType,
        })
      }
      for (const file of files)
        message.attachData(file.content, { filename: file.filename, contentType: file.contentType })
    }
    await mail.send(build).catch((error) => {
      recordConnectorFailure('smtp')
      throw error
    })
  },
})

export default sendMailJob

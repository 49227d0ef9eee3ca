import mail from '@adonisjs/mail/services/main'
import { defineJob } from '#jobs/registry'

export interface SendMailPayload {
  to: string
  subject: string
  html: string
  text: string
  /** defaults to the mailer's configured sender */
  from?: string
  /** small text attachments (an invitation .ics…), kept in the job's payload */
  attachments?: { filename: string; content: string; contentType: string }[]
}

export const IDEMPOTENCY_HEADER = 'X-Parvis-Idempotency-Key'

/**
 * Sends a mail rendered by the caller inside its transaction. The
 * idempotency key travels as a header so a receiver can drop a duplicate.
 */
export const sendMailJob = defineJob<SendMailPayload>({
  queue: 'mail',
  maxAttempts: 10,
  async handle(payload, context) {
    await mail.send((message) => {
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
    })
  },
})

export default sendMailJob

import type { MailEvents } from '@adonisjs/mail/types'
import logger from '@adonisjs/core/services/logger'
import MailLogEntry from '#notifications/models/mail_log_entry'

type Address = string | { address: string; name?: string }

function addresses(value: unknown): string[] {
  const list = (Array.isArray(value) ? value : value ? [value] : []) as Address[]
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address))
}

/**
 * Records who received which mail and when, without the body: bodies carry
 * one-time links that must not pile up in the database. The stored transport
 * (no SMTP) writes its own, complete entries.
 */
export async function logSentMail(event: MailEvents['mail:sent']) {
  if (event.mailerName === 'stored') return
  try {
    await MailLogEntry.create({
      mailer: event.mailerName,
      recipients: addresses(event.message.to).join(', '),
      subject: String(event.message.subject ?? ''),
      html: null,
      text: null,
      messageId: event.response.messageId ?? null,
    })
  } catch (error) {
    // The mail is gone already; failing to log it must not fail the request.
    logger.warn({ err: error }, 'could not record a sent mail in mail_log')
  }
}

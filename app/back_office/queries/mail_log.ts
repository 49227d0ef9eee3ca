import MailLogEntry from '#notifications/models/mail_log_entry'

const PAGE_SIZE = 50

/** A page of the mails sent, newest first, before the id `before` (keyset), without their bodies; whether older ones remain. */
export async function sentMailsPage(before: number | null) {
  const query = MailLogEntry.query()
    .select('id', 'mailer', 'recipients', 'subject', 'createdAt')
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { mails: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}

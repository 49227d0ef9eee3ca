import db from '@adonisjs/lucid/services/db'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import MailLogEntry from '#notifications/models/mail_log_entry'
import { containsInsensitive } from '#core/database/dialect'
import { queryText } from '#core/http/query_filters'

const PAGE_SIZE = 50
/** Lengths of the search boxes (longer is cut). */
export const MAIL_FILTER_LIMITS = { recipient: 254, subject: 200 }

export type MailFilters = { recipient: string; subject: string }

/** The search as typed, trimmed and cut to its box's length. */
export function mailFilters(qs: Record<string, unknown>): MailFilters {
  return {
    recipient: queryText(qs.destinataire, MAIL_FILTER_LIMITS.recipient),
    subject: queryText(qs.objet, MAIL_FILTER_LIMITS.subject),
  }
}

/** The search as a query string (the next page, the export), empty when nothing is searched. */
export function mailFiltersQuery({ recipient, subject }: MailFilters) {
  const params = new URLSearchParams()
  if (recipient) params.set('destinataire', recipient)
  if (subject) params.set('objet', subject)
  return params.toString()
}

function filtered(filters: MailFilters) {
  const query: ModelQueryBuilderContract<typeof MailLogEntry, MailLogEntry> =
    MailLogEntry.query().select('id', 'mailer', 'recipients', 'subject', 'createdAt')
  const client = db.connection()
  for (const [column, term] of [
    ['recipients', filters.recipient],
    ['subject', filters.subject],
  ] as const) {
    if (!term) continue
    const { sql, bindings } = containsInsensitive(client, [column], term)
    query.whereRaw(sql, bindings)
  }
  return query
}

/** A page of the mails sent, newest first, before the id `before` (keyset), without their bodies; whether older ones remain. */
export async function sentMailsPage(filters: MailFilters, before: number | null) {
  const query = filtered(filters)
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { mails: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}

/** The export's rows after `afterId`, oldest first (see keysetBatches). */
export function sentMailsAfter(filters: MailFilters, afterId: number, size: number) {
  return filtered(filters).where('id', '>', afterId).orderBy('id', 'asc').limit(size)
}

import type { HttpContext } from '@adonisjs/core/http'
import { keysetBatches, sendCsv } from '#core/services/csv_download'
import { auditExport } from '#accounts/actions/audited_export'
import { jobsAfter, type JobFilter } from '#jobs/queries/jobs_list'
import { mailFiltersQuery, sentMailsAfter, type MailFilters } from '#back_office/queries/mail_log'
import {
  auditEntriesAfter,
  auditFiltersQuery,
  type AuditFilters,
} from '#back_office/queries/audit_log'

/*
 * The back office's own lists as CSV files (French spreadsheet format),
 * streamed by key and audited like every export: the entry names the list
 * and its filter, and gets the row count once the last row left.
 */

function headers(ctx: HttpContext, keys: string[]) {
  return keys.map((key) => ctx.i18n.t(key))
}

export async function exportMails(ctx: HttpContext, filters: MailFilters) {
  const agent = ctx.auth.use('agent').getUserOrFail()
  return sendCsv(ctx, {
    name: 'mails',
    header: headers(ctx, [
      'back_office.mails.date',
      'back_office.mails.recipients',
      'back_office.mails.subject',
      'back_office.mails.mailer',
    ]),
    batches: keysetBatches((afterId, size) => sentMailsAfter(filters, afterId, size)),
    toCells: (mail) => [
      mail.createdAt,
      mail.recipients,
      mail.subject,
      ctx.i18n.t(`back_office.mails.mailers.${mail.mailer}`),
    ],
    onDone: await auditExport(agent, 'mails', mailFiltersQuery(filters) || null),
  })
}

export async function exportAudit(ctx: HttpContext, filters: AuditFilters) {
  const agent = ctx.auth.use('agent').getUserOrFail()
  // The entry of this very export is written first: an export of "everything" lists itself, without its count.
  const onDone = await auditExport(agent, 'audit', auditFiltersQuery(filters) || null)
  return sendCsv(ctx, {
    name: 'journal',
    header: headers(ctx, [
      'back_office.audit.when',
      'back_office.audit.agent',
      'back_office.audit.action',
      'demands.fields.reference',
      'back_office.audit.detail',
      'back_office.audit.rows',
    ]),
    batches: keysetBatches((afterId, size) => auditEntriesAfter(filters, afterId, size)),
    toCells: ({ entry, reference }) => [
      entry.createdAt,
      entry.agent ? `${entry.agent.fullName} (${entry.agent.email})` : '',
      ctx.i18n.t(`back_office.audit.actions.${entry.action}`),
      reference ?? '',
      entry.detail ?? '',
      entry.rowCount,
    ],
    onDone,
  })
}

export async function exportJobs(ctx: HttpContext, filter: JobFilter, type: string) {
  const agent = ctx.auth.use('agent').getUserOrFail()
  const query = new URLSearchParams({ etat: filter, ...(type ? { type } : {}) }).toString()
  return sendCsv(ctx, {
    name: 'taches',
    header: headers(ctx, [
      'jobs.fields.id',
      'jobs.fields.name',
      'jobs.fields.queue',
      'jobs.fields.status',
      'jobs.fields.attempts',
      'jobs.fields.run_at',
      'jobs.fields.finished_at',
      'jobs.fields.last_error',
    ]),
    batches: keysetBatches((afterId, size) => jobsAfter(filter, type, afterId, size)),
    toCells: (job) => [
      job.id,
      job.name,
      job.queue,
      ctx.i18n.t(`jobs.statuses.${job.status}`),
      `${job.attempts} / ${job.maxAttempts}`,
      job.runAt,
      job.finishedAt,
      job.lastError ? job.lastError.split('\n')[0].slice(0, 300) : '',
    ],
    onDone: await auditExport(agent, 'jobs', query),
  })
}

import type { HttpContext } from '@adonisjs/core/http'
import MailLogEntry from '#notifications/models/mail_log_entry'
import MailLogAttachment from '#notifications/models/mail_log_attachment'
import { notFoundPage } from '#core/services/not_found'
import { administer } from '#accounts/abilities'
import {
  MAIL_FILTER_LIMITS,
  mailFilters,
  mailFiltersQuery,
  sentMailsPage,
} from '#back_office/queries/mail_log'
import { exportMails } from '#back_office/services/admin_exports'

/** The list's links: older mails and the first page, with the same search. */
function mailListLinks(query: string, before: number | null, lastId: number | null) {
  const base = `/agents/admin/mails?${query ? `${query}&` : ''}`
  return {
    next: lastId ? `${base}avant=${lastId}` : null,
    previous: before ? `/agents/admin/mails${query ? `?${query}` : ''}` : null,
    exportUrl: `/agents/admin/mails/export.csv${query ? `?${query}` : ''}`,
  }
}

/** /agents/admin/mails: what the platform sent (and, without SMTP, the mails themselves); search by recipient or subject. */
export default class MailsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.authorize(administer)
    const filters = mailFilters(request.qs())
    const before = Number(request.qs().avant) || null
    const { mails, more } = await sentMailsPage(filters, before)
    const lastId = more ? mails[mails.length - 1].id : null
    return view.render('back_office::admin/mails', {
      mails,
      ...filters,
      filterLimits: MAIL_FILTER_LIMITS,
      ...mailListLinks(mailFiltersQuery(filters), before, lastId),
    })
  }

  /** The mails found (who, subject, when; never a body) as a CSV file, audited with the search and the row count. */
  async export(ctx: HttpContext) {
    await ctx.bouncer.authorize(administer)
    return exportMails(ctx, mailFilters(ctx.request.qs()))
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.authorize(administer)
    const mail = await MailLogEntry.findOrFail(Number(params.id) || 0)
    const attachments = await MailLogAttachment.query()
      .select('id', 'filename', 'contentType', 'size')
      .where('mailLogId', mail.id)
      .orderBy('id')
    return view.render('back_office::admin/mail', {
      mail,
      attachments,
      bodyHtml: mail.text ? linkify(mail.text) : '',
    })
  }

  /** A file the stored mail carried, downloaded as the recipient would have received it. */
  async attachment(ctx: HttpContext) {
    await ctx.bouncer.authorize(administer)
    const file = await MailLogAttachment.query()
      .where('mailLogId', Number(ctx.params.id) || 0)
      .where('id', Number(ctx.params.attachmentId) || 0)
      .first()
    if (!file) return notFoundPage(ctx)
    ctx.response.header('Content-Type', downloadType(file.contentType))
    ctx.response.header('Content-Disposition', contentDisposition(file.filename))
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.send(Buffer.from(file.content))
  }
}

/** Types served as they are; anything else (HTML, SVG…) is offered as bytes to save, never rendered. */
const SAFE_TYPES = [
  'text/calendar',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
]

export function downloadType(contentType: string) {
  const base = contentType.split(';')[0].trim().toLowerCase()
  if (!SAFE_TYPES.includes(base)) return 'application/octet-stream'
  return base.startsWith('text/') ? `${base}; charset=utf-8` : base
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 one (RFC 6266). */
export function contentDisposition(filename: string) {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'piece-jointe'
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character])

/** Escapes a mail's text part and turns its http(s) links into anchors; nothing else of it becomes markup. */
export function linkify(text: string) {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, index) =>
      index % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)
    )
    .join('')
}

import type { HttpContext } from '@adonisjs/core/http'
import MailLogEntry from '#notifications/models/mail_log_entry'
import { administer } from '#abilities/main'

const PAGE_SIZE = 50

/** /agents/admin/mails: what the platform sent (and, without SMTP, the mails themselves). */
export default class MailsController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.authorize(administer)
    const before = Number(request.qs().avant) || null
    const query = MailLogEntry.query().select('id', 'mailer', 'recipients', 'subject', 'createdAt').orderBy('id', 'desc').limit(PAGE_SIZE + 1)
    if (before) query.where('id', '<', before)
    const rows = await query
    const mails = rows.slice(0, PAGE_SIZE)
    const next = rows.length > PAGE_SIZE ? `/agents/admin/mails?avant=${mails[mails.length - 1].id}` : null
    return view.render('pages/back_office/admin/mails', { mails, next, previous: before ? '/agents/admin/mails' : null })
  }

  async show({ view, bouncer, params }: HttpContext) {
    await bouncer.authorize(administer)
    const mail = await MailLogEntry.findOrFail(Number(params.id) || 0)
    return view.render('pages/back_office/admin/mail', { mail, bodyHtml: mail.text ? linkify(mail.text) : '' })
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character])

/** Escapes a mail's text part and turns its http(s) links into anchors; nothing else of it becomes markup. */
export function linkify(text: string) {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, index) => (index % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('')
}

import edge from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { enqueue } from '#jobs/enqueue'
import type { MailRequest } from '#core/mail'
import { isPostalOnlyAddress } from '#accounts/services/postal_only'

export type { MailRequest }

/**
 * Renders a mail in the recipient's language and puts it in the outbox, in
 * the caller's transaction when there is one: the mail leaves only if the
 * change that causes it is saved, and it is retried until the SMTP server
 * takes it.
 */
export async function queueMail(
  request: MailRequest,
  client?: TransactionClientContract | QueryClientContract
) {
  // A postal-only resident has no mailbox: their letters are printed from the back office.
  if (typeof request.to === 'string' && isPostalOnlyAddress(request.to)) return null
  const locale =
    request.locale && i18nManager.supportedLocales().includes(request.locale)
      ? request.locale
      : 'fr'
  const i18n = i18nManager.locale(locale)
  const data = { ...request.data, i18n, locale }
  const [html, text] = await Promise.all([
    edge.render(request.view, data),
    edge.render(`${request.view}_text`, data),
  ])
  return enqueue(
    'send_mail',
    {
      to: request.to,
      subject: i18n.t(request.subject, request.subjectData ?? {}),
      html,
      text,
      attachments: request.attachments,
      files: request.files,
    },
    { client, orderingKey: request.orderingKey ?? null }
  )
}

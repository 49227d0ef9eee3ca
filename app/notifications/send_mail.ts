import mail from '@adonisjs/mail/services/main'
import i18nManager from '@adonisjs/i18n/services/main'

export interface MailRequest {
  to: string
  /** i18n key of the subject */
  subject: string
  subjectData?: Record<string, unknown>
  /** Edge view of the HTML part; `<view>_text` is the text part */
  view: string
  data?: Record<string, unknown>
  locale?: string | null
}

/**
 * Renders a mail in the recipient's language (HTML and text parts) and sends
 * it through the configured mailer.
 */
export async function sendMail(request: MailRequest) {
  const i18n = i18nManager.locale(request.locale && i18nManager.supportedLocales().includes(request.locale) ? request.locale : 'fr')
  const data = { ...request.data, i18n, locale: i18n.locale }
  await mail.send((message) => {
    message
      .to(request.to)
      .subject(i18n.t(request.subject, request.subjectData ?? {}))
      .htmlView(request.view, data)
      .textView(`${request.view}_text`, data)
  })
}

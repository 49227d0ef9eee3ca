import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import type { SMTPConfig } from '@adonisjs/mail/types'
import { StoredMailTransport } from '#notifications/stored_mail_transport'

/*
 * Nodemailer waits 2 minutes for a connection and 30 s for the greeting by
 * default: an SMTP server that accepts and never answers would hold the mail
 * queue that long for each mail. Short limits make the job fail fast and be
 * retried later (the other queues never wait for mail anyway).
 */
const smtp: SMTPConfig & {
  connectionTimeout: number
  greetingTimeout: number
  socketTimeout: number
} = {
  host: env.get('SMTP_HOST', 'localhost'),
  port: env.get('SMTP_PORT', 587),
  secure: env.get('SMTP_SECURE', false),
  ignoreTLS: env.get('SMTP_IGNORE_TLS', false),
  auth: env.get('SMTP_USERNAME')
    ? { type: 'login', user: env.get('SMTP_USERNAME')!, pass: env.get('SMTP_PASSWORD', '') }
    : undefined,
  connectionTimeout: env.get('SMTP_CONNECTION_TIMEOUT', 10_000),
  greetingTimeout: env.get('SMTP_GREETING_TIMEOUT', 10_000),
  socketTimeout: env.get('SMTP_SOCKET_TIMEOUT', 30_000),
}

/*
 * With SMTP settings, mails leave through SMTP. Without them (the embedded
 * default), they are kept in the database and shown to admins at
 * /agents/admin/mails, so the demo works offline.
 */
const mailConfig = defineConfig({
  default: env.get('SMTP_HOST') ? 'smtp' : 'stored',
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'ne-pas-repondre@parvis.localhost'),
    name: env.get('MAIL_FROM_NAME', env.get('CITY_NAME', 'Évry-Courcouronnes')),
  },
  mailers: {
    smtp: transports.smtp(smtp),
    stored: () => new StoredMailTransport(),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}

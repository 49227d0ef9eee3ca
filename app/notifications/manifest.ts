import { defineModule } from '#core/modules/define_module'
import { notificationsPersonalData } from '#notifications/personal_data'
import { notificationsRetention } from '#notifications/retention'
import { smsSettings } from '#notifications/sms/settings'
import { notificationChecks } from '#notifications/checks'

/**
 * The mail outbox: renders mails in the recipient's language, sends them
 * through SMTP (or stores them when no SMTP server is set) and logs what left.
 * What a mail is about belongs to the module that sends it (demands' updates
 * to residents live in demands).
 */
export default defineModule({
  name: 'notifications',
  label: 'notifications.module',
  personalData: notificationsPersonalData,
  retention: notificationsRetention,
  settings: smsSettings,
  checks: notificationChecks,
  mailQueue: () => import('./queue_mail.js'),
  jobs: {
    send_mail: () => import('#notifications/jobs/send_mail'),
    send_sms: () => import('#notifications/jobs/send_sms'),
    send_sms_code: () => import('#notifications/jobs/send_sms_code'),
  },
})

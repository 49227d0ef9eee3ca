import { defineModule } from '#core/modules/define_module'

/** Mails and in-portal notifications, and their templates. */
export default defineModule({
  name: 'notifications',
  label: 'notifications.module',
  mailQueue: () => import('./queue_mail.js'),
  jobs: {
    send_mail: () => import('#notifications/jobs/send_mail'),
    mail_demand_updates: () => import('#notifications/jobs/mail_demand_updates'),
  },
  residentSpace: { cards: [{ order: 40, card: () => import('#notifications/queries/resident_card') }] },
})

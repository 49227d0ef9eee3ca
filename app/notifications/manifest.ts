import { defineModule } from '#core/modules/define_module'

/** Mails and in-portal notifications, and their templates. */
export default defineModule({
  name: 'notifications',
  label: 'notifications.module',
  mailQueue: () => import('./queue_mail.js'),
})

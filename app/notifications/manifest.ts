import { defineModule } from '#core/modules/define_module'

/** Mails and in-portal notifications, and their templates. */
export default defineModule({
  name: 'notifications',
  label: 'notifications.module',
  residentSpace: { cards: [{ order: 40, card: () => import('#notifications/queries/resident_card') }] },
})

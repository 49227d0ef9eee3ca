import Notification from '#demands/models/notification'
import type { ResidentCardSource } from '#accounts/resident_space'

/** The notifications card of /mon-espace: how many are unread. */
const notificationsCard: ResidentCardSource = async ({ userId, t }) => {
  const [row] = await Notification.query()
    .where('userId', userId)
    .whereNull('readAt')
    .count('* as total')
    .pojo<{ total: number | string }>()
  return {
    title: t('notifications.space.card_title'),
    href: '/mon-espace/notifications',
    text: t('notifications.space.unread', { count: Number(row?.total ?? 0) }),
  }
}

export default notificationsCard

import Notification from '#demands/models/notification'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

/** Marks as read, now, those of these notifications that were not: what the resident has just been shown. */
export async function markNotificationsRead(notifications: Notification[]) {
  const unread = notifications
    .filter((notification) => !notification.readAt)
    .map((notification) => notification.id)
  if (unread.length)
    await Notification.query()
      .whereIn('id', unread)
      .update({ read_at: dbTimestamp(clock.now()) })
}

import type { HttpContext } from '@adonisjs/core/http'
import { markNotificationsRead } from '#demands/actions/mark_notifications_read'
import {
  notificationItems,
  notificationsPage,
  olderNotificationsUrl,
} from '#demands/queries/notifications_list'
import { preferencesValidator } from '#demands/validators/notifications'
import { routeUrl } from '#core/http/route_url'

/** /mon-espace/notifications: what happened on the resident's demands, and which of it they want by mail. */
export default class NotificationsController {
  async index({ view, auth, request, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const before = Number(request.input('avant')) || null
    const { notifications, more } = await notificationsPage(user.id, before)
    const items = notificationItems(notifications, i18n)
    // Opening the list marks what it shows as read.
    await markNotificationsRead(notifications)
    const next = more ? olderNotificationsUrl(notifications) : null
    return view.render('demands::notifications/index', { items, user, next })
  }

  async updatePreferences({ auth, request, response, session }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const input = await request.validateUsing(preferencesValidator)
    user.merge({
      notifyByEmail: Boolean(input.notifyByEmail),
      mailOnStatusChange: Boolean(input.mailOnStatusChange),
      mailOnMessage: Boolean(input.mailOnMessage),
    })
    await user.save()
    session.flash('success', 'notifications.preferences.saved')
    return response.redirect().status(303).toPath(routeUrl('resident.notifications.index'))
  }
}

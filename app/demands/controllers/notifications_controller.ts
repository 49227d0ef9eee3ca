import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import Notification from '#demands/models/notification'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

const PAGE_SIZE = 30

const preferencesValidator = vine.compile(
  vine.object({
    notifyByEmail: vine.boolean().optional(),
    mailOnStatusChange: vine.boolean().optional(),
    mailOnMessage: vine.boolean().optional(),
  })
)

/** /mon-espace/notifications: what happened on the resident's demands, and which of it they want by mail. */
export default class NotificationsController {
  async index({ view, auth, request, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const before = Number(request.input('avant')) || null
    const query = Notification.query().where('userId', user.id).preload('demand').orderBy('id', 'desc').limit(PAGE_SIZE + 1)
    if (before) query.where('id', '<', before)
    const rows = await query
    const page = rows.slice(0, PAGE_SIZE)
    const items = page.map((notification) => {
      const procedure = findProcedure(notification.demand.procedureKey)
      const state = procedure && notification.toState ? stateOf(workflowOf(procedure), notification.toState) : null
      return {
        notification,
        title: procedure ? i18n.t(procedure.title) : notification.demand.procedureKey,
        text: i18n.t(`notifications.kinds.${notification.kind}`, { state: state ? i18n.t(state.residentLabel) : '' }),
        href: `/mon-espace/demandes/${notification.demandId}`,
      }
    })
    // Opening the list marks what it shows as read.
    const unread = page.filter((notification) => !notification.readAt).map((notification) => notification.id)
    if (unread.length) await Notification.query().whereIn('id', unread).update({ read_at: dbTimestamp(clock.now()) })
    return view.render('pages/notifications/index', { items, user, next: rows.length > PAGE_SIZE ? `/mon-espace/notifications?avant=${page[page.length - 1].id}` : null })
  }

  async updatePreferences({ auth, request, response, session }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const input = await request.validateUsing(preferencesValidator)
    user.merge({ notifyByEmail: Boolean(input.notifyByEmail), mailOnStatusChange: Boolean(input.mailOnStatusChange), mailOnMessage: Boolean(input.mailOnMessage) })
    await user.save()
    session.flash('success', 'notifications.preferences.saved')
    return response.redirect().status(303).toPath('/mon-espace/notifications')
  }
}

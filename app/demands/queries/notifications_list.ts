import type { I18n } from '@adonisjs/i18n'
import Notification from '#demands/models/notification'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import { routeUrl } from '#core/http/route_url'

const PAGE_SIZE = 30

/** A page of the resident's notifications, newest first, before the id `before` (keyset); whether older ones remain. */
export async function notificationsPage(userId: number, before: number | null) {
  const query = Notification.query()
    .where('userId', userId)
    .preload('demand')
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (before) query.where('id', '<', before)
  const rows = await query
  return { notifications: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE }
}

/** Each notification as the list shows it: the procedure's title, what happened (with the new state's label) and the demand's link. */
export function notificationItems(notifications: Notification[], i18n: I18n) {
  return notifications.map((notification) => {
    const procedure = findProcedure(
      notification.demand.procedureKey,
      notification.demand.procedureVersion
    )
    const state =
      procedure && notification.toState
        ? stateOf(workflowOf(procedure), notification.toState)
        : null
    return {
      notification,
      title: procedure ? i18n.t(procedure.title) : notification.demand.procedureKey,
      text: i18n.t(`notifications.kinds.${notification.kind}`, {
        state: state ? i18n.t(state.residentLabel) : '',
      }),
      href: routeUrl('resident.demands.show', { id: notification.demandId }),
    }
  })
}

/** The next page of the list: the notifications older than the last one shown. */
export function olderNotificationsUrl(shown: Notification[]) {
  return routeUrl('resident.notifications.index', {}, { avant: shown[shown.length - 1].id })
}

import type { HttpContext } from '@adonisjs/core/http'
import { administer } from '#accounts/abilities'
import { clock } from '#core/clock'
import { smsSimulated } from '#notifications/sms/index'
import {
  formatCost,
  simulatorMessagesPage,
  smsLogPage,
  smsMonthlyCosts,
} from '#notifications/queries/sms_log'

/** /agents/admin/sms: every SMS (number masked, segments, status) and the monthly cost; the simulator's messages. */
export default class SmsAdminController {
  async index({ view, bouncer, request }: HttpContext) {
    await bouncer.authorize(administer)
    const before = Number(request.qs().avant) || null
    const { entries, more } = await smsLogPage(before)
    const months = await smsMonthlyCosts(clock.now())
    const next = more ? `/agents/admin/sms?avant=${entries[entries.length - 1].id}` : null
    return view.render('notifications::admin/sms', {
      entries,
      months,
      next,
      formatCost,
      simulated: smsSimulated(),
    })
  }

  async simulator({ view, bouncer, request }: HttpContext) {
    await bouncer.authorize(administer)
    const before = Number(request.qs().avant) || null
    const { messages, more } = await simulatorMessagesPage(before)
    const next = more
      ? `/agents/admin/sms/simulateur?avant=${messages[messages.length - 1].id}`
      : null
    return view.render('notifications::admin/sms_simulator', {
      messages,
      next,
      simulated: smsSimulated(),
    })
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { childOf } from '../queries/child_record.js'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import Absence from '../models/absence.js'
import RecordAbsence from '../actions/record_absence.js'
import { absenceRange, agentAbsenceValidator } from '../validators/absences.js'

/** /agents/enfance/enfants/:id/absences: an agent records a child's absence over a range of days, or removes one. */
export default class AbsencesController {
  async store(ctx: HttpContext) {
    const child = await childOf(ctx.params.id)
    if (!child) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(agentAbsenceValidator)
    const range = absenceRange(input)
    if ('key' in range) throw fieldError(range.field, ctx.i18n.t(range.key))
    await new RecordAbsence().handle(
      ctx.auth.use('agent').getUserOrFail(),
      child,
      range,
      input.reason
    )
    ctx.session.flash('success', 'childhood.absences.recorded')
    return ctx.response.redirect().status(303).toPath(`/agents/enfance/enfants/${child.id}`)
  }

  async destroy(ctx: HttpContext) {
    const absence = await Absence.find(Number(ctx.params.id) || 0)
    if (!absence) return notFoundPage(ctx)
    await absence.delete()
    ctx.session.flash('success', 'childhood.absences.removed')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/enfants/${absence.householdMemberId}`)
  }
}

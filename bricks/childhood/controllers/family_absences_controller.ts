import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { readSettings } from '#core/services/settings'
import { clock } from '#core/clock'
import { childrenOf } from '../queries/family.js'
import { upcomingFamilyAbsences } from '../queries/absences.js'
import { familyAbsenceValidator } from '../validators/absences.js'
import DeclareAbsence, { AbsenceRefusedError } from '../actions/declare_absence.js'
import { childhoodSettings } from '../settings.js'
import WithdrawAbsence, { withdrawable } from '../actions/withdraw_absence.js'
import { notFoundPage } from '#core/services/not_found'

/** /enfance/absences: a family declares a child's absence before the cut-off, so those days are not billed. */
export default class FamilyAbsencesController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const { absenceNoticeHours: hours } = await readSettings('childhood', childhoodSettings)
    const absences = await upcomingFamilyAbsences(user.id, clock.today())
    return view.render('childhood::family/absences', {
      children: await childrenOf(user.id),
      absences,
      withdrawable: new Set(
        absences.filter((absence) => withdrawable(absence, hours)).map((absence) => absence.id)
      ),
      hours,
    })
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(familyAbsenceValidator)
    try {
      await new DeclareAbsence().handle(ctx.auth.use('web').getUserOrFail(), input)
    } catch (error) {
      if (!(error instanceof AbsenceRefusedError)) throw error
      throw fieldError(error.field, ctx.i18n.t(error.key, error.data))
    }
    ctx.session.flash('success', 'childhood.absences.declared')
    return ctx.response.redirect().status(303).toPath('/enfance/absences')
  }

  async withdraw(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    if (!(await new WithdrawAbsence().handle(user, Number(ctx.params.id) || 0)))
      return notFoundPage(ctx)
    ctx.session.flash('success', 'childhood.absences.withdrawn')
    return ctx.response.redirect().status(303).toPath('/enfance/absences')
  }
}

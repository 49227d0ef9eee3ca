import type { HttpContext } from '@adonisjs/core/http'
import { loggedInResident } from '#accounts/services/sessions'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { readSettings } from '#core/services/settings'
import { clock } from '#core/clock'
import OtvAbsence from '../models/otv_absence.js'
import {
  AbsenceChangeRefused,
  allowedChanges,
  cancelAbsence,
  ChangeAbsenceDates,
  declareReturn,
  ownAbsence,
} from '../actions/change_absence.js'
import { absenceDatesValidator } from '../validators/otv.js'
import { policeSettings } from '../settings.js'
import { refusalMessage } from '../services/refusal_message.js'
import { grantAbsence, hasGrant, MANAGE_PURPOSE } from '../services/otv_links.js'
import { confirmAbsenceEmail } from '../actions/confirm_absence_email.js'

const HOME = '/police-municipale/tranquillite-vacances'

/**
 * /police-municipale/tranquillite-vacances: what the operation is, the link
 * to declare an absence (the demands engine files it), and the resident's
 * own absences, whose dates they change, cancel or end early.
 */
export default class OtvController {
  async index(ctx: HttpContext) {
    const { view } = ctx
    const user = await loggedInResident(ctx)
    const absences = user
      ? await OtvAbsence.query()
          .where('userId', user.id)
          .preload('street')
          .orderBy('startsOn', 'desc')
          .limit(50)
      : []
    const settings = await readSettings('police', policeSettings)
    return view.render('police::otv/index', { user, absences, settings })
  }

  /** The receipt mail's signed link: this browser may manage the absence from now on, no account needed. */
  async openLink(ctx: HttpContext) {
    if (!ctx.request.hasValidSignature(MANAGE_PURPOSE)) return notFoundPage(ctx)
    const absence = await OtvAbsence.findBy('reference', String(ctx.params.reference))
    if (!absence) return notFoundPage(ctx)
    await confirmAbsenceEmail(absence)
    grantAbsence(ctx.session, absence.id)
    return ctx.response.redirect().toPath(`${HOME}/${absence.id}`)
  }

  async show(ctx: HttpContext) {
    const absence = await this.#own(ctx)
    if (!absence) return notFoundPage(ctx)
    return ctx.view.render('police::otv/show', {
      absence,
      allowed: allowedChanges(absence),
      today: clock.today(),
    })
  }

  async changeDates(ctx: HttpContext) {
    const absence = await this.#own(ctx)
    if (!absence || !allowedChanges(absence).returnDate) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(absenceDatesValidator)
    await new ChangeAbsenceDates()
      .handle(absence, input.departure ?? absence.startsOn, input.return)
      .catch((error) => {
        if (!(error instanceof AbsenceChangeRefused)) throw error
        const messages = error.reasons.map((reason) => refusalMessage(ctx.i18n, reason))
        throw fieldError(error.field, messages.join(' '))
      })
    ctx.session.flash('success_text', ctx.i18n.t('police.otv.dates_changed'))
    return ctx.response.redirect().status(303).toPath(`${HOME}/${absence.id}`)
  }

  async cancel(ctx: HttpContext) {
    const absence = await this.#own(ctx)
    if (!absence || !allowedChanges(absence).cancel) return notFoundPage(ctx)
    await cancelAbsence(absence)
    ctx.session.flash('success_text', ctx.i18n.t('police.otv.cancelled'))
    return ctx.response.redirect().status(303).toPath(`${HOME}/${absence.id}`)
  }

  async earlyReturn(ctx: HttpContext) {
    const absence = await this.#own(ctx)
    if (!absence || !allowedChanges(absence).earlyReturn) return notFoundPage(ctx)
    await declareReturn(absence)
    ctx.session.flash('success_text', ctx.i18n.t('police.otv.returned'))
    return ctx.response.redirect().status(303).toPath(`${HOME}/${absence.id}`)
  }

  /** The absence, for the resident who declared it or a browser that opened the receipt mail's link. */
  async #own(ctx: HttpContext) {
    if (hasGrant(ctx.session, Number(ctx.params.id))) return ownAbsence(null, ctx.params.id)
    const user = await loggedInResident(ctx)
    return user ? ownAbsence(user.id, ctx.params.id) : null
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'
import { euros } from '#payments/services/invoice_pdf'
import ActivityRegistration from '#activities/models/activity_registration'
import { seniorRegistrationValidator } from '../validators/seniors.js'
import { OWNER, registerSenior } from '../actions/register_senior.js'
import cancelSeniorRegistration from '../actions/cancel_senior_registration.js'
import { detailsOf, openProgramme, ownRegistrations, participantsOf } from '../queries/seniors.js'
import { choicesOf, flashOutcome, refusalsAsFieldError } from '../services/seniors_forms.js'

/**
 * /solidarites/seniors: the seniors' workshops, outings and events; a
 * resident registers themselves or an adult of their household (a relative
 * for their mother), with a companion seat and the shuttle when offered.
 */
export default class SeniorsController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const today = clock.today()
    const { activities, taken } = await openProgramme(today)
    const participants = await participantsOf(user)
    const registrations = await ownRegistrations(user.id)
    return view.render('social::seniors/index', {
      activities,
      taken,
      participants,
      registrations,
      today,
      euros,
    })
  }

  async register(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const input = await ctx.request.validateUsing(seniorRegistrationValidator)
    const memberId = input.participant === 'moi' ? null : Number(input.participant)
    await refusalsAsFieldError(ctx, async () =>
      flashOutcome(ctx, await registerSenior(user, memberId, choicesOf(input)))
    )
    return ctx.response.redirect().status(303).toPath('/solidarites/seniors')
  }

  async confirmCancel(ctx: HttpContext) {
    const registration = await this.#own(ctx)
    if (!registration) return notFoundPage(ctx)
    await registration.load('session', (session) => session.preload('activity'))
    const details = (await detailsOf([registration.id])).get(registration.id)!
    return ctx.view.render('social::seniors/cancel', { registration, details })
  }

  async cancel(ctx: HttpContext) {
    const registration = await this.#own(ctx)
    if (!registration) return notFoundPage(ctx)
    await cancelSeniorRegistration(registration.id)
    ctx.session.flash('success', 'social.seniors.cancel.done')
    return ctx.response.redirect().status(303).toPath('/solidarites/seniors')
  }

  /** A registration the resident made, still running; null for anyone else's. */
  #own(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    return ActivityRegistration.query()
      .where('id', Number(ctx.params.id))
      .where('owner', OWNER)
      .where('userId', user.id)
      .whereIn('status', ['placed', 'waiting'])
      .first()
  }
}

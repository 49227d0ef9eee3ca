import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { canteenValidator, quotientValidator, registerValidator } from '../validators/family.js'
import { checkUploads, sentFiles } from '#demands/services/uploads'
import { ATTESTATION, declareQuotient, registerForCanteen } from '../services/family.js'
import Registration from '../models/registration.js'
import {
  childrenOf,
  familyOverview,
  latestQuotient,
  openActivities,
  placedCounts,
} from '../queries/family.js'
import {
  endRegistration,
  registerChild,
  RegistrationRefusedError,
  waitingPosition,
} from '../services/registrations.js'
import { bandOf, familyBand, mealPrices } from '../services/bands.js'
import { schoolYearOf } from '../services/canteen.js'
import { euros } from '#payments/services/invoice_pdf'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'

/** What the family is told once registered: a place, or its position on the waiting list. */
async function flashRegistered(ctx: HttpContext, registration: Registration) {
  if (registration.status === 'placed')
    return ctx.session.flash('success', 'childhood.register.placed')
  const position = (await waitingPosition(registration)) ?? 1
  ctx.session.flash('success_text', ctx.i18n.t('childhood.register.waiting', { position }))
}

/**
 * /enfance: a family's children, their activity registrations (with their
 * place on the waiting list), school catering and quotient familial.
 */
export default class FamilyController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const family = await familyOverview(user.id)
    const mealPrice = euros((await mealPrices())[family.band])
    return view.render('childhood::family/index', { ...family, mealPrice })
  }

  async activities({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const today = clock.today()
    const activities = await openActivities(today)
    const counts = await placedCounts()
    const children = await childrenOf(user.id)
    const band = await familyBand(user.id)
    return view.render('childhood::family/activities', {
      activities,
      counts,
      children,
      today,
      band,
      euros,
    })
  }

  async register(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const input = await ctx.request.validateUsing(registerValidator)
    const request = { sessionId: input.session, childId: input.child, user }
    try {
      await flashRegistered(ctx, await registerChild(request))
    } catch (error) {
      if (error instanceof RegistrationRefusedError)
        throw fieldError('child', ctx.i18n.t(`childhood.register.refused.${error.reason}`))
      throw error
    }
    return ctx.response.redirect().status(303).toPath('/enfance')
  }

  async confirmCancel(ctx: HttpContext) {
    const registration = await this.#ownRegistration(ctx)
    if (!registration) return notFoundPage(ctx)
    await registration.load('session', (session) => session.preload('activity'))
    await registration.load('child')
    return ctx.view.render('childhood::family/cancel', { registration })
  }

  async cancel(ctx: HttpContext) {
    const registration = await this.#ownRegistration(ctx)
    if (!registration) return notFoundPage(ctx)
    await endRegistration(registration.id, 'cancelled')
    ctx.session.flash('success', 'childhood.register.cancelled')
    return ctx.response.redirect().status(303).toPath('/enfance')
  }

  async canteenForm({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const children = await childrenOf(user.id)
    const band = await familyBand(user.id)
    return view.render('childhood::family/canteen', {
      children,
      year: schoolYearOf(clock.local().toFormat('yyyy-MM')),
      band,
      mealPrice: euros((await mealPrices())[band]),
    })
  }

  async registerCanteen(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const input = await ctx.request.validateUsing(canteenValidator)
    try {
      await registerForCanteen(user, input.child, input.days)
    } catch (error) {
      if (error instanceof RegistrationRefusedError)
        throw fieldError('child', ctx.i18n.t(`childhood.register.refused.${error.reason}`))
      throw error
    }
    ctx.session.flash('success', 'childhood.canteen.saved')
    return ctx.response.redirect().status(303).toPath('/enfance')
  }

  async quotientForm({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const current = await latestQuotient(user.id)
    return view.render('childhood::family/quotient', { current })
  }

  async saveQuotient(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const { value } = await ctx.request.validateUsing(quotientValidator)
    const files = sentFiles(ctx.request.files('attestation'))
    if (files.length === 0)
      throw fieldError('attestation', ctx.i18n.t('childhood.quotient.attestation_required'))
    const checked = await checkUploads(files, ATTESTATION)
    if ('problem' in checked)
      throw fieldError('attestation', ctx.i18n.t(checked.problem.key, checked.problem.data))
    await declareQuotient(user, value, checked.accepted[0])
    ctx.session.flash(
      'success_text',
      ctx.i18n.t('childhood.quotient.sent', { band: bandOf(value) })
    )
    return ctx.response.redirect().status(303).toPath('/enfance')
  }

  async #ownRegistration(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const id = Number(ctx.params.id)
    if (!Number.isSafeInteger(id) || id <= 0) return null
    return Registration.query()
      .where('id', id)
      .where('userId', user.id)
      .whereIn('status', ['placed', 'waiting'])
      .first()
  }
}

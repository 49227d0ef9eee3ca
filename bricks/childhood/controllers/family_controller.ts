import type { HttpContext } from '@adonisjs/core/http'
import HouseholdMember from '#accounts/models/household_member'
import { fieldError } from '#core/services/form_errors'
import { canteenValidator, quotientValidator, registerValidator } from '../validators/family.js'
import { checkUploads, sentFiles } from '#demands/services/uploads'
import { ATTESTATION, declareQuotient, registerForCanteen } from '../services/family.js'
import Activity from '../models/activity.js'
import Registration from '../models/registration.js'
import CanteenRegistration from '../models/canteen_registration.js'
import Quotient from '../models/quotient.js'
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

/**
 * /enfance: a family's children, their activity registrations (with their
 * place on the waiting list), school catering and quotient familial.
 */
export default class FamilyController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const children = await HouseholdMember.query()
      .where('userId', user.id)
      .where('kind', 'child')
      .orderBy('birthDate')
    const registrations = await Registration.query()
      .where('userId', user.id)
      .whereIn('status', ['placed', 'waiting'])
      .preload('session', (session) => session.preload('activity'))
      .orderBy('id')
    const positions = new Map<number, number | null>()
    for (const registration of registrations)
      positions.set(registration.id, await waitingPosition(registration))
    const canteen = await CanteenRegistration.query()
      .where('userId', user.id)
      .where('status', 'active')
    const quotient = await Quotient.query().where('userId', user.id).orderBy('id', 'desc').first()
    const band = await familyBand(user.id)
    return view.render('childhood::family/index', {
      children,
      registrations,
      positions,
      canteen,
      quotient,
      band,
      mealPrice: euros((await mealPrices())[band]),
    })
  }

  async activities({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const today = clock.today()
    const activities = await Activity.query()
      .where('active', true)
      .where('closesOn', '>=', today)
      .preload('sessions', (sessions) => sessions.orderBy('startsOn'))
      .orderBy('kind')
      .orderBy('name')
    const counts = new Map<number, number>()
    for (const row of await Registration.query()
      .where('status', 'placed')
      .select('session_id')
      .count('* as total')
      .groupBy('session_id'))
      counts.set(row.sessionId, Number(row.$extras.total))
    const children = await HouseholdMember.query()
      .where('userId', user.id)
      .where('kind', 'child')
      .orderBy('birthDate')
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
    try {
      const registration = await registerChild({
        sessionId: input.session,
        childId: input.child,
        user,
      })
      if (registration.status === 'placed')
        ctx.session.flash('success', 'childhood.register.placed')
      else
        ctx.session.flash(
          'success_text',
          ctx.i18n.t('childhood.register.waiting', {
            position: (await waitingPosition(registration)) ?? 1,
          })
        )
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
    const children = await HouseholdMember.query()
      .where('userId', user.id)
      .where('kind', 'child')
      .orderBy('birthDate')
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
    const current = await Quotient.query().where('userId', user.id).orderBy('id', 'desc').first()
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

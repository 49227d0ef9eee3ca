import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import RegisterEntry from '../models/register_entry.js'
import Sector from '../models/sector.js'
import RegisterPerson, { RegisterRefusedError } from '../actions/register_person.js'
import RemoveRegistration from '../actions/remove_registration.js'
import { RegisterMessages, residentRegisterValidator } from '../validators/register.js'

/**
 * /solidarites/registre-vulnerables: a resident registers themself or a
 * relative in the register of vulnerable people, sees only the
 * registrations they made, and withdraws one whenever they wish.
 */
export default class RegisterController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const entries = await RegisterEntry.query().where('userId', user.id).orderBy('id')
    return view.render('social::register/index', { entries })
  }

  async create({ view }: HttpContext) {
    return view.render('social::register/form', {
      sectors: await Sector.query().orderBy('name'),
    })
  }

  async store(ctx: HttpContext) {
    const { relation, ...input } = await ctx.request.validateUsing(residentRegisterValidator, {
      messagesProvider: new RegisterMessages(ctx.i18n),
    })
    const userId = ctx.auth.use('web').getUserOrFail().id
    await new RegisterPerson().handle({ userId, relation }, input).catch((error) => {
      if (error instanceof RegisterRefusedError)
        throw fieldError(error.field, ctx.i18n.t(error.key))
      throw error
    })
    ctx.session.flash('success', 'social.register.registered')
    return ctx.response.redirect().status(303).toPath('/solidarites/registre-vulnerables')
  }

  async withdraw(ctx: HttpContext) {
    const userId = ctx.auth.use('web').getUserOrFail().id
    if (!(await new RemoveRegistration().handle(Number(ctx.params.id) || 0, { userId })))
      return notFoundPage(ctx)
    ctx.session.flash('success', 'social.register.withdrawn')
    return ctx.response.redirect().status(303).toPath('/solidarites/registre-vulnerables')
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import Service from '#accounts/models/service'
import ServicePolicy from '#accounts/policies/service_policy'
import { createServiceValidator, updateServiceValidator } from '#back_office/validators/admin'
import SaveService, { ServiceSlugTakenError } from '#back_office/actions/save_service'
import { fieldError } from '#core/services/form_errors'

/** /agents/admin/services: the city's services, editable by admins. */
export default class ServicesController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with(ServicePolicy).authorize('manage')
    const services = await Service.query().withCount('agents').orderBy('name')
    return view.render('back_office::admin/services', { services })
  }

  async create({ view, bouncer }: HttpContext) {
    await bouncer.with(ServicePolicy).authorize('manage')
    return view.render('back_office::admin/service_form', { service: null })
  }

  async store({ request, response, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(ServicePolicy).authorize('manage')
    const input = await request.validateUsing(createServiceValidator)
    try {
      await new SaveService().handle(input)
    } catch (error) {
      if (error instanceof ServiceSlugTakenError)
        throw fieldError('slug', i18n.t('back_office.services.slug_taken'))
      throw error
    }
    session.flash('success', 'back_office.services.created')
    return response.redirect().status(303).toPath('/agents/admin/services')
  }

  async edit({ view, bouncer, params }: HttpContext) {
    await bouncer.with(ServicePolicy).authorize('manage')
    return view.render('back_office::admin/service_form', {
      service: await Service.findOrFail(Number(params.id) || 0),
    })
  }

  async update({ request, response, bouncer, params, session }: HttpContext) {
    await bouncer.with(ServicePolicy).authorize('manage')
    const service = await Service.findOrFail(Number(params.id) || 0)
    await new SaveService().handle(await request.validateUsing(updateServiceValidator), service)
    session.flash('success', 'back_office.services.updated')
    return response.redirect().status(303).toPath('/agents/admin/services')
  }
}

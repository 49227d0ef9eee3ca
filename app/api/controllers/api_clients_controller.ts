import type { HttpContext } from '@adonisjs/core/http'
import Service from '#accounts/models/service'
import ApiClient from '#api/models/api_client'
import ApiCall from '#api/models/api_call'
import CreateApiClient from '#api/actions/create_api_client'
import RevokeApiClient from '#api/actions/revoke_api_client'
import RotateApiClient, { ROTATION_OVERLAP_HOURS } from '#api/actions/rotate_api_client'
import { apiClientValidator } from '#api/validators/api_client'
import { apiScopes } from '#api/services/api_routes'
import { fieldError } from '#core/services/form_errors'

const CALLS_SHOWN = 50

/** /agents/admin/api: the business software allowed on /api/v1 (admins only, see routes). */
export default class ApiClientsController {
  async index({ view }: HttpContext) {
    const clients = await ApiClient.query().orderBy('revokedAt', 'asc').orderBy('name')
    return view.render('api::admin/clients', { clients })
  }

  async create({ view }: HttpContext) {
    return view.render('api::admin/client_form', await formOptions())
  }

  async store({ request, view, auth, i18n }: HttpContext) {
    const input = await request.validateUsing(apiClientValidator)
    const options = await formOptions()
    if (input.scopes.some((scope) => !options.scopes.includes(scope)))
      throw fieldError('scopes', i18n.t('api.admin.unknown_choice'))
    const slugs = options.services.map((service) => service.slug)
    if (input.services.some((slug) => !slugs.includes(slug)))
      throw fieldError('services', i18n.t('api.admin.unknown_choice'))
    const { client, token } = await new CreateApiClient().handle(
      auth.use('agent').getUserOrFail(),
      input
    )
    return view.render('api::admin/token', { client, token, rotated: false })
  }

  async show({ view, params }: HttpContext) {
    const client = await ApiClient.findOrFail(Number(params.id) || 0)
    const calls = await ApiCall.query()
      .where('apiClientId', client.id)
      .orderBy('id', 'desc')
      .limit(CALLS_SHOWN)
    return view.render('api::admin/client', { client, calls, overlapHours: ROTATION_OVERLAP_HOURS })
  }

  async revoke({ params, auth, response, session }: HttpContext) {
    await new RevokeApiClient().handle(auth.use('agent').getUserOrFail(), Number(params.id) || 0)
    session.flash('success', 'api.admin.revoked')
    return response
      .redirect()
      .status(303)
      .toPath(`/agents/admin/api/${Number(params.id)}`)
  }

  async rotate({ params, auth, view }: HttpContext) {
    const { client, token } = await new RotateApiClient().handle(
      auth.use('agent').getUserOrFail(),
      Number(params.id) || 0
    )
    return view.render('api::admin/token', { client, token, rotated: true })
  }
}

async function formOptions() {
  return {
    scopes: await apiScopes(),
    services: await Service.query().where('active', true).orderBy('name'),
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import ApiClient from '#api/models/api_client'
import WebhookEndpoint from '#api/webhooks/models/webhook_endpoint'
import WebhookDelivery from '#api/webhooks/models/webhook_delivery'
import CreateWebhookEndpoint from '#api/webhooks/actions/create_webhook_endpoint'
import RotateWebhookSecret, {
  SECRET_OVERLAP_HOURS,
} from '#api/webhooks/actions/rotate_webhook_secret'
import EnableWebhookEndpoint from '#api/webhooks/actions/enable_webhook_endpoint'
import ReplayDeliveries, { EndpointDisabledError } from '#api/webhooks/actions/replay_deliveries'
import { replaySinceValidator, webhookEndpointValidator } from '#api/webhooks/validators'
import { connectorsOverview } from '#api/webhooks/queries/connectors_overview'
import { endpointPage } from '#api/webhooks/queries/endpoint_page'
import { declaredEvents, eventsFor } from '#api/webhooks/events'
import { fieldError } from '#core/services/form_errors'
import { CITY_ZONE } from '#core/clock'

const BASE = '/agents/admin/connecteurs'

/** /agents/admin/connecteurs: every connector's state, and the webhooks of the API clients (admins only, see routes). */
export default class ConnectorsController {
  async index({ view }: HttpContext) {
    return view.render('api::webhooks/connectors', await connectorsOverview())
  }

  async create({ view }: HttpContext) {
    return view.render('api::webhooks/endpoint_form', await formOptions())
  }

  async store({ request, view, auth, i18n }: HttpContext) {
    const input = await request.validateUsing(webhookEndpointValidator)
    const client = await ApiClient.query()
      .where('id', input.apiClientId)
      .whereNull('revokedAt')
      .first()
    if (!client) throw fieldError('apiClientId', i18n.t('api.admin.unknown_choice'))
    const allowed = eventsFor(client.scopes).map((event) => event.type)
    if (input.events.some((type) => !allowed.includes(type)))
      throw fieldError('events', i18n.t('api.webhooks.event_not_allowed'))
    const { endpoint, secret } = await new CreateWebhookEndpoint().handle(
      auth.use('agent').getUserOrFail(),
      input
    )
    return view.render('api::webhooks/secret', { endpoint, secret, rotated: false })
  }

  async show({ view, params }: HttpContext) {
    return view.render('api::webhooks/endpoint', {
      ...(await endpointPage(Number(params.id) || 0)),
      overlapHours: SECRET_OVERLAP_HOURS,
      labels: labelsOf(),
    })
  }

  async rotate({ params, auth, view }: HttpContext) {
    const { endpoint, secret } = await new RotateWebhookSecret().handle(
      auth.use('agent').getUserOrFail(),
      Number(params.id) || 0
    )
    return view.render('api::webhooks/secret', { endpoint, secret, rotated: true })
  }

  async enable({ params, auth, response, session }: HttpContext) {
    const id = Number(params.id) || 0
    const released = await new EnableWebhookEndpoint().handle(auth.use('agent').getUserOrFail(), id)
    session.flash('success', 'api.webhooks.enabled')
    session.flash('released', released)
    return response.redirect().status(303).toPath(`${BASE}/webhooks/${id}`)
  }

  async replay({ params, auth, response, session }: HttpContext) {
    const id = Number(params.id) || 0
    let endpointId: number
    try {
      const delivery = await new ReplayDeliveries().one(auth.use('agent').getUserOrFail(), id)
      endpointId = delivery.webhookEndpointId
      session.flash('success', 'api.webhooks.replayed')
    } catch (error) {
      if (!(error instanceof EndpointDisabledError)) throw error
      endpointId = (await WebhookDelivery.findOrFail(id)).webhookEndpointId
      session.flash('error', 'api.webhooks.replay_disabled')
    }
    return response.redirect().status(303).toPath(`${BASE}/webhooks/${endpointId}`)
  }

  async replaySince({ params, request, auth, response, session }: HttpContext) {
    const id = Number(params.id) || 0
    await WebhookEndpoint.findOrFail(id)
    const { since } = await request.validateUsing(replaySinceValidator)
    const moment = DateTime.fromJSDate(since).setZone(CITY_ZONE, { keepLocalTime: true })
    try {
      await new ReplayDeliveries().since(auth.use('agent').getUserOrFail(), id, moment)
      session.flash('success', 'api.webhooks.replayed')
    } catch (error) {
      if (!(error instanceof EndpointDisabledError)) throw error
      session.flash('error', 'api.webhooks.replay_disabled')
    }
    return response.redirect().status(303).toPath(`${BASE}/webhooks/${id}`)
  }
}

function labelsOf() {
  return Object.fromEntries(
    [...declaredEvents().values()].map((event) => [event.type, event.label])
  )
}

async function formOptions() {
  const clients = await ApiClient.query().whereNull('revokedAt').orderBy('name')
  const events = [...declaredEvents().values()]
  return { clients, events }
}

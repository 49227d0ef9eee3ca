import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import CreateApiClient from '#api/actions/create_api_client'
import { submittedDemand } from '#api/tests/support/api'
import { canteenInvoice } from '#tests/support/factories/payments'
import { createAgenda } from '#tests/support/factories/appointments'
import { appointment } from '#tests/support/agent_home'
import { clock } from '#core/clock'
import { webhookFuzzSamples } from '#api/tests/support/webhook_fuzz_samples'

/**
 * The records the API routes need in the forms fuzzer: a client to show,
 * rotate and revoke (the admin pages), and for /api/v1 (called without a
 * token, each answers 401) a submitted demand of the accueil, a booked
 * appointment and an invoice — those the OpenAPI examples' test also calls
 * (app/api/tests/functional/openapi.spec.ts), so each must accept its write.
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ admin, demand, resident }) => {
  const { client } = await new CreateApiClient().handle(admin, {
    name: 'Logiciel du fuzzer',
    scopes: ['demands:read', 'demands:write'],
    services: [demand.serviceSlug],
    rateLimit: 60,
  })
  const submitted = await submittedDemand('accueil', 'Exemple de l’API')
  const { point, type } = await createAgenda({ service: 'etat_civil' })
  const booked = await appointment(type.id, point.id, clock.now().plus({ days: 7 }))
  // Closed by the outcome's example, so not the one the cancellation's example cancels.
  const toClose = await appointment(type.id, point.id, clock.now().plus({ days: 8 }))
  const invoice = await canteenInvoice(resident)
  const onDemand = [{ params: { id: submitted.id } }]
  return {
    params: {
      '/agents/admin/api/:id': [{ params: { id: client.id }, who: 'agent' }],
      '/agents/admin/api/:id/rotation': [{ params: { id: client.id }, who: 'agent' }],
      '/agents/admin/api/:id/revocation': [{ params: { id: client.id }, who: 'agent' }],
      '/api/v1/demands/:id': onDemand,
      '/api/v1/demands/:id/transitions': onDemand,
      '/api/v1/demands/:id/messages': onDemand,
      '/api/v1/demands/:id/assignee': onDemand,
      '/api/v1/appointments/:id': [{ params: { id: booked.id } }],
      '/api/v1/appointments/:id/cancellation': [{ params: { id: booked.id } }],
      '/api/v1/appointments/:id/outcome': [{ params: { id: toClose.id } }],
      '/api/v1/invoices/:id': [{ params: { id: invoice.id } }],
      '/api/v1/invoices/:id/payments': [{ params: { id: invoice.id } }],
      ...(await webhookFuzzSamples(admin, client.id)),
    },
  }
}

export default fuzzSamples

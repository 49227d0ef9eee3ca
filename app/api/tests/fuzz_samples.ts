import type { FuzzSamplesBuilder } from '#tests/support/fuzz_samples'
import CreateApiClient from '#api/actions/create_api_client'
import { webhookFuzzSamples } from '#api/tests/support/webhook_fuzz_samples'

/**
 * The records the API routes need in the forms fuzzer: a client to show,
 * rotate and revoke (the admin pages), and the world's demand for /api/v1
 * (called without a token, each answers 401).
 */
const fuzzSamples: FuzzSamplesBuilder = async ({ admin, demand }) => {
  const { client } = await new CreateApiClient().handle(admin, {
    name: 'Logiciel du fuzzer',
    scopes: ['demands:read', 'demands:write'],
    services: [demand.serviceSlug],
    rateLimit: 60,
  })
  return {
    params: {
      '/agents/admin/api/:id': [{ params: { id: client.id }, who: 'agent' }],
      '/agents/admin/api/:id/rotation': [{ params: { id: client.id }, who: 'agent' }],
      '/agents/admin/api/:id/revocation': [{ params: { id: client.id }, who: 'agent' }],
      '/api/v1/demands/:id': [{ params: { id: demand.id } }],
      '/api/v1/demands/:id/transitions': [{ params: { id: demand.id } }],
      ...(await webhookFuzzSamples(admin, client.id)),
    },
  }
}

export default fuzzSamples

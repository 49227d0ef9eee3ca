import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { Validator } from '@seriousme/openapi-schema-validator'
import CreateApiClient from '#api/actions/create_api_client'
import { createAgent } from '#tests/support/factories/accounts'
import { submittedDemand } from '#api/tests/support/api'

/** The /api/v1 routes the router serves, as `method path` in the document's form. */
function servedOperations() {
  return Object.values(router.toJSON())
    .flat()
    .filter(({ pattern }) => pattern.startsWith('/api/v1/'))
    .filter(
      ({ pattern }) => !['/api/v1/openapi.json', '/api/v1/docs', '/api/v1/*'].includes(pattern)
    )
    .flatMap(({ pattern, methods }) =>
      methods
        .filter((method) => method !== 'HEAD')
        .map(
          (method) =>
            `${method.toLowerCase()} ${pattern.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`
        )
    )
}

test.group('The OpenAPI document of /api/v1', () => {
  test('is a valid OpenAPI 3.1 document for a maintained validator, and lists every route the router serves under /api/v1', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    const document = response.body()
    assert.equal(document.openapi, '3.1.0')
    const validator = new Validator()
    const result = await validator.validate(document)
    assert.deepEqual(result.errors ?? [], [])
    assert.isTrue(result.valid)
    assert.equal(validator.version, '3.1')

    const served = servedOperations()
    assert.include(served, 'get /demands')
    assert.include(served, 'post /demands/{id}/transitions')
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method} ${path}`)
    )
    assert.sameMembers(documented, served)
  })

  test('every operation of the document answers its documented status when called with its parameters and example', async ({
    client,
    assert,
  }) => {
    const admin = await createAgent({ role: 'admin' })
    const { token } = await new CreateApiClient().handle(admin, {
      name: 'Tous droits',
      scopes: ['demands:read', 'demands:write'],
      services: ['accueil'],
      rateLimit: 1000,
    })
    const demand = await submittedDemand('accueil')
    const document = (await client.get('/api/v1/openapi.json')).body()
    let called = 0
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const url = `/api/v1${path.replace('{id}', String(demand.id))}`
        let request = client[method as 'get' | 'post'](url).bearerToken(token)
        if ((operation.parameters ?? []).some((p: { name: string }) => p.name === 'If-Match')) {
          const read = await client.get(`/api/v1/demands/${demand.id}`).bearerToken(token)
          request = request.header('If-Match', read.header('etag') ?? '')
        }
        const example = operation.requestBody?.content['application/json'].example
        if (example) request = request.json(example)
        const response = await request
        const expected = Object.keys(operation.responses).find((status) => status.startsWith('2'))
        assert.equal(response.status(), Number(expected), `${method} ${path}`)
        called++
      }
    }
    assert.equal(called, servedOperations().length)
  })

  test('the reference page is served by the app, with every operation and no third-party asset', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/docs')
    response.assertStatus(200)
    response.assertTextIncludes('POST /api/v1/demands/{id}/transitions')
    response.assertTextIncludes('GET /api/v1/demands')
    assert.notMatch(response.text(), /src="https?:\/\//)
    assert.notMatch(response.text(), /href="https?:\/\/[^"]+\.css/)
  })
})

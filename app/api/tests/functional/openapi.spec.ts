import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { Validator } from '@seriousme/openapi-schema-validator'
import CreateApiClient from '#api/actions/create_api_client'
import { randomUUID } from 'node:crypto'
import Service from '#accounts/models/service'
import { apiScopes } from '#api/services/api_routes'
import { buildWorld } from '#tests/support/world'

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
    assert.include(served, 'put /demands/{id}/assignee')
    assert.include(served, 'post /appointments/{id}/cancellation')
    assert.include(served, 'post /invoices')
    const create = document.paths['/invoices'].post
    assert.include(
      create.parameters.map((parameter: { name: string }) => parameter.name),
      'Idempotency-Key'
    )
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method} ${path}`)
    )
    assert.sameMembers(documented, served)
  })

  test('every operation of the document answers its documented status when called with its parameters and example', async ({
    client,
    assert,
  }) => {
    // The city of the forms fuzzer: each enabled module's tests/fuzz_samples.ts
    // names the records its /api/v1 routes point to, bricks' included.
    const world = await buildWorld()
    const { token } = await new CreateApiClient().handle(world.admin, {
      name: 'Tous droits',
      scopes: await apiScopes(),
      services: (await Service.all()).map((service) => service.slug),
      rateLimit: 1000,
    })
    const document = (await client.get('/api/v1/openapi.json')).body()
    /** The path with the parameters of the record the module's samples give for it. */
    const urlOf = (path: string) => {
      const pattern = `/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`
      if (!path.includes('{')) return pattern
      const variant = world.modules.params[pattern]?.[0]
      assert.isDefined(variant, `no sample in a tests/fuzz_samples.ts for ${pattern}`)
      return pattern.replace(/:(\w+)/g, (_, name) => String(variant!.params[name]))
    }
    let called = 0
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const parameters: { name: string; in: string; required?: boolean; example?: unknown }[] =
          operation.parameters ?? []
        const qs = Object.fromEntries(
          parameters
            .filter((p) => p.in === 'query' && p.required)
            .map((p) => {
              assert.isDefined(p.example, `${method} ${path}: required ${p.name} has no example`)
              return [p.name, String(p.example)]
            })
        )
        let request = client[method as 'get' | 'post' | 'put'](urlOf(path))
          .qs(qs)
          .bearerToken(token)
        if (parameters.some((p) => p.name === 'If-Match')) {
          // The ETag of the resource the write changes (the write's own sample): its URL up to the id.
          const resource = /^(.*?\{id\})/.exec(path)![1]
          const depth = resource.split('/').length
          const url = urlOf(path)
            .split('/')
            .slice(0, depth + 2)
            .join('/')
          const read = await client.get(url).bearerToken(token)
          assert.equal(read.status(), 200, `GET ${resource}`)
          request = request.header('If-Match', read.header('etag') ?? '')
        }
        if (parameters.some((p) => p.name === 'Idempotency-Key'))
          request = request.header('Idempotency-Key', randomUUID())
        const example = operation.requestBody?.content['application/json'].example
        if (example) request = request.json(example)
        const response = await request
        const expected = Object.keys(operation.responses).find((status) => status.startsWith('2'))
        assert.equal(
          response.status(),
          Number(expected),
          `${method} ${path}: ${JSON.stringify(response.body())}`
        )
        called++
      }
    }
    assert.equal(called, servedOperations().length)
  }).timeout(120_000)

  test('the reference page is served by the app, with every operation and no third-party asset', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/docs')
    response.assertStatus(200)
    response.assertTextIncludes('POST /api/v1/demands/{id}/transitions')
    response.assertTextIncludes('GET /api/v1/demands')
    response.assertTextIncludes('POST /api/v1/invoices')
    response.assertTextIncludes('Idempotency-Key obligatoire')
    assert.notMatch(response.text(), /src="https?:\/\//)
    assert.notMatch(response.text(), /href="https?:\/\/[^"]+\.css/)
  })
})

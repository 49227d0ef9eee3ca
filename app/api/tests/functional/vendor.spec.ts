import { test } from '@japa/runner'
import type { ApiClient as HttpClient } from '@japa/api-client'
import AuditEntry from '#accounts/models/audit_entry'
import ApiClient from '#api/models/api_client'
import ApiCall from '#api/models/api_call'
import { hashToken } from '#api/services/tokens'
import { createAgent, createService } from '#tests/support/factories/accounts'
import { submittedDemand, tokenOf } from '#api/tests/support/api'
import { clock } from '#core/clock'

/** An admin creates a client through /agents/admin/api and reads its token on the page. */
async function createClient(
  client: HttpClient,
  options: { scopes?: string[]; services?: string[]; rateLimit?: number } = {}
) {
  const admin = await createAgent({ role: 'admin' })
  for (const slug of options.services ?? ['accueil'])
    if (!(await (await import('#accounts/models/service')).default.findBy('slug', slug)))
      await createService(slug, slug)
  const response = await client
    .post('/agents/admin/api')
    .form({
      name: 'Logiciel de l’accueil',
      scopes: options.scopes ?? ['demands:read', 'demands:write'],
      services: options.services ?? ['accueil'],
      rateLimit: options.rateLimit ?? 100,
    })
    .withGuard('agent')
    .loginAs(admin)
    .withCsrfToken()
  response.assertStatus(200)
  return { admin, token: tokenOf(response.text()), page: response.text() }
}

test.group('A business software on /api/v1', () => {
  test('a vendor given read/write on the accueil demands lists them, fires a transition with If-Match, and a second write with the old ETag gets 412', async ({
    client,
    assert,
  }) => {
    const { admin, token, page } = await createClient(client)
    assert.include(page, 'il ne sera plus jamais affiché')
    const stored = await ApiClient.findByOrFail('name', 'Logiciel de l’accueil')
    assert.equal(stored.tokenHash, hashToken(token))
    assert.notInclude(JSON.stringify(stored.$attributes), token)
    assert.deepEqual(stored.services, ['accueil'])
    const audit = await AuditEntry.query().where('action', 'api_client.created').firstOrFail()
    assert.equal(audit.agentId, admin.id)

    const first = await submittedDemand('accueil', 'Horaires')
    const second = await submittedDemand('accueil', 'Stationnement')
    const other = await submittedDemand('etat_civil', 'Acte de naissance')

    const list = await client.get('/api/v1/demands').bearerToken(token)
    list.assertStatus(200)
    assert.match(list.header('content-type') ?? '', /^application\/json/)
    assert.isUndefined(list.header('set-cookie'))
    assert.deepEqual(
      list.body().data.map((demand: { id: number }) => demand.id),
      [second.id, first.id]
    )
    assert.match(list.body().data[0].submitted_at, /T\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/)

    const read = await client.get(`/api/v1/demands/${first.id}`).bearerToken(token)
    read.assertStatus(200)
    assert.equal(read.body().answers.subject, 'Horaires')
    assert.include(read.body().transitions, 'start_review')
    const etag = read.header('etag') ?? ''
    assert.match(etag, /^".+"$/)

    const missing = await client
      .post(`/api/v1/demands/${first.id}/transitions`)
      .bearerToken(token)
      .json({ transition: 'start_review' })
    missing.assertStatus(428)

    const fired = await client
      .post(`/api/v1/demands/${first.id}/transitions`)
      .bearerToken(token)
      .header('If-Match', etag)
      .json({ transition: 'start_review', comment: 'Pris en charge par le logiciel de l’accueil' })
    fired.assertStatus(200)
    assert.equal(fired.body().state, 'in_review')
    assert.notEqual(fired.header('etag'), etag)
    await first.refresh()
    assert.equal(first.state, 'in_review')

    const stale = await client
      .post(`/api/v1/demands/${first.id}/transitions`)
      .bearerToken(token)
      .header('If-Match', etag)
      .json({ transition: 'accept' })
    stale.assertStatus(412)
    assert.match(stale.header('content-type') ?? '', /^application\/problem\+json/)
    assert.equal(stale.body().status, 412)
    assert.equal(stale.body().title, 'Precondition Failed')
    await first.refresh()
    assert.equal(first.state, 'in_review')

    const outside = await client.get(`/api/v1/demands/${other.id}`).bearerToken(token)
    outside.assertStatus(404)
    assert.match(outside.header('content-type') ?? '', /^application\/problem\+json/)
    const outsideWrite = await client
      .post(`/api/v1/demands/${other.id}/transitions`)
      .bearerToken(token)
      .header('If-Match', '*')
      .json({ transition: 'start_review' })
    outsideWrite.assertStatus(404)
    await other.refresh()
    assert.equal(other.state, 'submitted')

    const filtered = await client
      .get('/api/v1/demands?state=in_review&service=accueil')
      .bearerToken(token)
    assert.deepEqual(
      filtered.body().data.map((demand: { id: number }) => demand.id),
      [first.id]
    )

    const calls = await ApiCall.query().where('apiClientId', stored.id).orderBy('id')
    assert.deepEqual(
      calls.map((call) => `${call.method} ${call.route} ${call.status}`),
      [
        'GET /api/v1/demands 200',
        'GET /api/v1/demands/{id} 200',
        'POST /api/v1/demands/{id}/transitions 428',
        'POST /api/v1/demands/{id}/transitions 200',
        'POST /api/v1/demands/{id}/transitions 412',
        'GET /api/v1/demands/{id} 404',
        'POST /api/v1/demands/{id}/transitions 404',
        'GET /api/v1/demands 200',
      ]
    )
    const clientPage = await client
      .get(`/agents/admin/api/${stored.id}`)
      .withGuard('agent')
      .loginAs(admin)
    clientPage.assertStatus(200)
    clientPage.assertTextIncludes('POST /api/v1/demands/{id}/transitions')
  })

  test('pages of demands follow the cursor and the submission date filter', async ({
    client,
    assert,
  }) => {
    const { token } = await createClient(client)
    clock.travelTo('2026-03-02T09:00:00+01:00')
    const old = await submittedDemand('accueil', 'Ancienne')
    clock.travelTo('2026-03-10T09:00:00+01:00')
    const recent = [await submittedDemand('accueil'), await submittedDemand('accueil')]
    const page1 = await client.get('/api/v1/demands?limit=2').bearerToken(token)
    assert.deepEqual(
      page1.body().data.map((demand: { id: number }) => demand.id),
      [recent[1].id, recent[0].id]
    )
    const page2 = await client
      .get(`/api/v1/demands?limit=2&cursor=${page1.body().next_cursor}`)
      .bearerToken(token)
    assert.deepEqual(
      page2.body().data.map((demand: { id: number }) => demand.id),
      [old.id]
    )
    assert.isNull(page2.body().next_cursor)
    const since = await client
      .get(`/api/v1/demands?submitted_since=${encodeURIComponent('2026-03-05T00:00:00+01:00')}`)
      .bearerToken(token)
    assert.sameMembers(
      since.body().data.map((demand: { id: number }) => demand.id),
      recent.map((demand) => demand.id)
    )
    const wrong = await client.get('/api/v1/demands?limit=1000').bearerToken(token)
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].field, 'limit')
  })

  test('a revoked token, an unknown token and no token get 401; revoking is audited', async ({
    client,
    assert,
  }) => {
    const { admin, token } = await createClient(client)
    const stored = await ApiClient.findByOrFail('tokenHash', hashToken(token))
    ;(await client.get('/api/v1/demands').bearerToken(token)).assertStatus(200)

    const revoke = await client
      .post(`/agents/admin/api/${stored.id}/revocation`)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    revoke.assertStatus(303)
    const revoked = await client.get('/api/v1/demands').bearerToken(token)
    revoked.assertStatus(401)
    assert.match(revoked.header('content-type') ?? '', /^application\/problem\+json/)
    assert.equal(revoked.body().status, 401)
    ;(await client.get('/api/v1/demands').bearerToken('pvs_nothing')).assertStatus(401)
    ;(await client.get('/api/v1/demands')).assertStatus(401)
    assert.exists(await AuditEntry.query().where('action', 'api_client.revoked').first())
  })

  test('a client past its calls per minute gets 429 with Retry-After', async ({
    client,
    assert,
  }) => {
    const { token } = await createClient(client, { rateLimit: 2 })
    ;(await client.get('/api/v1/demands').bearerToken(token)).assertStatus(200)
    ;(await client.get('/api/v1/demands').bearerToken(token)).assertStatus(200)
    const third = await client.get('/api/v1/demands').bearerToken(token)
    third.assertStatus(429)
    assert.isAbove(Number(third.header('retry-after')), 0)
    assert.isAtMost(Number(third.header('retry-after')), 60)
    assert.equal(third.body().status, 429)
  })

  test('a read-only client may not fire a transition (403), and a rotated token keeps working for the overlap only', async ({
    client,
    assert,
  }) => {
    const { admin, token } = await createClient(client, { scopes: ['demands:read'] })
    const demand = await submittedDemand('accueil')
    const denied = await client
      .post(`/api/v1/demands/${demand.id}/transitions`)
      .bearerToken(token)
      .header('If-Match', '*')
      .json({ transition: 'start_review' })
    denied.assertStatus(403)

    const stored = await ApiClient.findByOrFail('tokenHash', hashToken(token))
    const rotation = await client
      .post(`/agents/admin/api/${stored.id}/rotation`)
      .withGuard('agent')
      .loginAs(admin)
      .withCsrfToken()
    rotation.assertStatus(200)
    const fresh = tokenOf(rotation.text())
    assert.notEqual(fresh, token)
    ;(await client.get('/api/v1/demands').bearerToken(token)).assertStatus(200)
    ;(await client.get('/api/v1/demands').bearerToken(fresh)).assertStatus(200)
    clock.travelTo(clock.now().plus({ hours: 25 }))
    ;(await client.get('/api/v1/demands').bearerToken(token)).assertStatus(401)
    ;(await client.get('/api/v1/demands').bearerToken(fresh)).assertStatus(200)
  })

  test('an unknown path under /api/v1 answers a problem, and a resident-facing guard is not needed: no CSRF token, no cookie', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/nothing-here')
    response.assertStatus(404)
    assert.match(response.header('content-type') ?? '', /^application\/problem\+json/)
    assert.isUndefined(response.header('set-cookie'))
  })

  test('an agent who is not an admin is refused /agents/admin/api', async ({ client }) => {
    const agent = await createAgent({ services: ['accueil'] })
    const response = await client
      .get('/agents/admin/api')
      .withGuard('agent')
      .loginAs(agent)
      .redirects(0)
    response.assertStatus(403)
  })
})

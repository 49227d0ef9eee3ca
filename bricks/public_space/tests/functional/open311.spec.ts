import { test } from '@japa/runner'
import type { ApiClient as HttpClient } from '@japa/api-client'
import ApiCall from '#api/models/api_call'
import ApiClient from '#api/models/api_client'
import { tokenOf } from '#api/tests/support/api'
import { createAgent } from '#tests/support/factories/accounts'
import { mailbox } from '#tests/support/smtp'
import { clock } from '#core/clock'
import modules from '#core/services/modules'
import { apiScopes } from '#api/services/api_routes'
import Report from '../../models/report.js'
import CategoryAttribute from '../../models/category_attribute.js'
import { jurisdiction } from '../../services/open311_catalog.js'
import { categories, filedReport, photoWithGps } from '../support.js'
import Photo from '../../models/photo.js'
import { jsonErrors, readXml, xmlErrors, type Shape } from '../open311_schemas.js'

const BASE = '/open311/v2'
const XML_DECLARATION = /^<\?xml version="1\.0" encoding="utf-8"\?>/

/** An admin creates a client in /agents/admin/api, granting it Open311 filing; its key is read on the page. */
async function openKey(
  client: HttpClient,
  options: { scopes?: string[]; services?: string[]; rateLimit?: number } = {}
) {
  const admin = await createAgent({ role: 'admin', services: ['services_techniques'] })
  const response = await client
    .post('/agents/admin/api')
    .form({
      name: 'Application Signalements Mobiles',
      scopes: options.scopes ?? ['open311:write'],
      services: options.services ?? ['services_techniques'],
      rateLimit: options.rateLimit ?? 100,
    })
    .withGuard('agent')
    .loginAs(admin)
    .withCsrfToken()
  response.assertStatus(200)
  return tokenOf(response.text())
}

/** The street light category with one question of each datatype, in order. */
async function questions(categoryId: number) {
  const rows = [
    { code: 'NUMERO', datatype: 'string', required: false, description: 'Numéro du mât' },
    { code: 'HAUTEUR', datatype: 'number', required: false, description: 'Hauteur en mètres' },
    { code: 'DEPUIS', datatype: 'datetime', required: false, description: 'En panne depuis' },
    { code: 'DETAIL', datatype: 'text', required: false, description: 'Précisions' },
    {
      code: 'ETAT',
      datatype: 'singlevaluelist',
      required: true,
      description: 'État',
      choices: [
        { key: 'ETEINT', name: 'Éteint' },
        { key: 'CLIGNOTE', name: 'Clignote' },
      ],
    },
    {
      code: 'MOMENT',
      datatype: 'multivaluelist',
      required: false,
      description: 'Moments',
      choices: [
        { key: 'SOIR', name: 'Le soir' },
        { key: 'NUIT', name: 'La nuit' },
      ],
    },
  ] as const
  let position = 1
  for (const row of rows)
    await CategoryAttribute.create({
      categoryId,
      variable: true,
      position: position++,
      datatypeDescription: null,
      ...row,
      choices: 'choices' in row ? [...row.choices] : null,
    })
  await CategoryAttribute.create({
    categoryId,
    code: 'AVERTISSEMENT',
    datatype: 'text',
    variable: false,
    required: false,
    position: position++,
    description: 'Un câble à terre ? Appelez le 18.',
    datatypeDescription: null,
    choices: null,
  })
}

/** Both forms of one document: the JSON checked as sent, the XML read with a parser and checked as a client reads it. */
async function both(
  client: HttpClient,
  assert: any,
  path: string,
  shape: Shape,
  root: string,
  status = 200
) {
  const json = await client.get(`${BASE}/${path.replace('{format}', 'json')}`)
  json.assertStatus(status)
  assert.match(json.header('content-type') ?? '', /^application\/json; charset=utf-8/)
  assert.isUndefined(json.header('set-cookie'))
  assert.deepEqual(jsonErrors(shape, json.body()), [])
  const xml = await client.get(`${BASE}/${path.replace('{format}', 'xml')}`)
  xml.assertStatus(status)
  assert.match(xml.header('content-type') ?? '', /^text\/xml; charset=utf-8/)
  assert.isUndefined(xml.header('set-cookie'))
  assert.match(xml.text(), XML_DECLARATION)
  const read = readXml(xml.text())
  assert.equal(read.root, root)
  assert.deepEqual(xmlErrors(shape, read.value), [])
  return { json: json.body(), xml: read.value as any, xmlText: xml.text() }
}

function form(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
  return body.toString()
}

function post(
  client: HttpClient,
  format: 'xml' | 'json',
  fields: Record<string, string | string[]>
) {
  // Sent as a client sends it: repeated names for media_url, brackets for attributes.
  const request = client
    .post(`${BASE}/requests.${format}`)
    .header('content-type', 'application/x-www-form-urlencoded; charset=utf-8')
  request.request.send(form(fields))
  return request
}

test.group('Open311 GeoReport v2 (/open311/v2)', () => {
  test('discovery and services list the report categories in XML and JSON as the spec shapes them', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    await questions(streetLight.id)
    const discovery = await both(client, assert, 'discovery.{format}', 'discovery', 'discovery')
    assert.match(discovery.json.endpoints[0].url, /\/open311\/v2$/)
    assert.deepEqual(discovery.xml.endpoints[0].formats, ['text/xml', 'application/json'])

    const services = await both(client, assert, 'services.{format}', 'services', 'services')
    assert.deepEqual(
      services.json.map((service: any) => service.service_code),
      ['ECLAIRAGE_LAMPADAIRE', 'VOIRIE_NIDPOULE']
    )
    assert.deepInclude(services.json[0], {
      service_name: 'Lampadaire en panne',
      metadata: true,
      type: 'realtime',
      group: 'Éclairage public',
    })
    assert.equal(services.json[1].metadata, false)
    assert.include(services.xmlText, '<metadata>true</metadata>')
    assert.include(services.xmlText, '<metadata>false</metadata>')
    assert.deepEqual(
      services.xml.map((service: any) => service.service_code),
      ['ECLAIRAGE_LAMPADAIRE', 'VOIRIE_NIDPOULE']
    )
  })

  test('a service definition gives its attributes of every datatype in order, with list values as key and name', async ({
    client,
    assert,
  }) => {
    const { streetLight, pothole } = await categories()
    await questions(streetLight.id)
    const { json, xml, xmlText } = await both(
      client,
      assert,
      'services/ECLAIRAGE_LAMPADAIRE.{format}',
      'service_definition',
      'service_definition'
    )
    assert.equal(json.service_code, 'ECLAIRAGE_LAMPADAIRE')
    assert.deepEqual(
      json.attributes.map((attribute: any) => [
        attribute.order,
        attribute.code,
        attribute.datatype,
      ]),
      [
        [1, 'NUMERO', 'string'],
        [2, 'HAUTEUR', 'number'],
        [3, 'DEPUIS', 'datetime'],
        [4, 'DETAIL', 'text'],
        [5, 'ETAT', 'singlevaluelist'],
        [6, 'MOMENT', 'multivaluelist'],
        [7, 'AVERTISSEMENT', 'text'],
      ]
    )
    assert.deepEqual(json.attributes[4].values, [
      { key: 'ETEINT', name: 'Éteint' },
      { key: 'CLIGNOTE', name: 'Clignote' },
    ])
    assert.isTrue(json.attributes[4].required)
    assert.isFalse(json.attributes[6].variable)
    assert.deepEqual(xml.attributes[5].values, [
      { key: 'SOIR', name: 'Le soir' },
      { key: 'NUIT', name: 'La nuit' },
    ])
    assert.include(xmlText, '<values></values>')
    const empty = await both(
      client,
      assert,
      `services/${pothole.code}.{format}`,
      'service_definition',
      'service_definition'
    )
    assert.deepEqual(empty.json.attributes, [])
  })

  test('an unknown service code, request id, path or jurisdiction answers 404 with an errors document', async ({
    client,
    assert,
  }) => {
    await categories()
    for (const path of [
      'services/INCONNU.{format}',
      'requests/S-2026-999999.{format}',
      'nulle-part.{format}',
      'services.{format}?jurisdiction_id=autre-ville.fr',
    ]) {
      const { json, xml } = await both(client, assert, path, 'errors', 'errors', 404)
      assert.equal(json[0].code, 404)
      assert.equal(xml[0].code, '404')
    }
  })

  test('a POST with a wrong, revoked or unscoped api_key, or none, or for a service the key was not given, gets 403 with an errors document and files nothing', async ({
    client,
    assert,
  }) => {
    await categories()
    const unscoped = await openKey(client, { scopes: ['demands:read'] })
    const revoked = await openKey(client)
    await ApiClient.query()
      .where('tokenPrefix', revoked.slice(0, 10))
      .update({ revokedAt: clock.now().toSQL() })
    const fields = { service_code: 'VOIRIE_NIDPOULE', lat: '48.63', long: '2.44' }
    for (const key of ['pvs_faux', unscoped, revoked, '']) {
      for (const format of ['xml', 'json'] as const) {
        const response = await post(client, format, { ...fields, api_key: key })
        response.assertStatus(403)
        assert.isUndefined(response.header('set-cookie'))
        const value = format === 'json' ? response.body() : readXml(response.text()).value
        const errors = format === 'json' ? jsonErrors('errors', value) : xmlErrors('errors', value)
        assert.deepEqual(errors, [])
        assert.equal(Number((value as any)[0].code), 403)
        if (format === 'xml') assert.match(response.text(), XML_DECLARATION)
      }
    }
    await createAgent({ services: ['etat_civil'] })
    const elsewhere = await openKey(client, { services: ['etat_civil'] })
    const outside = await post(client, 'json', { ...fields, api_key: elsewhere })
    outside.assertStatus(403)
    assert.match(outside.body()[0].description, /service non autorisé/)
    assert.lengthOf(await Report.all(), 0)
  })

  test('a POST without a location, or with a point outside the city, gets 400 with an errors document', async ({
    client,
    assert,
  }) => {
    await categories()
    const key = await openKey(client)
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /lat et long, ou address_string/],
      [{ lat: '48.63' }, /lat et long vont ensemble/],
      [{ lat: '48.8656', long: '2.3212' }, /en dehors de la commune/],
      [{ address_string: '1 Place de la Concorde 75008 Paris' }, /en dehors de la commune/],
      [{ address_id: '91000_0001_00012' }, /address_id n’est pas pris en charge/],
      [{ lat: 'nord', long: '2.44' }, /degrés décimaux/],
    ]
    for (const [where, message] of cases) {
      for (const format of ['xml', 'json'] as const) {
        const response = await post(client, format, {
          api_key: key,
          service_code: 'VOIRIE_NIDPOULE',
          description: 'Un trou',
          ...where,
        })
        response.assertStatus(400)
        if (format === 'json') {
          assert.deepEqual(jsonErrors('errors', response.body()), [])
          assert.match(response.body()[0].description, message)
        } else {
          const read = readXml(response.text())
          assert.equal(read.root, 'errors')
          assert.deepEqual(xmlErrors('errors', read.value), [])
        }
      }
    }
    const unknown = await post(client, 'xml', {
      api_key: key,
      service_code: 'INCONNU',
      lat: '48.63',
      long: '2.44',
    })
    unknown.assertStatus(404)
    assert.equal(readXml(unknown.text()).root, 'errors')
    assert.lengthOf(await Report.all(), 0)
  })

  test('a report filed through Open311 is an ordinary report: listed by requests.xml?service_request_id with its status, in the agents’ queue, mailed to its reporter', async ({
    client,
    assert,
  }) => {
    clock.travelTo('2026-12-01T09:00:00+01:00', { freeze: true })
    const { streetLight } = await categories()
    await questions(streetLight.id)
    const key = await openKey(client)
    const missing = await post(client, 'xml', {
      api_key: key,
      service_code: 'ECLAIRAGE_LAMPADAIRE',
      lat: '48.63',
      long: '2.44',
    })
    missing.assertStatus(400)
    assert.include(missing.text(), 'attribute[ETAT]')

    const response = await post(client, 'xml', {
      'api_key': key,
      'jurisdiction_id': jurisdiction(),
      'service_code': 'ECLAIRAGE_LAMPADAIRE',
      'lat': '48.63',
      'long': '2.44',
      'address_string': '12 Rue de la Gare 91000 Villeneuve',
      'description': 'Le lampadaire devant le 12 ne s’allume plus',
      'email': 'Riveraine@Example.org',
      'first_name': 'Jeanne',
      'last_name': 'Martin',
      'phone': '0601020304',
      'media_url': ['https://photos.example.org/a.jpg', 'https://photos.example.org/b.jpg'],
      'attribute[ETAT]': 'CLIGNOTE',
      'attribute[MOMENT][]': ['SOIR', 'NUIT'],
      'attribute[HAUTEUR]': '6.5',
      'attribute[DEPUIS]': '2026-11-28T21:00:00+01:00',
    })
    response.assertStatus(200)
    assert.isUndefined(response.header('set-cookie'))
    const created = readXml(response.text())
    assert.equal(created.root, 'service_requests')
    assert.deepEqual(xmlErrors('created', created.value), [])
    const id = (created.value as any)[0].service_request_id as string
    assert.match(id, /^S-2026-\d{6}$/)

    const report = await Report.findByOrFail('reference', id)
    assert.equal(report.channel, 'open311')
    assert.isNotNull(report.verifiedAt)
    assert.equal(report.contactName, 'Jeanne Martin')
    assert.equal(report.contactEmail, 'riveraine@example.org')
    assert.equal(report.address, '12 Rue de la Gare 91000 Villeneuve')
    assert.include(report.description, 'État : Clignote')
    assert.include(report.description, 'Moments : Le soir, La nuit')
    assert.include(report.description, 'En panne depuis : 28/11/2026 21:00')
    assert.include(report.description, 'https://photos.example.org/b.jpg')
    const logged = await ApiCall.query().where('route', `${BASE}/requests.xml`)
    assert.deepEqual(logged.map((call) => call.status).sort(), [200, 400])

    const listed = await both(
      client,
      assert,
      `requests.{format}?service_request_id=${id},S-2026-999999`,
      'service_requests',
      'service_requests'
    )
    assert.lengthOf(listed.xml, 1)
    assert.deepInclude(listed.xml[0], {
      service_request_id: id,
      status: 'open',
      service_code: 'ECLAIRAGE_LAMPADAIRE',
      zipcode: '91000',
      requested_datetime: '2026-12-01T09:00:00+01:00',
    })
    assert.equal(listed.json[0].lat, 48.63)
    assert.notInclude(JSON.stringify(listed.json), 'Martin')
    assert.notInclude(JSON.stringify(listed.json), 'riveraine')
    await both(client, assert, `requests/${id}.{format}`, 'service_requests', 'service_requests')

    const agent = await createAgent({ services: ['services_techniques'] })
    const queue = await client.get('/agents/signalements').withGuard('agent').loginAs(agent)
    queue.assertTextIncludes(id)
    const mail = await mailbox.waitFor('riveraine@example.org', /Signalement S-\d{4}-\d{6} reçu/)
    assert.include(mail.text!, id)
  })

  test('requests are filtered by service code, status and dates; a closed one says so, with its notes and the date it closed', async ({
    client,
    assert,
  }) => {
    const { streetLight, pothole } = await categories()
    clock.travelTo('2026-09-01T10:00:00+02:00', { freeze: true })
    const old = await filedReport(pothole)
    clock.travelTo('2026-12-01T10:00:00+01:00', { freeze: true })
    const light = await filedReport(streetLight)
    const hole = await filedReport(pothole)
    await Report.query()
      .where('id', hole.id)
      .update({ status: 'resolved', resolved_at: clock.now().toSQL() })
    const { default: ReportUpdate } = await import('../../models/report_update.js')
    await ReportUpdate.create({
      reportId: hole.id,
      kind: 'public',
      status: 'resolved',
      body: 'Rebouché le 1er décembre',
      agentId: null,
    })
    await ReportUpdate.create({
      reportId: hole.id,
      kind: 'internal',
      status: null,
      body: 'Note interne',
      agentId: null,
    })
    const ids = async (query: string) =>
      (
        await both(
          client,
          assert,
          `requests.{format}${query}`,
          'service_requests',
          'service_requests'
        )
      ).json.map((request: any) => request.service_request_id)
    assert.deepEqual(await ids(''), [hole.reference, light.reference])
    assert.deepEqual(await ids('?service_code=VOIRIE_NIDPOULE'), [hole.reference])
    assert.deepEqual(await ids('?status=open'), [light.reference])
    assert.deepEqual(await ids('?status=closed&service_code='), [hole.reference])
    assert.deepEqual(
      await ids('?start_date=2026-08-15T00:00:00%2B02:00&end_date=2026-09-15T00:00:00Z'),
      [old.reference]
    )
    const closed = (
      await both(
        client,
        assert,
        `requests/${hole.reference}.{format}`,
        'service_requests',
        'service_requests'
      )
    ).xml[0]
    assert.equal(closed.status, 'closed')
    assert.equal(closed.status_notes, 'Rebouché le 1er décembre')
    assert.equal(closed.updated_datetime, '2026-12-01T10:00:00+01:00')

    for (const query of [
      '?start_date=hier',
      '?status=ouvert',
      '?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z',
    ]) {
      const { json } = await both(
        client,
        assert,
        `requests.{format}${query}`,
        'errors',
        'errors',
        400
      )
      assert.equal(json[0].code, 400)
    }
  })

  test('a client past its calls per minute gets 429 with Retry-After in an errors document', async ({
    client,
    assert,
  }) => {
    await categories()
    const key = await openKey(client, { rateLimit: 1 })
    const fields = { api_key: key, service_code: 'VOIRIE_NIDPOULE', lat: '48.63', long: '2.44' }
    ;(await post(client, 'json', fields)).assertStatus(200)
    const refused = await post(client, 'json', fields)
    refused.assertStatus(429)
    assert.isAbove(Number(refused.header('retry-after')), 0)
    assert.deepEqual(jsonErrors('errors', refused.body()), [])
    assert.lengthOf(await Report.all(), 1)
  })

  test('while the brick is disabled, /open311 answers 404 and admins are not offered its scope', async ({
    client,
    assert,
  }) => {
    await categories()
    assert.include(await apiScopes(), 'open311:write')
    modules.enableFromSetting('none')
    try {
      ;(await client.get(`${BASE}/services.xml`)).assertStatus(404)
      assert.notInclude(await apiScopes(), 'open311:write')
    } finally {
      modules.enableFromSetting(undefined)
    }
  })

  test('photos sent as files (media, multipart) are kept like the form’s; an SVG is refused with a 400 errors document', async ({
    client,
    assert,
  }) => {
    await categories()
    const key = await openKey(client)
    const send = (file: Buffer, filename: string) =>
      client
        .post(`${BASE}/requests.xml`)
        .field('api_key', key)
        .field('service_code', 'VOIRIE_NIDPOULE')
        .field('lat', '48.63')
        .field('long', '2.44')
        .file('media', file, { filename })
    const svg = await send(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'trou.jpg'
    )
    svg.assertStatus(400)
    assert.equal(readXml(svg.text()).root, 'errors')
    assert.lengthOf(await Report.all(), 0)

    const sent = await send(await photoWithGps(), 'trou.jpg')
    sent.assertStatus(200)
    const id = (readXml(sent.text()).value as any)[0].service_request_id
    const report = await Report.findByOrFail('reference', id)
    const photos = await Photo.query().where('reportId', report.id)
    assert.lengthOf(photos, 1)
    assert.isFalse(photos[0].accepted)
  })
})

import { test } from '@japa/runner'
import parvisConfig from '#config/parvis'
import { createAgent, createResident } from '#tests/support/factories/accounts'
import { staticMap } from '../../services/static_map.js'
import { categories, draftAt, filedReport } from '../support.js'

/** A provider's template with subdomains and a query string: what the pages write must come from it. */
const TEMPLATE = 'https://{s}.tuiles.example.org/{z}/{x}/{y}.png?cle=abc&style=clair'
const ATTRIBUTION = '© Tuiles Exemple, données OpenStreetMap'

/** The SVG's tiles and marker as the page must draw them for a point and a map size. */
function expectedMarkup(
  point: { lat: number; lng: number },
  size: { width: number; height: number }
) {
  const map = staticMap(point, { template: TEMPLATE, zoom: 17, ...size })
  return {
    map,
    images: map.tiles.map(
      (tile) =>
        `<image href="${tile.url.replaceAll('&', '&amp;')}" x="${tile.x}" y="${tile.y}" width="256" height="256">`
    ),
    marker: `transform="translate(${map.marker.x} ${map.marker.y})"`,
  }
}

/** The inline SVG maps of a page. */
function svgsOf(html: string) {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? []
}

test.group('Signalements: the static map, without JavaScript', (group) => {
  group.each.setup(() => {
    const previous = { url: process.env.MAP_TILE_URL, text: process.env.MAP_TILE_ATTRIBUTION }
    process.env.MAP_TILE_URL = TEMPLATE
    process.env.MAP_TILE_ATTRIBUTION = ATTRIBUTION
    return () => {
      for (const [name, value] of [
        ['MAP_TILE_URL', previous.url],
        ['MAP_TILE_ATTRIBUTION', previous.text],
      ] as const)
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
    }
  })

  test('the intervention sheet draws the tiles around the report from the configured tile URL, the pin at the point’s pixel, the attribution under it', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight, { lat: 48.63027, lng: 2.44011 })
    const agent = await createAgent({ services: ['services_techniques'] })
    const sheet = await client
      .get(`/agents/signalements/${report.id}/fiche`)
      .withGuard('agent')
      .loginAs(agent)
    sheet.assertStatus(200)
    const html = sheet.text()
    const svgs = svgsOf(html)
    assert.lengthOf(svgs, 1, 'the sheet has one map')
    const svg = svgs[0] ?? ''

    // The printed sheet's map: 512 × 384 px at zoom 17, 2 × 2 to 3 × 3 tiles.
    const expected = expectedMarkup(report, { width: 512, height: 384 })
    assert.include(svg, 'viewBox="0 0 512 384"')
    assert.include(svg, 'role="img"')
    assert.isAtLeast(expected.images.length, 4)
    assert.isAtMost(expected.images.length, 9)
    for (const image of expected.images) assert.include(svg, image)
    assert.lengthOf(svg.match(/<image /g) ?? [], expected.images.length)
    assert.match(
      svg,
      /href="https:\/\/[abc]\.tuiles\.example\.org\/17\/\d+\/\d+\.png\?cle=abc&amp;style=clair"/
    )
    // The pin's tip is the point: the middle of the map (a 512 × 384 map centred on it).
    assert.include(svg, expected.marker)
    assert.closeTo(expected.map.marker.x, 256, 0.5)
    assert.closeTo(expected.map.marker.y, 192, 0.5)

    // Named for screen readers by the address and the coordinates.
    assert.include(
      svg,
      'aria-label="Plan du lieu : 12 Rue de la Gare 91000 Villeneuve (48.63027, 2.44011)"'
    )
    assert.include(html, `<figcaption class="static-map__attribution">${ATTRIBUTION}</figcaption>`)
    // Strict CSP: no style attribute; the tiles' origin is an image source the policy allows.
    assert.notMatch(html, /\sstyle=/)
    assert.include(sheet.header('content-security-policy'), 'https://*.tuiles.example.org')
  })

  test('the agent’s report page, the public page and step 2 of the filing show the place on the map', async ({
    client,
    assert,
  }) => {
    const { streetLight } = await categories()
    const report = await filedReport(streetLight)
    const page = expectedMarkup(report, { width: 512, height: 320 })
    const agent = await createAgent({ services: ['services_techniques'] })
    const resident = await createResident()

    const agentPage = await client
      .get(`/agents/signalements/${report.id}`)
      .withGuard('agent')
      .loginAs(agent)
    const step2 = await client
      .get('/signalements/nouveau/details')
      .withGuard('web')
      .loginAs(resident)
      .withSession(draftAt(streetLight.id))
    // The public page: a plain fetch, as an anonymous visitor.
    const publicPage = await fetch(new URL(`/signalements/${report.id}`, parvisConfig.appUrl))
    assert.equal(publicPage.status, 200)
    assert.isNull(publicPage.headers.get('set-cookie'), 'the public page set a cookie')

    for (const [label, html] of [
      ['agent’s page', agentPage.text()],
      ['step 2', step2.text()],
      ['public page', await publicPage.text()],
    ]) {
      const svgs = svgsOf(html)
      assert.lengthOf(svgs, 1, `${label} has one map`)
      const svg = svgs[0] ?? ''
      assert.include(svg, 'viewBox="0 0 512 320"', label)
      for (const image of page.images) assert.include(svg, image, label)
      assert.include(svg, page.marker, label)
      assert.include(svg, 'Plan du lieu : 12 Rue de la Gare 91000 Villeneuve (48.63000, 2.44000)')
      assert.notMatch(html, /\sstyle=/, label)
    }
    assert.include(page.marker, 'translate(256.48 160.2)')
  })
})

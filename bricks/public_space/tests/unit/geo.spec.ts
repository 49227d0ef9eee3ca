import { test } from '@japa/runner'
import { boxAround, distanceMeters, insidePolygon, parsePolygon } from '../../services/geo.js'
import { startGeocoderSimulator } from '#connectors/address_base/geocoder_simulator'
import { GeocoderClient, GeocoderUnavailableError } from '#connectors/address_base/geocoder_client'

test.group('Signalements geography', () => {
  test('the boundary setting is read leniently; fewer than three points make no boundary', ({
    assert,
  }) => {
    assert.deepEqual(parsePolygon('48.6 2.4; 48.6 2.48; 48.66 2.48'), [
      { lat: 48.6, lng: 2.4 },
      { lat: 48.6, lng: 2.48 },
      { lat: 48.66, lng: 2.48 },
    ])
    assert.isNull(parsePolygon('48.6 2.4; n’importe quoi'))
    assert.isNull(parsePolygon(''))
  })

  test('a point is inside or outside the default square of the demo city', ({ assert }) => {
    const square = parsePolygon('48.600 2.400; 48.600 2.480; 48.660 2.480; 48.660 2.400')!
    assert.isTrue(insidePolygon({ lat: 48.63, lng: 2.44 }, square))
    assert.isFalse(insidePolygon({ lat: 48.8656, lng: 2.3212 }, square))
  })

  test('the simulator’s neighbouring addresses are 30 m and 80 m apart, and the search box holds them', ({
    assert,
  }) => {
    const origin = { lat: 48.63, lng: 2.44 }
    assert.equal(Math.round(distanceMeters(origin, { lat: 48.63027, lng: 2.44 })), 30)
    assert.equal(Math.round(distanceMeters(origin, { lat: 48.63072, lng: 2.44 })), 80)
    const box = boxAround(origin, 50)
    assert.isAbove(48.63027, box.minLat)
    assert.isBelow(48.63027, box.maxLat)
    assert.isBelow(box.maxLat, 48.63072)
  })

  test('the address search client reads the national API’s shape, and says when it is down', async ({
    assert,
  }) => {
    const simulator = await startGeocoderSimulator()
    try {
      const client = new GeocoderClient({ baseUrl: simulator.url })
      const [found] = await client.search('12 rue de la gare', 1)
      assert.deepInclude(found, {
        label: '12 Rue de la Gare 91000 Villeneuve',
        lat: 48.63,
        lng: 2.44,
        postcode: '91000',
      })
      assert.deepEqual(await client.search('rue inconnue'), [])
      simulator.down = true
      await assert.rejects(() => client.search('12 rue de la gare'), GeocoderUnavailableError)
    } finally {
      await simulator.stop()
    }
  })
})

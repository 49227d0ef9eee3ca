import { test } from '@japa/runner'
import {
  SIMULATED_STREETS,
  startGeocoderSimulator,
} from '#connectors/address_base/geocoder_simulator'
import { GeocoderClient, GeocoderUnavailableError } from '#connectors/address_base/geocoder_client'

test.group('Address base simulator (shared connector)', () => {
  test('a number on any street of the demo city is an address of that street, as the national base answers; an unknown street is nothing', async ({
    assert,
  }) => {
    const simulator = await startGeocoderSimulator()
    try {
      const client = new GeocoderClient({ baseUrl: simulator.url })
      for (const street of SIMULATED_STREETS) {
        const [found] = await client.search(`17 ${street.name.toUpperCase()}`, 1)
        assert.equal(found.street, street.name)
        assert.equal(found.housenumber, '17')
        assert.equal(found.label, `17 ${street.name} 91000 Villeneuve`)
      }
      const [street] = await client.search('rue des lilas', 1)
      assert.equal(street.street, 'Rue des Lilas')
      assert.isNull(street.housenumber)
      // the addresses it knows one by one come first, as before
      assert.equal((await client.search('14 rue de la Gare', 1))[0].lat, 48.63027)
      assert.deepEqual(await client.search('99 chemin des Nuages'), [])

      simulator.down = true
      await assert.rejects(() => client.search('12 rue des Lilas'), GeocoderUnavailableError)
    } finally {
      await simulator.stop()
    }
  })
})

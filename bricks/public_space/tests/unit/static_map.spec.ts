import { test } from '@japa/runner'
import { staticMap, tileOf, tileUrl, worldPixel } from '../../services/static_map.js'

/*
 * Expected figures come from the OpenStreetMap wiki's formulas
 * (Slippy_map_tilenames), computed apart with Python:
 *   n = 2 ** zoom
 *   x = (lng + 180) / 360 * n
 *   y = (1 - asinh(tan(radians(lat))) / pi) / 2 * n
 * tile = floor(x), floor(y); offset in the tile = fraction × 256.
 */
test.group('Signalements static map: slippy-map tiles', () => {
  test('a point of the demo city, Notre-Dame de Paris and Sydney’s opera fall in the tiles the standard formulas give at zoom 17', ({
    assert,
  }) => {
    const cases = [
      { point: { lat: 48.63, lng: 2.44 }, tile: [66424, 45217], offset: [96.4836, 154.198] },
      { point: { lat: 48.853, lng: 2.3499 }, tile: [66391, 45094], offset: [146.5549, 123.6262] },
      {
        point: { lat: -33.8568, lng: 151.2153 },
        tile: [120591, 78650],
        offset: [207.5034, 7.6851],
      },
    ]
    for (const { point, tile, offset } of cases) {
      const found = tileOf(point, 17)
      assert.deepEqual([found.x, found.y], tile, `${point.lat}, ${point.lng}`)
      assert.closeTo(found.offsetX, offset[0], 0.001)
      assert.closeTo(found.offsetY, offset[1], 0.001)
    }
  })

  test('the origin is the corner of the four tiles of zoom 1; the poles are clamped to the square world', ({
    assert,
  }) => {
    assert.deepEqual(tileOf({ lat: 0, lng: 0 }, 1), { x: 1, y: 1, offsetX: 0, offsetY: 0 })
    assert.equal(worldPixel({ lat: 90, lng: -180 }, 0).y, worldPixel({ lat: 86, lng: 0 }, 0).y)
    assert.closeTo(worldPixel({ lat: 90, lng: -180 }, 0).y, 0, 1e-6)
    assert.equal(worldPixel({ lat: 0, lng: -180 }, 0).x, 0)
  })

  test('a tile URL is built from the template as Leaflet builds it', ({ assert }) => {
    assert.equal(
      tileUrl('https://tile.openstreetmap.org/{z}/{x}/{y}.png', 17, 66424, 45217),
      'https://tile.openstreetmap.org/17/66424/45217.png'
    )
    assert.equal(
      tileUrl('https://{s}.tiles.example.org/{z}/{x}/{-y}{r}.png?key=1&x=2', 2, 1, 0),
      'https://b.tiles.example.org/2/1/3.png?key=1&x=2'
    )
  })

  test('a 512 × 320 map centred on the point holds the tiles around it at their pixels, the marker at the point’s pixel', ({
    assert,
  }) => {
    const map = staticMap(
      { lat: 48.63, lng: 2.44 },
      { template: 'http://tiles.test/{z}/{x}/{y}.png', zoom: 17, width: 512, height: 320 }
    )
    // The point is at pixel 96.48, 154.20 of tile 66424/45217, i.e. 17004640.48, 11575706.20
    // on the world's map; the map's corner is 256 px left of and 160 px above it, rounded to
    // whole pixels (17004384, 11575546): the tiles around are placed from there.
    assert.equal(Math.round(66424 * 256 + 96.4836 - 256), 17004384)
    assert.equal(Math.round(45217 * 256 + 154.198 - 160), 11575546)
    assert.deepEqual(map.marker, { x: 256.48, y: 160.2 })
    const rows = [
      [45216, -250],
      [45217, 6],
      [45218, 262],
    ]
    const columns = [
      [66423, -96],
      [66424, 160],
      [66425, 416],
    ]
    assert.deepEqual(
      map.tiles.map((tile) => [tile.url, tile.x, tile.y]),
      rows.flatMap(([row, y]) =>
        columns.map(([column, x]) => [`http://tiles.test/17/${column}/${row}.png`, x, y])
      )
    )
    // Every pixel of the map is covered by a tile.
    for (const [x, y] of [
      [0, 0],
      [511, 0],
      [0, 319],
      [511, 319],
    ]) {
      assert.isTrue(
        map.tiles.some(
          (tile) => tile.x <= x && x < tile.x + 256 && tile.y <= y && y < tile.y + 256
        ),
        `pixel ${x},${y}`
      )
    }
  })

  test('never more than 3 × 3 tiles for a map of 512 px a side; tiles wrap around the antimeridian', ({
    assert,
  }) => {
    for (let step = 0; step < 40; step++) {
      const point = { lat: 48.6 + step * 0.00037, lng: 2.4 + step * 0.00053 }
      const map = staticMap(point, { template: '{z}/{x}/{y}', width: 512, height: 512 })
      assert.isAtMost(map.tiles.length, 9)
      assert.isAtLeast(map.tiles.length, 4)
    }
    const east = staticMap({ lat: 0, lng: 179.9999 }, { template: '{z}/{x}/{y}' })
    assert.include(
      east.tiles.map((tile) => tile.url),
      '17/0/65535'
    )
  })
})

import type { Point } from './geo.js'

/** Slippy-map tiles are 256 px squares (OpenStreetMap's and every provider Leaflet reads). */
export const TILE_SIZE = 256
/** Street level: a 512 px map shows about 400 m across in the city (0.8 m a pixel at 48.6° N). */
export const STATIC_MAP_ZOOM = 17
/** Web Mercator stops there (the map is a square). */
const MAX_LATITUDE = 85.0511287798

/** A point's pixel on the whole world's map at a zoom (256 × 2^zoom px wide; 0,0 is the north-west corner). */
export function worldPixel(point: Point, zoom: number) {
  const size = TILE_SIZE * 2 ** zoom
  const lat = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, point.lat)) * Math.PI) / 180
  return {
    x: ((point.lng + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * size,
  }
}

/** The tile holding a point at a zoom (the z/x/y of the tile URL) and the point's pixel within that tile. */
export function tileOf(point: Point, zoom: number) {
  const pixel = worldPixel(point, zoom)
  const x = Math.floor(pixel.x / TILE_SIZE)
  const y = Math.floor(pixel.y / TILE_SIZE)
  return { x, y, offsetX: pixel.x - x * TILE_SIZE, offsetY: pixel.y - y * TILE_SIZE }
}

/**
 * A tile's URL from a Leaflet-style template: `{z}`, `{x}`, `{y}`, `{-y}`
 * (TMS rows), `{s}` (subdomains a, b, c, chosen as Leaflet does) and `{r}`
 * (retina suffix, none here).
 */
export function tileUrl(template: string, zoom: number, x: number, y: number) {
  const values: Record<string, string> = {
    'z': String(zoom),
    'x': String(x),
    'y': String(y),
    '-y': String(2 ** zoom - 1 - y),
    's': 'abc'[Math.abs(x + y) % 3],
    'r': '',
  }
  return template.replace(/\{(-?[a-z])\}/g, (whole, name: string) => values[name] ?? whole)
}

export interface StaticMap {
  width: number
  height: number
  zoom: number
  /** Each tile's URL and its top-left corner in the map's pixels. */
  tiles: { url: string; x: number; y: number }[]
  /** The point's pixel in the map (its middle, to a hundredth of a pixel). */
  marker: { x: number; y: number }
}

/**
 * A map of `width` × `height` pixels centred on a point, made of the tiles
 * around it (2 × 2 up to 3 × 3 for a map of at most 512 px a side), each
 * placed at its pixel, and the point's pixel for the marker. Pure: the page
 * draws it as an SVG, without JavaScript.
 */
export function staticMap(
  point: Point,
  options: { template: string; zoom?: number; width?: number; height?: number }
): StaticMap {
  const zoom = options.zoom ?? STATIC_MAP_ZOOM
  const width = options.width ?? 512
  const height = options.height ?? 320
  const pixel = worldPixel(point, zoom)
  // Whole pixels for the corner: tiles land on whole pixels and stay sharp.
  const left = Math.round(pixel.x - width / 2)
  const top = Math.round(pixel.y - height / 2)
  const tilesPerSide = 2 ** zoom
  const tiles: StaticMap['tiles'] = []
  for (let row = Math.floor(top / TILE_SIZE); row * TILE_SIZE < top + height; row++) {
    if (row < 0 || row >= tilesPerSide) continue
    for (let column = Math.floor(left / TILE_SIZE); column * TILE_SIZE < left + width; column++) {
      // Around the antimeridian the world repeats: the tile east of the last is the first.
      const wrapped = ((column % tilesPerSide) + tilesPerSide) % tilesPerSide
      tiles.push({
        url: tileUrl(options.template, zoom, wrapped, row),
        x: column * TILE_SIZE - left,
        y: row * TILE_SIZE - top,
      })
    }
  }
  const hundredth = (value: number) => Math.round(value * 100) / 100
  return {
    width,
    height,
    zoom,
    tiles,
    marker: { x: hundredth(pixel.x - left), y: hundredth(pixel.y - top) },
  }
}

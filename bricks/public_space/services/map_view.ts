import { mapTiles } from '#config/parvis'
import { readSettings } from '#core/services/settings'
import { publicSpaceSettings } from '../settings.js'
import { formatPoint, parsePolygon, type Point } from './geo.js'
import { staticMap } from './static_map.js'

/** What a page's map needs: the tiles and their attribution, and where it opens (the middle of the city's boundary). */
export async function mapView() {
  const { boundary } = await readSettings('public_space', publicSpaceSettings)
  const polygon = parsePolygon(boundary)
  const center = polygon
    ? {
        lat: polygon.reduce((sum, point) => sum + point.lat, 0) / polygon.length,
        lng: polygon.reduce((sum, point) => sum + point.lng, 0) / polygon.length,
      }
    : { lat: 46.6, lng: 2.4 }
  const { url, attribution } = mapTiles()
  return {
    tiles: url,
    attribution,
    center: `${center.lat.toFixed(6)},${center.lng.toFixed(6)}`,
    zoom: polygon ? 14 : 6,
  }
}

/** Sizes of the static map: a page's (fits a phone's width once scaled) and the printed sheet's. */
const STATIC_SIZES = { page: { width: 512, height: 320 }, print: { width: 512, height: 384 } }

/**
 * The map drawn without JavaScript (component `public_space::components/static_map`):
 * the tiles around the point at street level, the point's marker, the tiles'
 * attribution and what the map shows in words (the address and coordinates).
 */
export function staticMapView(point: Point & { address: string }, size: 'page' | 'print' = 'page') {
  const { url, attribution } = mapTiles()
  const at = { lat: Number(point.lat), lng: Number(point.lng) }
  return {
    ...staticMap(at, { template: url, ...STATIC_SIZES[size] }),
    attribution,
    address: point.address,
    coordinates: formatPoint(at),
  }
}

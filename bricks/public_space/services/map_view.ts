import { mapTiles } from '#config/parvis'
import { readSettings } from '#core/services/settings'
import { publicSpaceSettings } from '../settings.js'
import { parsePolygon } from './geo.js'

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

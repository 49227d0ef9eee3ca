/** Points in WGS84 degrees. */
export interface Point {
  lat: number
  lng: number
}

/**
 * Reads the boundary setting: "lat lng; lat lng; …". Points that are not two
 * numbers are skipped; fewer than three points make no boundary (null), so a
 * mistyped setting never refuses every report.
 */
export function parsePolygon(text: string): Point[] | null {
  const points = text
    .split(';')
    .map((pair) => pair.trim().replace(/,/g, ' ').split(/\s+/).map(Number))
    .filter((pair) => pair.length === 2 && pair.every((value) => Number.isFinite(value)))
    .map(([lat, lng]) => ({ lat, lng }))
  return points.length >= 3 ? points : null
}

/** Ray casting: is the point inside the polygon (edges included as inside is not guaranteed, nor needed at this scale)? */
export function insidePolygon(point: Point, polygon: Point[]) {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]
    const b = polygon[j]
    const crosses =
      a.lat > point.lat !== b.lat > point.lat &&
      point.lng < ((b.lng - a.lng) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lng
    if (crosses) inside = !inside
  }
  return inside
}

const EARTH_RADIUS_M = 6_371_000

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Point, b: Point) {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))
}

/** A box around a point, wide enough to hold every point within `meters`: the index narrows, the distance decides. */
export function boxAround(point: Point, meters: number) {
  const dLat = meters / 111_320
  const dLng = meters / (111_320 * Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01))
  return {
    minLat: point.lat - dLat,
    maxLat: point.lat + dLat,
    minLng: point.lng - dLng,
    maxLng: point.lng + dLng,
  }
}

/** Coordinates as residents read them: 5 decimals (about a metre). */
export function formatPoint(point: Point) {
  return `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`
}

/** A named rectangle of the city (a neighbourhood), for the statistics. */
export interface Area {
  name: string
  south: number
  west: number
  north: number
  east: number
}

/**
 * Reads the areas setting: one area a line, "Name: lat lng; lat lng" (two
 * opposite corners). Lines that do not read so are skipped.
 */
export function parseAreas(text: string): Area[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const colon = line.lastIndexOf(':')
    if (colon < 1) return []
    const name = line.slice(0, colon).trim()
    const corners = line
      .slice(colon + 1)
      .split(';')
      .map((pair) => pair.trim().replace(/,/g, ' ').split(/\s+/).map(Number))
    if (!name || corners.length !== 2) return []
    if (!corners.every((pair) => pair.length === 2 && pair.every(Number.isFinite))) return []
    const [[lat1, lng1], [lat2, lng2]] = corners
    return [
      {
        name: name.slice(0, 100),
        south: Math.min(lat1, lat2),
        north: Math.max(lat1, lat2),
        west: Math.min(lng1, lng2),
        east: Math.max(lng1, lng2),
      },
    ]
  })
}

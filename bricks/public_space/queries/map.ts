import Report from '../models/report.js'
import { categoryLabels } from './categories.js'
import { queueQuery, type QueueFilters } from './queue.js'

/** A map's visible rectangle, in degrees: west, south, east, north (the order of GeoJSON and OpenStreetMap). */
export interface BoundingBox {
  west: number
  south: number
  east: number
  north: number
}

/** The most markers one map view gets: beyond, the resident zooms in (newest first). */
export const MAX_MARKERS = 500

/** Reads `bbox=west,south,east,north`; null unless four numbers in range, west < east and south < north. */
export function parseBoundingBox(raw: unknown): BoundingBox | null {
  // The query string parser may already have split the commas.
  const input = Array.isArray(raw) && raw.length === 4 ? raw.join(',') : raw
  if (typeof input !== 'string' || input.length > 200) return null
  const parts = input.split(',').map((part) => Number(part.trim()))
  if (parts.length !== 4 || !parts.every((value) => Number.isFinite(value))) return null
  const [west, south, east, north] = parts
  if (west < -180 || east > 180 || south < -90 || north > 90) return null
  if (west >= east || south >= north) return null
  return { west, south, east, north }
}

/**
 * The public map's markers: confirmed reports (not merged away) inside the
 * box, newest first, at most MAX_MARKERS, with nothing personal: reference,
 * status, category and the point. The (lat, lng) index narrows to the box.
 */
export async function publicMarkers(box: BoundingBox, statusLabel: (status: string) => string) {
  const rows = await Report.query()
    .select('id', 'reference', 'status', 'categoryId', 'lat', 'lng')
    .whereBetween('lat', [box.south, box.north])
    .whereBetween('lng', [box.west, box.east])
    .whereNotNull('verifiedAt')
    .whereNull('mergedIntoId')
    .orderBy('id', 'desc')
    .limit(MAX_MARKERS + 1)
    .pojo<MarkerRow>()
  return markers(rows, statusLabel, (report) => `/signalements/${report.id}`)
}

/** The agents' map: the queue's reports (same filters) inside the box. */
export async function queueMarkers(
  services: string[],
  filters: QueueFilters,
  box: BoundingBox,
  statusLabel: (status: string) => string
) {
  const rows = await queueQuery(services, filters)
    .select('id', 'reference', 'status', 'categoryId', 'lat', 'lng')
    .whereBetween('lat', [box.south, box.north])
    .whereBetween('lng', [box.west, box.east])
    .orderBy('id', 'desc')
    .limit(MAX_MARKERS + 1)
    .pojo<MarkerRow>()
  return markers(rows, statusLabel, (report) => `/agents/signalements/${report.id}`)
}

/** A row as the database gives it: plain objects, as 500 models would cost more than the query. */
interface MarkerRow {
  id: number
  reference: string
  status: string
  category_id: number
  lat: number | string
  lng: number | string
}

/** A GeoJSON FeatureCollection (coordinates longitude first); `truncated` when the box held more than the limit. */
async function markers(
  rows: MarkerRow[],
  statusLabel: (status: string) => string,
  url: (report: MarkerRow) => string
) {
  const labels = await categoryLabels()
  return {
    type: 'FeatureCollection' as const,
    truncated: rows.length > MAX_MARKERS,
    features: rows.slice(0, MAX_MARKERS).map((report) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [Number(report.lng), Number(report.lat)] },
      properties: {
        reference: report.reference,
        status: report.status,
        statusLabel: statusLabel(report.status),
        category: labels.get(Number(report.category_id)) ?? '',
        url: url(report),
      },
    })),
  }
}

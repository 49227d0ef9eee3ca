import { engineOf } from '#core/database/dialect'
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

/** How many of the newest reports the first pass of a box reads (see inBox). */
export const RECENT_WINDOW = 10_000
/** A box at most this tall (degrees, about 550 m: a street-level view) goes to the index at once. */
export const STREET_SPAN = 0.005

/**
 * The newest reports inside a box. On SQLite, which keeps no statistics
 * here (the portal runs no ANALYZE), the plan is chosen here: a
 * street-level box (at most STREET_SPAN tall) reads the (lat, lng) index,
 * a thin band of it; a taller one goes in two passes:
 * 1. the newest RECENT_WINDOW reports by id (the primary key, newest first),
 *    keeping those in the box: a city-wide or district view fills its
 *    MAX_MARKERS there at once (the lat/lng index would read, then sort,
 *    every report of a wide band: over a second for 200,000);
 * 2. if that pass found too few, the box is small or sparse: the (lat, lng)
 *    index reads it. The `+` before lat/lng in pass 1 keeps the planner off
 *    that index (SQLite would otherwise take it).
 */
async function inBox(query: () => any, box: BoundingBox) {
  const byIndex = async () =>
    (await query()
      .whereBetween('lat', [box.south, box.north])
      .whereBetween('lng', [box.west, box.east])
      .orderBy('id', 'desc')
      .limit(MAX_MARKERS + 1)
      .pojo()) as MarkerRow[]
  // PostgreSQL's planner, with the statistics autovacuum keeps, picks the primary key or the
  // index by itself (the two passes made its city view 15 times slower in bench/reports.ts).
  if (engineOf() === 'postgres' || box.north - box.south <= STREET_SPAN) return byIndex()
  const newest = await Report.query().max('id as id').first()
  const lastId = Number(newest?.$extras.id ?? 0)
  const recent = await query()
    .where('id', '>', lastId - RECENT_WINDOW)
    .whereRaw('+lat between ? and ?', [box.south, box.north])
    .whereRaw('+lng between ? and ?', [box.west, box.east])
    .orderBy('id', 'desc')
    .limit(MAX_MARKERS + 1)
    .pojo()
  if (recent.length > MAX_MARKERS || lastId <= RECENT_WINDOW) return recent as MarkerRow[]
  return byIndex()
}

/**
 * The public map's markers: confirmed reports (not merged away) inside the
 * box, newest first, at most MAX_MARKERS, with nothing personal: reference,
 * status, category and the point.
 */
export async function publicMarkers(box: BoundingBox, statusLabel: (status: string) => string) {
  const rows = await inBox(
    () =>
      Report.query()
        .select('id', 'reference', 'status', 'categoryId', 'lat', 'lng')
        .whereNotNull('verifiedAt')
        .whereNull('mergedIntoId'),
    box
  )
  return markers(rows, statusLabel, (report) => `/signalements/${report.id}`)
}

/** The agents' map: the queue's reports (same filters) inside the box. */
export async function queueMarkers(
  services: string[],
  filters: QueueFilters,
  box: BoundingBox,
  statusLabel: (status: string) => string
) {
  const rows = await inBox(
    () =>
      queueQuery(services, filters).select('id', 'reference', 'status', 'categoryId', 'lat', 'lng'),
    box
  )
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

import Report, { OPEN_STATUSES } from '../models/report.js'
import { boxAround, distanceMeters, type Point } from '../services/geo.js'

/**
 * Open reports of a category within `radius` metres of a point, nearest
 * first: what a resident is offered to follow instead of filing the same
 * problem again. The (category, status, lat, lng) index narrows to a small
 * box; the exact distance decides.
 */
export async function openReportsNear(categoryId: number, point: Point, radius: number) {
  const box = boxAround(point, radius)
  const candidates = await Report.query()
    .where('categoryId', categoryId)
    .whereIn('status', OPEN_STATUSES)
    .whereNotNull('verifiedAt')
    .whereBetween('lat', [box.minLat, box.maxLat])
    .whereBetween('lng', [box.minLng, box.maxLng])
    .limit(50)
  return candidates
    .map((report) => ({ report, distance: Math.round(distanceMeters(point, report)) }))
    .filter((entry) => entry.distance <= radius)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 5)
}

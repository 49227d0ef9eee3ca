import Report, { STATUSES, type ReportStatus } from '../models/report.js'
import Photo from '../models/photo.js'
import ReportUpdate from '../models/report_update.js'
import { categoryLabels } from './categories.js'
import { formatPoint } from '../services/geo.js'

const PAGE_SIZE = 50

/** /signalements: confirmed reports, newest first, by pages of 50 (by key), optionally of one status. */
export async function publicList(input: { statut?: unknown; avant?: unknown }) {
  const status: ReportStatus | null =
    STATUSES.find((candidate) => candidate === input.statut) ?? null
  const before = Number(input.avant) || 0
  const query = Report.query()
    .whereNotNull('verifiedAt')
    .whereNull('mergedIntoId')
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
  if (status) query.where('status', status)
  if (before > 0) query.where('id', '<', before)
  const rows = await query
  const reports = rows.slice(0, PAGE_SIZE)
  const next = rows.length > PAGE_SIZE ? reports[reports.length - 1].id : null
  return { reports, labels: await categoryLabels(), status, statuses: STATUSES, next }
}

/** A report as the public sees it: its public updates and reopenings, the photos agents accepted; null when not confirmed. */
export async function publicReport(id: number) {
  const report = await Report.query().where('id', id).whereNotNull('verifiedAt').first()
  if (!report) return null
  const [updates, photos, labels] = await Promise.all([
    ReportUpdate.query()
      .where('reportId', report.id)
      .whereIn('kind', ['public', 'reopened'])
      .orderBy('id'),
    Photo.query().where('reportId', report.id).where('accepted', true).orderBy('id'),
    categoryLabels(),
  ])
  const kept = report.mergedIntoId ? await Report.find(report.mergedIntoId) : null
  const category = labels.get(report.categoryId)
  return { report, updates, photos, category, coordinates: formatPoint(report), kept }
}

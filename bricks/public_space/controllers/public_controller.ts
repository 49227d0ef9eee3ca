import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { clock } from '#core/clock'
import { notFoundPage } from '#core/services/not_found'
import { queryId } from '#core/http/query_filters'
import Report, { STATUSES } from '../models/report.js'
import Photo from '../models/photo.js'
import ReportUpdate from '../models/report_update.js'
import { categoryLabels } from '../queries/categories.js'
import { formatPoint } from '../services/geo.js'
import { CONFIRM_PURPOSE } from '../services/links.js'

const PAGE_SIZE = 50

/**
 * What anyone may read about reports, without any personal data (no name, no
 * contact, no internal note; photos only once an agent accepted them). These
 * pages set no cookie for an anonymous visitor (content pages).
 */
export default class PublicController {
  async index(ctx: HttpContext) {
    const status = STATUSES.find((candidate) => candidate === ctx.request.input('statut')) ?? null
    const before = queryId(ctx.request.input('avant'))
    const query = Report.query()
      .whereNotNull('verifiedAt')
      .whereNull('mergedIntoId')
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE + 1)
    if (status) query.where('status', status)
    if (before) query.where('id', '<', before)
    const rows = await query
    const reports = rows.slice(0, PAGE_SIZE)
    const next = rows.length > PAGE_SIZE ? reports[reports.length - 1].id : null
    return ctx.view.render('public_space::index', {
      reports,
      labels: await categoryLabels(),
      status,
      statuses: STATUSES,
      next,
    })
  }

  async show(ctx: HttpContext) {
    const report = await Report.query()
      .where('id', ctx.params.id)
      .whereNotNull('verifiedAt')
      .first()
    if (!report) return notFoundPage(ctx)
    const [updates, photos, labels] = await Promise.all([
      ReportUpdate.query()
        .where('reportId', report.id)
        .whereIn('kind', ['public', 'reopened'])
        .orderBy('id'),
      Photo.query().where('reportId', report.id).where('accepted', true).orderBy('id'),
      categoryLabels(),
    ])
    const kept = report.mergedIntoId ? await Report.find(report.mergedIntoId) : null
    return ctx.view.render('public_space::show', {
      report,
      updates,
      photos,
      category: labels.get(report.categoryId),
      coordinates: formatPoint(report),
      kept,
    })
  }

  /** A photo an agent accepted, as stored (re-encoded without metadata). */
  async photo(ctx: HttpContext) {
    const photo = await Photo.query().where('id', ctx.params.id).where('accepted', true).first()
    if (!photo || !(await drive.use().exists(photo.storageKey))) return notFoundPage(ctx)
    const bytes = await drive.use().getBytes(photo.storageKey)
    ctx.response.header('Content-Type', photo.mimeType)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'public, max-age=3600')
    return ctx.response.send(Buffer.from(bytes))
  }

  /** The link of the mail sent to an anonymous reporter: the report enters the service's queue. */
  async confirm(ctx: HttpContext) {
    const report = await Report.find(ctx.params.id)
    if (!report || !ctx.request.hasValidSignature(CONFIRM_PURPOSE)) return notFoundPage(ctx)
    if (!report.verifiedAt) {
      report.verifiedAt = clock.now()
      await report.save()
    }
    return ctx.view.render('public_space::confirmed', { report })
  }
}

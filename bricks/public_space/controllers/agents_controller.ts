import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { agentCan } from '#accounts/abilities'
import { recordAudit } from '#accounts/actions/record_audit'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import Report from '../models/report.js'
import Photo from '../models/photo.js'
import { agentReport, queueFilters, queuePage, reportByReference } from '../queries/queue.js'
import { parseBoundingBox, queueMarkers } from '../queries/map.js'
import { mapView, staticMapView } from '../services/map_view.js'
import { sendQueueCsv } from '../services/queue_csv.js'
import { agentUpdateValidator, mergeValidator } from '../validators/reports.js'
import UpdateReport, { PublicNoteRequiredError } from '../actions/update_report.js'
import MergeReports from '../actions/merge_reports.js'

/** Change a report: status, team, planned date, updates, photos shown, merges. */
export const MANAGE_REPORTS = 'public_space.reports.manage'

/**
 * /agents/signalements: the queue of the agent's technical services, a
 * report's page with its updates and notes, the printable intervention
 * sheet and the CSV export. Agents of other services get 404 (the brick's
 * back routes are for its services); reports of another service too, and
 * changes from an agent without the permission.
 */
export default class AgentsController {
  async queue(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const filters = queueFilters(ctx.request.qs())
    const after = Number(ctx.request.input('apres')) || 0
    const page = await queuePage(await agentServiceSlugs(agent), filters, after)
    const detail = `signalements ${page.filterQuery}`
    await recordAudit(agent, 'list.viewed', null, detail, page.reports.length)
    return ctx.view.render('public_space::agents/queue', { ...page, map: await mapView() })
  }

  /** The queue's map: its reports (same filters) inside `?bbox=west,south,east,north`, as GeoJSON. */
  async markers(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const box = parseBoundingBox(ctx.request.input('bbox'))
    if (!box) return ctx.response.badRequest({ error: ctx.i18n.t('public_space.map.bad_bbox') })
    const label = (status: string) => ctx.i18n.t(`public_space.statuses.${status}`)
    const filters = queueFilters(ctx.request.qs())
    return ctx.response.json(
      await queueMarkers(await agentServiceSlugs(agent), filters, box, label)
    )
  }

  async export(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const filters = queueFilters(ctx.request.qs())
    return sendQueueCsv(ctx, agent, await agentServiceSlugs(agent), filters)
  }

  async show(ctx: HttpContext) {
    return this.#page(ctx, 'public_space::agents/show')
  }

  async sheet(ctx: HttpContext) {
    return this.#page(ctx, 'public_space::agents/sheet')
  }

  async update(ctx: HttpContext) {
    const report = await this.#manageable(ctx)
    if (!report) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(agentUpdateValidator)
    const { reportStatus: status, team, plannedOn, publicNote, internalNote, photos } = input
    const change = { status, team: team ?? null, plannedOn: plannedOn ?? null }
    const notes = { publicNote: publicNote ?? null, internalNote: internalNote ?? null }
    const agentId = ctx.auth.use('agent').getUserOrFail().id
    await new UpdateReport()
      .handle(report, { ...change, ...notes, acceptedPhotoIds: photos ?? [] }, agentId)
      .catch((error) => {
        if (!(error instanceof PublicNoteRequiredError)) throw error
        throw fieldError('publicNote', ctx.i18n.t('public_space.agents.public_note_required'))
      })
    ctx.session.flash('success', 'public_space.agents.saved')
    return ctx.response.redirect().status(303).toPath(`/agents/signalements/${report.id}`)
  }

  /** This report is a duplicate of another (by reference): its followers and photos move there. */
  async merge(ctx: HttpContext) {
    const report = await this.#manageable(ctx)
    if (!report) return notFoundPage(ctx)
    const { keep } = await ctx.request.validateUsing(mergeValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    const kept = await reportByReference(await agentServiceSlugs(agent), keep)
    if (!kept || kept.id === report.id)
      throw fieldError('keep', ctx.i18n.t('public_space.agents.merge_unknown'))
    await new MergeReports().handle(report, kept, agent.id)
    ctx.session.flash(
      'success_text',
      ctx.i18n.t('public_space.agents.merged', { reference: kept.reference })
    )
    return ctx.response.redirect().status(303).toPath(`/agents/signalements/${kept.id}`)
  }

  /** Any photo of a report of the agent's services, accepted or not. */
  async photo(ctx: HttpContext) {
    const photo = await Photo.find(ctx.params.id)
    const agent = ctx.auth.use('agent').getUserOrFail()
    const report = photo ? await agentReport(await agentServiceSlugs(agent), photo.reportId) : null
    if (!photo || !report || !(await drive.use().exists(photo.storageKey))) return notFoundPage(ctx)
    const bytes = await drive.use().getBytes(photo.storageKey)
    ctx.response.header('Content-Type', photo.mimeType)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.send(Buffer.from(bytes))
  }

  /** The report's page or sheet; the reporter's contact is personal data: who read it is kept. */
  async #page(ctx: HttpContext, view: string) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const found = await agentReport(await agentServiceSlugs(agent), Number(ctx.params.id))
    if (!found) return notFoundPage(ctx)
    await recordAudit(agent, 'list.viewed', null, `signalement ${found.report.reference}`, 1)
    const mayManage = await ctx.bouncer.allows(agentCan, MANAGE_REPORTS, found.report.serviceSlug)
    const staticMap = staticMapView(found.report, view.endsWith('/sheet') ? 'print' : 'page')
    return ctx.view.render(view, { ...found, mayManage, staticMap })
  }

  /** The report of the page, if the agent may change it. */
  async #manageable(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const report = await Report.query()
      .where('id', Number(ctx.params.id))
      .whereIn('serviceSlug', await agentServiceSlugs(agent))
      .first()
    if (!report || !(await ctx.bouncer.allows(agentCan, MANAGE_REPORTS, report.serviceSlug)))
      return null
    return report
  }
}

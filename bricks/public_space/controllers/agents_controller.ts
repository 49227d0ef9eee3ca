import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { agentCan } from '#accounts/abilities'
import { recordAudit } from '#accounts/actions/record_audit'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { keysetBatches, sendCsv } from '#core/services/csv_download'
import { queryString } from '#core/http/query_filters'
import Report, { STATUSES } from '../models/report.js'
import Photo from '../models/photo.js'
import ReportUpdate from '../models/report_update.js'
import Follower from '../models/follower.js'
import { categoryLabels, categoryTree } from '../queries/categories.js'
import { AGES, queueFilters, queueQuery } from '../queries/queue.js'
import { formatPoint } from '../services/geo.js'
import { agentUpdateValidator, mergeValidator } from '../validators/reports.js'
import UpdateReport, { PublicNoteRequiredError } from '../actions/update_report.js'
import MergeReports from '../actions/merge_reports.js'

/** Change a report: status, team, planned date, updates, photos shown, merges. */
export const MANAGE_REPORTS = 'public_space.reports.manage'
const PAGE_SIZE = 50

/**
 * /agents/signalements: the queue of the agent's technical services, a
 * report's page with its updates and notes, the printable intervention
 * sheet and the CSV export. Agents of other services get 404 (the brick's
 * back routes are for its services); reports of another service too.
 */
export default class AgentsController {
  async queue(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const filters = queueFilters(ctx.request.qs())
    const after = Number(ctx.request.input('apres')) || 0
    const rows = await queueQuery(await agentServiceSlugs(agent), filters)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE_SIZE + 1)
    const reports = rows.slice(0, PAGE_SIZE)
    const filterQuery = queryString({
      categorie: filters.category,
      statut: filters.status === 'open' ? null : (filters.status ?? 'tous'),
      anciennete: filters.age,
    })
    await recordAudit(agent, 'list.viewed', null, `signalements ${filterQuery}`, reports.length)
    return ctx.view.render('public_space::agents/queue', {
      reports,
      filters,
      filterQuery,
      groups: await categoryTree({ activeOnly: false }),
      labels: await categoryLabels(),
      statuses: STATUSES,
      ages: AGES,
      next: rows.length > PAGE_SIZE ? reports[reports.length - 1].id : null,
    })
  }

  async export(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const filters = queueFilters(ctx.request.qs())
    const services = await agentServiceSlugs(agent)
    const labels = await categoryLabels()
    return sendCsv(ctx, {
      name: 'signalements',
      header: [
        'Référence',
        'Déposé le',
        'Catégorie',
        'Statut',
        'Adresse',
        'Latitude',
        'Longitude',
        'Équipe',
        'Date prévue',
        'Réouvertures',
        'Description',
      ],
      batches: keysetBatches((afterId, size) =>
        queueQuery(services, filters).where('id', '>', afterId).orderBy('id').limit(size)
      ),
      toCells: (report: Report) => [
        report.reference,
        report.createdAt.setZone('Europe/Paris').toFormat('dd/MM/yyyy HH:mm'),
        labels.get(report.categoryId) ?? '',
        ctx.i18n.t(`public_space.statuses.${report.status}`),
        report.address,
        report.lat.toFixed(6),
        report.lng.toFixed(6),
        report.team ?? '',
        report.plannedOn ?? '',
        report.reopenCount,
        report.description,
      ],
      onDone: (count) => recordAudit(agent, 'list.exported', null, 'signalements', count),
    })
  }

  async show(ctx: HttpContext) {
    const report = await this.#report(ctx)
    if (!report) return notFoundPage(ctx)
    return ctx.view.render('public_space::agents/show', await this.#details(ctx, report))
  }

  async sheet(ctx: HttpContext) {
    const report = await this.#report(ctx)
    if (!report) return notFoundPage(ctx)
    return ctx.view.render('public_space::agents/sheet', await this.#details(ctx, report))
  }

  async update(ctx: HttpContext) {
    const report = await this.#report(ctx)
    if (!report || !(await ctx.bouncer.allows(agentCan, MANAGE_REPORTS, report.serviceSlug)))
      return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(agentUpdateValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    try {
      await new UpdateReport().handle(
        report,
        {
          status: input.reportStatus,
          team: input.team ?? null,
          plannedOn: input.plannedOn ?? null,
          publicNote: input.publicNote ?? null,
          internalNote: input.internalNote ?? null,
          acceptedPhotoIds: input.photos ?? [],
        },
        agent.id
      )
    } catch (error) {
      if (!(error instanceof PublicNoteRequiredError)) throw error
      throw fieldError('publicNote', ctx.i18n.t('public_space.agents.public_note_required'))
    }
    ctx.session.flash('success', 'public_space.agents.saved')
    return ctx.response.redirect().status(303).toPath(`/agents/signalements/${report.id}`)
  }

  /** This report is a duplicate of another (by reference): its followers and photos move there. */
  async merge(ctx: HttpContext) {
    const report = await this.#report(ctx)
    if (!report || !(await ctx.bouncer.allows(agentCan, MANAGE_REPORTS, report.serviceSlug)))
      return notFoundPage(ctx)
    const { keep } = await ctx.request.validateUsing(mergeValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    const kept = await Report.query()
      .where('reference', keep.toUpperCase())
      .whereIn('serviceSlug', await agentServiceSlugs(agent))
      .whereNull('mergedIntoId')
      .first()
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
    const report = photo ? await this.#report(ctx, photo.reportId) : null
    if (!photo || !report || !(await drive.use().exists(photo.storageKey))) return notFoundPage(ctx)
    const bytes = await drive.use().getBytes(photo.storageKey)
    ctx.response.header('Content-Type', photo.mimeType)
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.send(Buffer.from(bytes))
  }

  async #details(ctx: HttpContext, report: Report) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const [updates, photos, followers, labels] = await Promise.all([
      ReportUpdate.query().where('reportId', report.id).orderBy('id'),
      Photo.query().where('reportId', report.id).orderBy('id'),
      Follower.query().where('reportId', report.id).count('* as total').first(),
      categoryLabels(),
    ])
    // The reporter's contact is personal data: who read it is kept.
    await recordAudit(agent, 'list.viewed', null, `signalement ${report.reference}`, 1)
    return {
      report,
      updates,
      photos,
      followers: Number(followers?.$extras.total ?? 0),
      category: labels.get(report.categoryId),
      coordinates: formatPoint(report),
      statuses: STATUSES,
      mayManage: await ctx.bouncer.allows(agentCan, MANAGE_REPORTS, report.serviceSlug),
    }
  }

  async #report(ctx: HttpContext, id: unknown = ctx.params.id) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    return Report.query()
      .where('id', Number(id))
      .whereIn('serviceSlug', await agentServiceSlugs(agent))
      .first()
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { loggedInResident } from '#accounts/services/sessions'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { readSettings } from '#core/services/settings'
import { publicSpaceSettings } from '../settings.js'
import { categoryTree, selectableCategory } from '../queries/categories.js'
import { openReportsNear } from '../queries/nearby.js'
import { formatPoint } from '../services/geo.js'
import { locateStep } from '../services/locate.js'
import { mapView, staticMapView } from '../services/map_view.js'
import { filingInput, type Draft } from '../services/filing_form.js'
import { followValidator, locateValidator } from '../validators/reports.js'
import FileReport from '../actions/file_report.js'
import FollowReport from '../actions/follow_report.js'
import Report from '../models/report.js'

const DRAFT = 'public_space_draft'
const FILED = 'public_space_filed'

/**
 * /signalements/nouveau, in two steps that work without JavaScript: what and
 * where (a category and an address the address search locates, refused
 * outside the city), then the photos, the description and the contact, with
 * the open reports of the same kind nearby offered to follow instead. What
 * was chosen lives in the session until the report is filed.
 */
export default class FilingController {
  async start(ctx: HttpContext) {
    const draft = ctx.session.get(DRAFT) as Draft | undefined
    const [groups, map] = await Promise.all([categoryTree(), mapView()])
    return ctx.view.render('public_space::new', { groups, draft, map })
  }

  async locate(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(locateValidator)
    const category = await selectableCategory(input.problem)
    if (!category) throw fieldError('problem', ctx.i18n.t('public_space.new.unknown_category'))
    const { label, lat, lng } = await locateStep(input, ctx.i18n)
    ctx.session.put(DRAFT, { categoryId: category.id, address: label, lat, lng })
    return ctx.response.redirect().status(303).toPath('/signalements/nouveau/details')
  }

  async details(ctx: HttpContext) {
    const { draft, category } = await this.#draft(ctx)
    if (!draft || !category) return ctx.response.redirect().toPath('/signalements/nouveau')
    const { duplicateRadius: radius } = await readSettings('public_space', publicSpaceSettings)
    const nearby = await openReportsNear(category.id, draft, radius)
    const user = await loggedInResident(ctx)
    const coordinates = formatPoint(draft)
    return ctx.view.render('public_space::details', {
      draft,
      category,
      coordinates,
      nearby,
      radius,
      user,
      staticMap: staticMapView(draft),
    })
  }

  async store(ctx: HttpContext) {
    const { draft, category } = await this.#draft(ctx)
    if (!draft || !category) return ctx.response.redirect().toPath('/signalements/nouveau')
    const input = await filingInput(ctx, draft, category, await loggedInResident(ctx))
    const report = await new FileReport().handle(input)
    ctx.session.forget(DRAFT)
    ctx.session.put(FILED, report.id)
    return ctx.response.redirect().status(303).toPath('/signalements/nouveau/envoye')
  }

  async filed(ctx: HttpContext) {
    const id = ctx.session.get(FILED) as number | undefined
    const report = id ? await Report.find(id) : null
    if (!report) return ctx.response.redirect().toPath('/signalements/nouveau')
    return ctx.view.render('public_space::filed', { report, verified: report.verifiedAt !== null })
  }

  /** "Suivre" a report found nearby instead of filing the same problem. */
  async follow(ctx: HttpContext) {
    const report = await Report.query()
      .where('id', ctx.params.id)
      .whereNotNull('verifiedAt')
      .first()
    if (!report) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(followValidator)
    const email = (await loggedInResident(ctx))?.email ?? input.email
    if (!email) throw fieldError('email', ctx.i18n.t('public_space.details.email_required'))
    await new FollowReport().handle(report, email)
    ctx.session.forget(DRAFT)
    const reference = report.reference
    ctx.session.flash('success_text', ctx.i18n.t('public_space.follow.done', { reference }))
    return ctx.response.redirect().status(303).toPath(`/signalements/${report.id}`)
  }

  async #draft(ctx: HttpContext) {
    const draft = ctx.session.get(DRAFT) as Draft | undefined
    return { draft, category: draft ? await selectableCategory(draft.categoryId) : null }
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { readSettings } from '#core/services/settings'
import { publicSpaceSettings } from '../settings.js'
import { categoryTree, selectableCategory } from '../queries/categories.js'
import { openReportsNear } from '../queries/nearby.js'
import { insidePolygon, parsePolygon, formatPoint } from '../services/geo.js'
import { preparePhotos } from '../services/photos.js'
import { geocoder } from '../connectors/geocoder.js'
import { GeocoderUnavailableError } from '../connectors/geocoder_client.js'
import { detailsValidator, followValidator, locateValidator } from '../validators/reports.js'
import FileReport from '../actions/file_report.js'
import FollowReport from '../actions/follow_report.js'
import Report from '../models/report.js'

const DRAFT = 'public_space_draft'
const FILED = 'public_space_filed'

interface Draft {
  categoryId: number
  address: string
  lat: number
  lng: number
}

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
    return ctx.view.render('public_space::new', { groups: await categoryTree(), draft })
  }

  async locate(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(locateValidator)
    const category = await selectableCategory(input.problem)
    if (!category) throw fieldError('problem', ctx.i18n.t('public_space.new.unknown_category'))
    let found
    try {
      found = (await (await geocoder()).search(input.location, 1))[0]
    } catch (error) {
      if (!(error instanceof GeocoderUnavailableError)) throw error
      throw fieldError('location', ctx.i18n.t('public_space.new.geocoder_down'))
    }
    if (!found) throw fieldError('location', ctx.i18n.t('public_space.new.address_unknown'))
    const { boundary } = await readSettings('public_space', publicSpaceSettings)
    const polygon = parsePolygon(boundary)
    if (polygon && !insidePolygon(found, polygon))
      throw fieldError('location', ctx.i18n.t('public_space.new.outside', { address: found.label }))
    ctx.session.put(DRAFT, {
      categoryId: category.id,
      address: found.label,
      lat: found.lat,
      lng: found.lng,
    })
    return ctx.response.redirect().status(303).toPath('/signalements/nouveau/details')
  }

  async details(ctx: HttpContext) {
    const draft = ctx.session.get(DRAFT) as Draft | undefined
    const category = draft ? await selectableCategory(draft.categoryId) : null
    if (!draft || !category) return ctx.response.redirect().toPath('/signalements/nouveau')
    const { duplicateRadius } = await readSettings('public_space', publicSpaceSettings)
    const nearby = await openReportsNear(category.id, draft, duplicateRadius)
    return ctx.view.render('public_space::details', {
      draft,
      category,
      coordinates: formatPoint(draft),
      nearby,
      radius: duplicateRadius,
      user: await this.#user(ctx),
    })
  }

  async store(ctx: HttpContext) {
    const draft = ctx.session.get(DRAFT) as Draft | undefined
    const category = draft ? await selectableCategory(draft.categoryId) : null
    if (!draft || !category) return ctx.response.redirect().toPath('/signalements/nouveau')
    const input = await ctx.request.validateUsing(detailsValidator)
    const user = await this.#user(ctx)
    if (!user && !input.email)
      throw fieldError('email', ctx.i18n.t('public_space.details.email_required'))
    const prepared = await preparePhotos(ctx.request.files('photos'))
    if ('problem' in prepared)
      throw fieldError('photos', ctx.i18n.t(prepared.problem.key, prepared.problem.data))
    const report = await new FileReport().handle({
      category,
      address: draft.address,
      lat: draft.lat,
      lng: draft.lng,
      description: input.description,
      contact: user
        ? {
            name: `${user.firstName} ${user.lastName}`,
            email: user.email,
            phone: user.phone ?? null,
          }
        : { name: input.name ?? null, email: input.email ?? null, phone: input.phone ?? null },
      userId: user?.id ?? null,
      photos: prepared.photos,
    })
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
    const user = await this.#user(ctx)
    const email = user?.email ?? input.email
    if (!email) throw fieldError('email', ctx.i18n.t('public_space.details.email_required'))
    await new FollowReport().handle(report, email)
    ctx.session.forget(DRAFT)
    ctx.session.flash(
      'success_text',
      ctx.i18n.t('public_space.follow.done', { reference: report.reference })
    )
    return ctx.response.redirect().status(303).toPath(`/signalements/${report.id}`)
  }

  async #user(ctx: HttpContext) {
    return (await ctx.auth.use('web').check()) ? ctx.auth.use('web').user! : null
  }
}

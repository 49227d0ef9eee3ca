import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { clock } from '#core/clock'
import { notFoundPage } from '#core/services/not_found'
import Report from '../models/report.js'
import Photo from '../models/photo.js'
import { publicList, publicReport } from '../queries/public_reports.js'
import { parseBoundingBox, publicMarkers } from '../queries/map.js'
import { mapView, staticMapView } from '../services/map_view.js'
import { CONFIRM_PURPOSE } from '../services/links.js'

/**
 * What anyone may read about reports, without any personal data (no name, no
 * contact, no internal note; photos only once an agent accepted them). These
 * pages set no cookie for an anonymous visitor (content pages).
 */
export default class PublicController {
  async index(ctx: HttpContext) {
    const [list, map] = await Promise.all([publicList(ctx.request.qs()), mapView()])
    return ctx.view.render('public_space::index', { ...list, map })
  }

  /** The public map's markers in a box (`?bbox=west,south,east,north`), as GeoJSON: nothing personal. */
  async markers(ctx: HttpContext) {
    const box = parseBoundingBox(ctx.request.input('bbox'))
    if (!box) return ctx.response.badRequest({ error: ctx.i18n.t('public_space.map.bad_bbox') })
    const label = (status: string) => ctx.i18n.t(`public_space.statuses.${status}`)
    return ctx.response.json(await publicMarkers(box, label))
  }

  async show(ctx: HttpContext) {
    const found = await publicReport(Number(ctx.params.id))
    if (!found) return notFoundPage(ctx)
    return ctx.view.render('public_space::show', {
      ...found,
      staticMap: staticMapView(found.report),
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

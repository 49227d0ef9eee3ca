import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { notFoundPage } from '#core/services/not_found'
import { queryString } from '#core/http/query_filters'
import { DECREE_KINDS } from '../models/decree.js'
import { searchValidator } from '../validators/decrees.js'
import {
  currentWorksByStreet,
  latestDecrees,
  publishedDecree,
  searchDecrees,
} from '../queries/public_decrees.js'
import { decreesFeed } from '../services/atom_feed.js'

/**
 * The published register at /arretes, open to anyone without a session or a
 * cookie: search, the works in progress by street, each decree's permanent
 * page, its signed PDF as registered, and the Atom feed.
 */
export default class PublicDecreesController {
  async index(ctx: HttpContext) {
    const [problem, filters] = await searchValidator.tryValidate(ctx.request.qs())
    const applied = problem ? {} : filters!
    const { decrees, next } = await searchDecrees(applied)
    const nextUrl = next ? `/arretes?${queryString({ ...applied, apres: next })}` : null
    const kinds = DECREE_KINDS.filter((kind) => kind !== 'individuel')
    return ctx.view.render('police::decrees/public/index', {
      decrees,
      nextUrl,
      filters: applied,
      invalid: Boolean(problem),
      kinds,
    })
  }

  async works(ctx: HttpContext) {
    const street = String(ctx.request.input('rue') ?? '').slice(0, 120)
    const streets = await currentWorksByStreet(street)
    return ctx.view.render('police::decrees/public/works', { streets, street })
  }

  async show(ctx: HttpContext) {
    const found = await publishedDecree(ctx.params.number)
    if (!found) return notFoundPage(ctx)
    return ctx.view.render('police::decrees/public/show', found)
  }

  /** The signed PDF exactly as registered: its bytes are those the page's SHA-256 describes. */
  async pdf(ctx: HttpContext) {
    const found = await publishedDecree(ctx.params.number)
    if (!found || !(await drive.use().exists(found.decree.storageKey))) return notFoundPage(ctx)
    const { decree } = found
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Length', String(decree.size))
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'public, max-age=3600')
    ctx.response.header('Content-Disposition', `inline; filename="arrete-${decree.number}.pdf"`)
    return ctx.response.stream(await drive.use().getStream(decree.storageKey))
  }

  async feed(ctx: HttpContext) {
    const decrees = await latestDecrees()
    const body = decreesFeed(decrees, {
      title: ctx.i18n.t('police.decrees.feed_title'),
      subtitle: ctx.i18n.t('police.decrees.intro'),
      kind: (decree) => ctx.i18n.t(`police.decrees.kinds.${decree.kind}`),
    })
    ctx.response.header('Content-Type', 'application/atom+xml; charset=utf-8')
    return ctx.response.send(body)
  }
}

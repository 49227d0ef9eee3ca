import type { HttpContext } from '@adonisjs/core/http'
import { agentCan } from '#accounts/abilities'
import { recordAudit } from '#accounts/actions/record_audit'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'
import OtvPassage from '../models/otv_passage.js'
import RecordPassage, { closeAnomaly } from '../actions/record_passage.js'
import { dailyLists } from '../services/patrol_lists.js'
import { patrolOverview, watchedToday } from '../services/patrol_overview.js'
import { closeAnomalyValidator, passageValidator } from '../validators/otv.js'

export const PATROL = 'police.otv.patrol'
export const SERVICE = 'tranquillite_publique'
const BASE = '/agents/police-municipale/tranquillite-vacances'

/**
 * /agents/police-municipale/tranquillite-vacances: the day's lists of homes
 * per sector, their printable version, the patrol's phone page (works
 * without JavaScript) with a passage form per home, the homes behind and
 * the open anomalies. Addresses of empty homes: each list read is audited.
 */
export default class PatrolController {
  async index(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, PATROL, SERVICE)) return notFoundPage(ctx)
    const overview = await patrolOverview()
    await this.#audit(ctx, 'otv.lists', overview.homes)
    return ctx.view.render('police::otv/agents', {
      ...overview,
      today: clock.today().split('-').reverse().join('/'),
      mayManage: await ctx.bouncer.allows(agentCan, 'police.otv.manage', SERVICE),
    })
  }

  async print(ctx: HttpContext) {
    return this.#sectorPage(ctx, 'police::otv/print')
  }

  /** Every sector's list, one A4 sheet each. */
  async printAll(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, PATROL, SERVICE)) return notFoundPage(ctx)
    const sectors = await dailyLists(clock.today())
    await this.#audit(
      ctx,
      'otv.print',
      sectors.reduce((sum, { homes }) => sum + homes.length, 0)
    )
    const today = clock.today().split('-').reverse().join('/')
    return ctx.view.render('police::otv/print', { sectors, today })
  }

  async patrol(ctx: HttpContext) {
    return this.#sectorPage(ctx, 'police::otv/patrol')
  }

  async recordPassage(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, PATROL, SERVICE)) return notFoundPage(ctx)
    const absence = await watchedToday(ctx.params.id)
    if (!absence) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(passageValidator)
    const anomaly = input.anomaly === 'yes'
    await new RecordPassage().handle(ctx.auth.use('agent').getUserOrFail(), absence, {
      remark: input.remark,
      anomaly,
    })
    const address = `${absence.streetNumber} ${absence.street.name}`
    const message = anomaly ? 'police.otv.passage_anomaly' : 'police.otv.passage_recorded'
    ctx.session.flash('success_text', ctx.i18n.t(message, { address }))
    const sector = Number(ctx.request.input('sector')) || 0
    const back = sector ? `${BASE}/secteurs/${sector}/patrouille#foyer-${absence.id}` : BASE
    return ctx.response.redirect().status(303).toPath(back)
  }

  async closeAnomaly(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, PATROL, SERVICE)) return notFoundPage(ctx)
    const passage = await OtvPassage.query()
      .where('id', Number(ctx.params.id) || 0)
      .where('anomaly', true)
      .whereNull('anomalyClosedAt')
      .first()
    if (!passage) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(closeAnomalyValidator)
    await closeAnomaly(passage, input.note)
    ctx.session.flash('success_text', ctx.i18n.t('police.otv.anomaly_closed'))
    return ctx.response.redirect().status(303).toPath(BASE)
  }

  async #sectorPage(ctx: HttpContext, view: string) {
    if (await ctx.bouncer.denies(agentCan, PATROL, SERVICE)) return notFoundPage(ctx)
    const [sector] = await dailyLists(clock.today(), Number(ctx.params.id) || 0)
    if (!sector) return notFoundPage(ctx)
    await this.#audit(ctx, `otv.sector:${sector.id}`, sector.homes.length)
    const today = clock.today().split('-').reverse().join('/')
    return ctx.view.render(view, { sector, sectors: [sector], today })
  }

  async #audit(ctx: HttpContext, detail: string, rows: number) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    await recordAudit(agent, 'list.viewed', null, detail, rows)
  }
}

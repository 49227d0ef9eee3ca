import type { HttpContext } from '@adonisjs/core/http'
import { agentCan } from '#accounts/abilities'
import { recordAudit } from '#accounts/actions/record_audit'
import { notFoundPage } from '#core/services/not_found'
import { readSettings } from '#core/services/settings'
import { clock, CITY_ZONE } from '#core/clock'
import OtvAbsence from '../models/otv_absence.js'
import OtvPassage from '../models/otv_passage.js'
import RecordPassage, { closeAnomaly } from '../actions/record_passage.js'
import { dailyLists, expectedPassages } from '../services/patrol_lists.js'
import { closeAnomalyValidator, passageValidator } from '../validators/otv.js'
import { policeSettings } from '../settings.js'

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
    const today = clock.today()
    const { otvPassagesPerWeek: perWeek } = await readSettings('police', policeSettings)
    const lists = await dailyLists(today)
    const behind = lists.flatMap((sector) =>
      sector.homes
        .filter((home) => home.recentPassages < expectedPassages(home, perWeek, today))
        .map((home) => ({
          sector: sector.name,
          home,
          expected: expectedPassages(home, perWeek, today),
        }))
    )
    const anomalies = await OtvPassage.query()
      .where('anomaly', true)
      .whereNull('anomalyClosedAt')
      .orderBy('passedAt', 'desc')
      .limit(100)
    const absences = await OtvAbsence.query()
      .whereIn('id', anomalies.map((passage) => passage.absenceId).concat(0))
      .preload('street')
    const byId = new Map(absences.map((absence) => [absence.id, absence]))
    await recordAudit(
      ctx.auth.use('agent').getUserOrFail(),
      'list.viewed',
      null,
      'otv.lists',
      lists.reduce((sum, sector) => sum + sector.homes.length, 0)
    )
    return ctx.view.render('police::otv/agents', {
      lists,
      behind,
      perWeek,
      today: today.split('-').reverse().join('/'),
      anomalies: anomalies.map((passage) => ({
        passage,
        absence: byId.get(passage.absenceId)!,
        when: passage.passedAt.setZone(CITY_ZONE).toFormat('dd/MM/yyyy HH:mm'),
      })),
      mayManage: await ctx.bouncer.allows(agentCan, 'police.otv.manage', SERVICE),
    })
  }

  async print(ctx: HttpContext) {
    return this.#sectorPage(ctx, 'police::otv/print')
  }

  async patrol(ctx: HttpContext) {
    return this.#sectorPage(ctx, 'police::otv/patrol')
  }

  async recordPassage(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, PATROL, SERVICE)) return notFoundPage(ctx)
    const absence = await OtvAbsence.find(Number(ctx.params.id) || 0)
    const today = clock.today()
    if (
      !absence ||
      absence.status === 'cancelled' ||
      absence.startsOn > today ||
      absence.endsOn < today
    )
      return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(passageValidator)
    await new RecordPassage().handle(ctx.auth.use('agent').getUserOrFail(), absence, {
      remark: input.remark,
      anomaly: input.anomaly === 'yes',
    })
    ctx.session.flash(
      'success_text',
      ctx.i18n.t(
        input.anomaly === 'yes' ? 'police.otv.passage_anomaly' : 'police.otv.passage_recorded',
        {
          address: `${absence.streetNumber} ${(await absence.related('street').query().first())?.name ?? ''}`,
        }
      )
    )
    const sector = Number(ctx.request.input('sector')) || 0
    return ctx.response
      .redirect()
      .status(303)
      .toPath(sector ? `${BASE}/secteurs/${sector}/patrouille#foyer-${absence.id}` : BASE)
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
    await recordAudit(
      ctx.auth.use('agent').getUserOrFail(),
      'list.viewed',
      null,
      `otv.sector:${sector.id}`,
      sector.homes.length
    )
    return ctx.view.render(view, {
      sector,
      today: clock.today().split('-').reverse().join('/'),
    })
  }
}

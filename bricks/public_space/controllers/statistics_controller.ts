import type { HttpContext } from '@adonisjs/core/http'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { readSettings } from '#core/services/settings'
import { publicSpaceSettings } from '../settings.js'
import { reportStatistics, statisticsPeriod } from '../queries/statistics.js'
import { sendStatisticsCsv } from '../services/statistics_csv.js'

/**
 * /agents/signalements/statistiques: the reports of the agent's services
 * filed within a period, per category and per area, the time to resolve and
 * the reopen rate, as tables (and CSV). Agents of other services get 404
 * like every page of the brick's back office.
 */
export default class StatisticsController {
  async index(ctx: HttpContext) {
    const figures = await this.#figures(ctx)
    const locale = ctx.i18n.locale
    const days = (seconds: number | null) =>
      seconds === null
        ? ctx.i18n.t('public_space.stats.none')
        : ctx.i18n.t('public_space.stats.days', {
            days: (seconds / 86_400).toLocaleString(locale, { maximumFractionDigits: 1 }),
          })
    const { rate } = figures.reopen
    return ctx.view.render('public_space::agents/statistics', {
      ...figures,
      medianText: days(figures.resolution.medianSeconds),
      p90Text: days(figures.resolution.p90Seconds),
      reopenText:
        rate === null
          ? ctx.i18n.t('public_space.stats.none')
          : `${(rate * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} % (${figures.reopen.reopened}/${figures.reopen.everResolved})`,
    })
  }

  async export(ctx: HttpContext) {
    return sendStatisticsCsv(ctx, await this.#figures(ctx))
  }

  async #figures(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const period = statisticsPeriod(ctx.request.qs())
    const { areas } = await readSettings('public_space', publicSpaceSettings)
    return reportStatistics(await agentServiceSlugs(agent), period, areas)
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { readSettings } from '#core/services/settings'
import { publicSpaceSettings } from '../settings.js'
import { reportStatistics, statisticsPeriod } from '../queries/statistics.js'
import { sendStatisticsCsv, statisticsTexts } from '../services/statistics_csv.js'

/**
 * /agents/signalements/statistiques: the reports of the agent's services
 * filed within a period, per category and per area, the time to resolve and
 * the reopen rate, as tables (and CSV). Agents of other services get 404
 * like every page of the brick's back office.
 */
export default class StatisticsController {
  async index(ctx: HttpContext) {
    const figures = await this.#figures(ctx)
    return ctx.view.render('public_space::agents/statistics', {
      ...figures,
      ...statisticsTexts(figures, ctx.i18n),
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

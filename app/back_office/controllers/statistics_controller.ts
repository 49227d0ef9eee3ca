import type { HttpContext } from '@adonisjs/core/http'
import modules from '#core/services/modules'
import { clock } from '#core/clock'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { assertFound } from '#core/http/not_found'
import StatisticsPolicy from '#back_office/policies/statistics_policy'
import { statisticsPeriod } from '#back_office/services/statistics_period'
import { availableSections, statisticsSections } from '#back_office/services/statistics_sections'
import { sendChartCsv, statisticsPage } from '#back_office/services/statistics_page'

/**
 * /agents/statistiques: the figures of the agent's services (every service
 * for admins) over a week, a month, a year or a free period, section by
 * section as the modules declare them; each chart downloads as CSV.
 */
export default class StatisticsController {
  async index(ctx: HttpContext) {
    const context = await this.#context(ctx)
    const choices = availableSections(modules, context.services)
    const only = choices.some(({ item }) => item.key === ctx.request.qs().module)
      ? String(ctx.request.qs().module)
      : undefined
    const sections = await statisticsSections(modules, context, only)
    return ctx.view.render(
      'back_office::statistics/index',
      statisticsPage(ctx, context, sections, choices, only)
    )
  }

  async export(ctx: HttpContext) {
    const context = await this.#context(ctx)
    const { module: section, graphique: key } = ctx.request.qs()
    assertFound(
      availableSections(modules, context.services).some(({ item }) => item.key === section)
    )
    const [found] = await statisticsSections(modules, context, String(section))
    const chart = found?.charts.find((candidate) => candidate.key === key)
    assertFound(chart)
    return sendChartCsv(ctx, String(section), chart, context.period)
  }

  async #context(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const policy = ctx.bouncer.with(StatisticsPolicy)
    assertFound(await policy.allows('view'))
    return {
      services: agent.isAdmin ? null : await agentServiceSlugs(agent),
      period: statisticsPeriod(ctx.request.qs(), ctx.i18n.locale),
      now: clock.now(),
      t: (key: string, data?: Record<string, unknown>) => ctx.i18n.t(key, data),
      locale: ctx.i18n.locale,
    }
  }
}

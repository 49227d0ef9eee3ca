import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { notFoundPage } from '#core/services/not_found'
import { agentCan } from '#accounts/abilities'
import Demand from '#demands/models/demand'
import Decree from '../models/decree.js'
import GenerateRequestDecree from '../actions/generate_request_decree.js'
import { STREET_DECREE_REQUEST } from '../procedures/street_decree_request.js'
import { MANAGE_DECREES } from './decrees_controller.js'

/**
 * Street-occupation requests (demande d'arrêté de voirie) once accepted in
 * the inbox: the agent generates each one's individual decree here; the
 * resident opens theirs from their space.
 */
export default class DecreeRequestsController {
  async index(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_DECREES, 'tranquillite_publique'))
      return notFoundPage(ctx)
    const demands = await Demand.query()
      .where('procedure_key', STREET_DECREE_REQUEST)
      .where('state', 'accepted')
      .whereNotExists((query) =>
        query.from('police_decrees').whereRaw('police_decrees.demand_id = demands.id')
      )
      .orderBy('id')
      .limit(100)
    const done = await Decree.query().whereNotNull('demand_id').orderBy('number', 'desc').limit(30)
    return ctx.view.render('police::decrees/agents/requests', { demands, done })
  }

  async generate(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE_DECREES, 'tranquillite_publique'))
      return notFoundPage(ctx)
    const agent = ctx.auth.use('agent').getUserOrFail()
    const outcome = await new GenerateRequestDecree().handle(Number(ctx.params.id), {
      id: agent.id,
      name: agent.fullName,
    })
    if ('refused' in outcome) return notFoundPage(ctx)
    ctx.session.flash('success', 'police.decrees.request.generated')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/police-municipale/arretes/${outcome.decree.id}`)
  }

  /** A resident's own individual decree, as registered (never anyone else's). */
  async mine(ctx: HttpContext) {
    const user = ctx.auth.use('web').getUserOrFail()
    const decree = await Decree.query()
      .where('number', ctx.params.number)
      .where('resident_id', user.id)
      .whereNotNull('notified_at')
      .first()
    if (!decree || !(await drive.use().exists(decree.storageKey))) return notFoundPage(ctx)
    ctx.response.header('Content-Type', 'application/pdf')
    ctx.response.header('Content-Length', String(decree.size))
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'private, no-store')
    ctx.response.header('Content-Disposition', `attachment; filename="arrete-${decree.number}.pdf"`)
    return ctx.response.stream(await drive.use().getStream(decree.storageKey))
  }
}

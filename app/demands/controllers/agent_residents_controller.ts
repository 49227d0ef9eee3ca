import type { HttpContext } from '@adonisjs/core/http'
import { decodeCursor } from '#accounts/resident_space'
import OpenResidentRecord from '#demands/actions/open_resident_record'
import { residentRecordView } from '#demands/services/resident_record_view'
import { found } from '#core/http/not_found'

/**
 * /agents/usagers/:id: an agent's 360° view of a resident, reached from the
 * counter search. A resident who has nothing to do with the agent's services
 * is "not found", like any demand of another service.
 */
export default class AgentResidentsController {
  async show({ view, auth, params, request, i18n }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    const kind = typeof request.input('type') === 'string' ? request.input('type') : null
    const before = decodeCursor(request.input('avant'))
    const t = (key: string, data?: Record<string, unknown>) => i18n.t(key, data)
    const record = found(
      await new OpenResidentRecord().handle(agent, { residentId: params.id, kind, before, t })
    )
    return view.render('demands::agent_resident', residentRecordView(record, Boolean(before)))
  }
}

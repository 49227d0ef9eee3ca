import type { HttpContext } from '@adonisjs/core/http'
import { findOwnDemand } from '#demands/policies/demand_access'
import { found } from '#core/http/not_found'
import { findProcedure, workflowOf } from '#demands/procedures/registry'
import { stateOf } from '#workflow/define_workflow'
import { decisionLetterPdf, formatEuros } from '../services/decision_letter.js'
import { decisionOf, residentAidRequests } from '../queries/aid_requests.js'
import { AID_PROCEDURE } from '../procedures/aid_request.js'

/** /solidarites/aides: the resident's aid requests, how to file one, and their decision letters. */
export default class AidController {
  async index({ view, auth, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const workflow = workflowOf(findProcedure(AID_PROCEDURE)!)
    const requests = (await residentAidRequests(user.id)).map(({ demand, decision }) => ({
      demand,
      status: i18n.t(stateOf(workflow, demand.state).residentLabel),
      decided: Boolean(decision?.outcome),
      amount: decision?.amountCents ? formatEuros(decision.amountCents) : null,
    }))
    return view.render('social::aid/index', { requests, filePath: `/demarches/${AID_PROCEDURE}` })
  }

  /** The decision letter of the resident's own decided request. */
  async letter({ auth, params, response, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const demand = found(await findOwnDemand(user, params.id))
    const decision = found(
      demand.procedureKey === AID_PROCEDURE ? await decisionOf(demand.id) : null
    )
    found(decision.outcome)
    const pdf = await decisionLetterPdf(demand, decision, i18n)
    return response
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="decision-${demand.reference}.pdf"`)
      .send(pdf)
  }
}

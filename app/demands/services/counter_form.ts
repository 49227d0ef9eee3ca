import type { I18n } from '@adonisjs/i18n'
import type User from '#accounts/models/user'
import type Agent from '#accounts/models/agent'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { routeUrl } from '#core/http/route_url'
import Demand from '#demands/models/demand'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { stepView } from '#demands/services/step_view'
import { counterProcedures } from '#demands/services/filing_catalogue'

/** The procedures an agent may file at the counter, as the start page offers them. */
export async function counterProcedureChoices(agent: Agent, i18n: I18n) {
  return counterProcedures(await agentServiceSlugs(agent)).map((procedure) => ({
    key: procedure.key,
    title: i18n.t(procedure.title),
  }))
}

/** Where the counter form posts: the procedure, and the resident filed for (if any). */
export function counterStoreUrl(procedure: ProcedureDefinition, resident: User | null) {
  return routeUrl('agent_demands.counter.store', { key: procedure.key }, { usager: resident?.id })
}

/** Every step of a procedure on one page, for an agent filing at the counter (for a resident or for someone without an account). */
export async function counterSteps(
  procedure: ProcedureDefinition,
  resident: User | null,
  i18n: I18n,
  old: Record<string, unknown>
) {
  const transient = new Demand()
  transient.answers = {}
  const steps = []
  for (let index = 0; index < procedure.steps.length; index++) {
    const form = await stepView({
      procedure,
      demand: transient,
      stepIndex: index,
      user: resident,
      i18n,
      oldInput: Object.keys(old).length ? old : null,
      householdOwnerId: resident?.id,
    })
    // Agents see every question: the ones that apply are kept on save.
    steps.push({
      title: i18n.t(form.step.title),
      fields: form.fields.map((field) => ({ ...field, visible: true })),
    })
  }
  return steps
}

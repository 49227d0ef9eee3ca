import type { I18n } from '@adonisjs/i18n'
import type User from '#accounts/models/user'
import Demand from '#demands/models/demand'
import type { ProcedureDefinition } from '#demands/procedures/define_procedure'
import { stepView } from '#demands/services/step_view'

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

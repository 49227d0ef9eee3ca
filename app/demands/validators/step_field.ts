import type { I18n } from '@adonisjs/i18n'
import { errors } from '@vinejs/vine'
import type { FieldDefinition, StepDefinition } from '#demands/procedures/define_procedure'
import { stepValidator } from '#demands/procedures/step_validator'
import { ProcedureMessages } from '#demands/procedures/messages'

/**
 * The inline check htmx asks for: one field validated with its step's own
 * rules (conditions read the draft's answers and what was typed), its first
 * message or null.
 */
export async function stepFieldMessage(
  step: StepDefinition,
  field: FieldDefinition,
  answers: Record<string, unknown>,
  input: Record<string, unknown>,
  i18n: I18n
) {
  try {
    await stepValidator({ ...step, fields: [field] }, { ...answers, ...input }, {}).validate(
      input,
      { messagesProvider: new ProcedureMessages(i18n, step) }
    )
    return null
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    return (error.messages as { message: string }[])[0]?.message ?? null
  }
}

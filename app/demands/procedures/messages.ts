import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import type { StepDefinition } from '#demands/procedures/define_procedure'

/**
 * Validation messages of a procedure's step: the shared French (or English)
 * messages, naming each field by its label rather than its technical name.
 */
export class ProcedureMessages implements MessagesProviderContact {
  #labels: Record<string, string>

  constructor(
    private i18n: I18n,
    step: StepDefinition
  ) {
    this.#labels = Object.fromEntries(step.fields.map((field) => [field.name, i18n.t(field.label)]))
  }

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    meta?: Record<string, any>
  ) {
    const root = String(field.wildCardPath).split('.')[0]
    const label = this.#labels[root] ?? this.#labels[field.name as string] ?? String(field.name)
    const nested =
      field.wildCardPath !== root
        ? `validator.procedure.${field.wildCardPath.replace(root, 'address')}.${rule}`
        : null
    if (nested && this.i18n.hasMessage(nested))
      return this.i18n.t(nested, { field: label, ...meta })
    const key = `validator.shared.messages.${rule}`
    return this.i18n.hasMessage(key) ? this.i18n.t(key, { field: label, ...meta }) : defaultMessage
  }
}

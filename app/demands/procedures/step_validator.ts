import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { FieldDefinition, StepDefinition } from '#demands/procedures/define_procedure'
import { visibleFields } from '#demands/procedures/define_procedure'
import { clock } from '#core/clock'
import { multiLineText, NUMBER_INPUT_MAXLENGTH, singleLineText } from '#core/services/validation'

export interface StepContext {
  /** ids of the filer's household members, for household_member fields */
  householdMemberIds?: number[]
  today?: DateTime
}

const PHONE = /^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/
const POSTAL_CODE = /^\d{5}$/
const asArray = (value: unknown) =>
  value === undefined || value === null || value === '' || Array.isArray(value) ? value : [value]

/** Lengths of the parts of an address field. */
export const ADDRESS_LIMITS = { line: 200, complement: 200, postalCode: 5, city: 100 } as const

/**
 * How many characters the text box of a field takes: the server refuses more
 * and the form's input says the same (maxlength). Null for fields that are
 * not typed in a text box.
 */
export function fieldMaxLength(field: FieldDefinition): number | null {
  switch (field.type) {
    case 'text':
      return field.maxLength ?? 200
    case 'long_text':
      return field.maxLength ?? 5000
    case 'email':
      return 254
    case 'phone':
      return 20
    case 'number':
      return NUMBER_INPUT_MAXLENGTH
    default:
      return null
  }
}

/** The VineJS schema of one field; undefined for files, which are checked on upload (content sniffed). */
function fieldSchema(field: FieldDefinition, context: StepContext) {
  const today = (context.today ?? clock.local()).toISODate()!
  const values = (field.choices ?? []).map((choice) => choice.value)
  const optional = <T extends { optional(): unknown }>(schema: T) =>
    field.required ? schema : schema.optional()

  switch (field.type) {
    case 'text':
      return optional(singleLineText(fieldMaxLength(field)!).minLength(1))
    case 'long_text':
      return optional(multiLineText(fieldMaxLength(field)!).minLength(1))
    case 'email':
      return optional(vine.string().trim().maxLength(fieldMaxLength(field)!).email())
    case 'phone':
      return optional(vine.string().trim().maxLength(fieldMaxLength(field)!).regex(PHONE))
    case 'number': {
      let schema = vine.number()
      if (field.integer) schema = schema.withoutDecimals()
      if (field.min !== undefined) schema = schema.min(field.min)
      if (field.max !== undefined) schema = schema.max(field.max)
      return optional(schema)
    }
    case 'date': {
      let schema = vine.date({ formats: ['YYYY-MM-DD'] })
      if (field.past) schema = schema.beforeOrEqual(today)
      if (field.future) schema = schema.afterOrEqual(today)
      return optional(schema)
    }
    case 'select':
    case 'radio':
      return optional(vine.enum(values))
    case 'checkboxes': {
      const schema = vine.array(vine.enum(values)).parse(asArray).distinct()
      return field.required ? schema.minLength(1) : schema.optional()
    }
    case 'yes_no':
      return optional(vine.enum(['yes', 'no']))
    case 'address':
      return optional(
        vine.object({
          line: singleLineText(ADDRESS_LIMITS.line),
          complement: singleLineText(ADDRESS_LIMITS.complement).optional(),
          postalCode: vine.string().trim().maxLength(ADDRESS_LIMITS.postalCode).regex(POSTAL_CODE),
          city: singleLineText(ADDRESS_LIMITS.city),
        })
      )
    case 'household_member':
      return optional(vine.number().in(context.householdMemberIds ?? []))
    case 'consent':
      return field.required ? vine.accepted().transform(() => true) : vine.boolean().optional()
    case 'file':
      return undefined
  }
}

/**
 * The validator of one step, generated from the definition: only the fields
 * shown for these answers are validated and kept, so the value of a hidden
 * conditional field is dropped rather than stored.
 *
 * `answers` are the answers of the earlier steps merged with this step's
 * input, since a condition may look at either.
 */
export function stepValidator(
  step: StepDefinition,
  answers: Record<string, unknown>,
  context: StepContext = {}
) {
  const shape: Record<string, any> = {}
  for (const field of visibleFields(step, answers)) {
    const schema = fieldSchema(field, context)
    if (schema) shape[field.name] = schema
  }
  return vine.compile(vine.object(shape))
}

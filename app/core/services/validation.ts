import vine from '@vinejs/vine'
import type { VineValidator } from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'

/**
 * Ids chosen in a list (a select, checkboxes) must be rows that exist: a
 * forged or stale value gets "choose one of the values offered" next to the
 * field, never a foreign-key error from the database (PostgreSQL refuses it,
 * SQLite would keep it).
 */
export const knownIds = vine.createRule(
  async (value: unknown, options: { table: string; column?: string }, field) => {
    if (!field.isValid) return
    const ids = [
      ...new Set(
        (Array.isArray(value) ? value : [value]).map((item) =>
          options.column ? String(item) : Number(item)
        )
      ),
    ]
    // Values that are not ids at all are reported by the rules of the items (a number…).
    if (ids.length === 0 || ids.some((id) => typeof id === 'number' && !Number.isSafeInteger(id)))
      return
    const [{ total }] = await db
      .from(options.table)
      .whereIn(options.column ?? 'id', ids)
      .count('* as total')
    if (Number(total) !== ids.length)
      field.report('Choose one of the values offered', 'enum', field)
  },
  { isAsync: true }
)

/** The maxlength of a text box holding a number: longer is no number a form here takes. */
export const NUMBER_INPUT_MAXLENGTH = 12

/** Tabs and line breaks, which a one-line box cannot hold: a forged request's become spaces. */
function oneLine(value: unknown) {
  return typeof value === 'string' ? value.replace(/[\t\r\n]+/g, ' ') : value
}

/** A one-line text (a name, a subject, a city), trimmed, at most `maxLength` characters. */
export function singleLineText(maxLength: number) {
  return vine.string().parse(oneLine).trim().maxLength(maxLength)
}

/** A text of several lines (a message, a description), trimmed, at most `maxLength` characters. */
export function multiLineText(maxLength: number) {
  return vine.string().trim().maxLength(maxLength)
}

type Compiled = VineValidator<any, any>
type SchemaNode = {
  type: string
  subtype?: string
  fieldName: string
  properties?: SchemaNode[]
  validations?: { name?: string; ruleFnId: string }[]
}
type Refs = Record<string, { options?: { max?: number } }>
const limitsCache = new WeakMap<object, Record<string, number>>()

/**
 * The maxlength of each text box of a form, read from its validator: the
 * `maxLength` rule of each string field (dotted names for nested objects:
 * "address.line"), NUMBER_INPUT_MAXLENGTH for numbers. Views put these in
 * the inputs' maxlength, so the browser and the server stop at the same
 * number, declared once.
 */
export function maxLengths(...validators: Compiled[]): Record<string, number> {
  const limits: Record<string, number> = {}
  for (const validator of validators) {
    let own = limitsCache.get(validator)
    if (!own) {
      own = {}
      const { schema, refs } = validator.toJSON() as unknown as {
        schema: { schema: SchemaNode }
        refs: Refs
      }
      collect(schema.schema, '', refs, own)
      limitsCache.set(validator, own)
    }
    Object.assign(limits, own)
  }
  return limits
}

function collect(node: SchemaNode, path: string, refs: Refs, limits: Record<string, number>) {
  if (node.type === 'object') {
    for (const property of node.properties ?? [])
      collect(property, path ? `${path}.${property.fieldName}` : property.fieldName, refs, limits)
    return
  }
  if (node.type !== 'literal') return
  const rule = node.validations?.find((validation) => validation.name === 'maxLength')
  const max = rule ? refs[rule.ruleFnId]?.options?.max : undefined
  if (typeof max === 'number') limits[path] = max
  else if (node.subtype === 'number') limits[path] = NUMBER_INPUT_MAXLENGTH
}

const forms = new Map<string, Compiled>()

/**
 * Names the validator of a form, so that its page can give each text box the
 * maxlength the validator declares (`limits('<name>')` in views). Returns the
 * validator itself.
 */
export function formValidator<T extends Compiled>(name: string, validator: T): T {
  forms.set(name, validator)
  return validator
}

/** The maxlength of each text box of the named form(s), from their validators (see formValidator). */
export function formLimits(...names: string[]): Record<string, number> {
  return maxLengths(
    ...names.map((name) => {
      const validator = forms.get(name)
      if (!validator) throw new Error(`No form validator is named "${name}" (formValidator)`)
      return validator
    })
  )
}

import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { CatalogueCategory } from '#core/modules/catalogue_categories'

/**
 * A procedure (démarche) is declared once, by the core or a brick, and the
 * same definition validates each step, renders the form, the review page,
 * the receipt and the agent's view.
 */

export type FieldType =
  | 'text'
  | 'long_text'
  | 'email'
  | 'phone'
  | 'number'
  | 'date'
  | 'select'
  | 'radio'
  | 'checkboxes'
  | 'yes_no'
  | 'address'
  | 'file'
  | 'household_member'
  | 'consent'

/** Shown only when another field of the procedure has one of these values (or any value). */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; notEquals: string | number | boolean }
  | { field: string; in: (string | number)[] }
  | { field: string; filled: true }

export interface Choice {
  value: string
  /** i18n key */
  label: string
}

export type PrefillSource =
  | 'profile.firstName'
  | 'profile.lastName'
  | 'profile.email'
  | 'profile.phone'
  | 'profile.birthDate'
  | 'profile.address'

export interface FieldDefinition {
  name: string
  type: FieldType
  /** i18n key */
  label: string
  /** i18n key */
  hint?: string
  required?: boolean
  showWhen?: Condition
  prefill?: PrefillSource
  /** select, radio, checkboxes */
  choices?: Choice[]
  /** number */
  min?: number
  max?: number
  integer?: boolean
  /** text and long_text */
  maxLength?: number
  /** date: must be in the past / in the future */
  past?: boolean
  future?: boolean
  /** file: allowed kinds (sniffed from the content), size per file, number of files */
  accept?: SniffedKind[]
  maxSizeMb?: number
  maxFiles?: number
  /** household_member: only children or only adults */
  memberKind?: 'adult' | 'child'
}

export type SniffedKind = 'pdf' | 'jpeg' | 'png' | 'webp'

export interface StepDefinition {
  key: string
  /** i18n key */
  title: string
  fields: FieldDefinition[]
  /**
   * A check of the step's answers once they are valid, before they are saved
   * (an address looked up in an outside base…). `errors`: field name → a
   * reason written like a refusal's (`module.key?name=value`), shown next to
   * the field; nothing is saved then. `answers`: this step's values put
   * right (the name as the base writes it), saved instead of what was typed.
   */
  check?: (answers: Record<string, unknown>) => Promise<StepCheck | void> | StepCheck | void
}

export interface ReceiptLink {
  label: string
  url: string
}

export interface StepCheck {
  errors?: Record<string, string>
  answers?: Record<string, unknown>
}

export type Filer = 'anyone' | 'resident' | 'agent'

export interface ProcedureDefinition {
  /** URL segment: /demarches/<key> */
  key: string
  /** i18n keys */
  title: string
  summary: string
  /** the catalogue heading it is listed under */
  category: CatalogueCategory
  /** words residents may search the catalogue with (i18n key of a comma-separated list) */
  keywords?: string
  /** slug of the service that processes it */
  service: string
  /** anyone with an e-mail, a logged-in resident, or agents only (counter) */
  filer: Filer
  steps: StepDefinition[]
  /** name of a workflow; the default one when absent */
  workflow?: string
  /** answer expected within this many working days (the default of its setting, see procedure_settings) */
  slaDays: number
  /** data kept this many months after closing (the default of its setting) */
  retentionMonths: number
  /**
   * Its demands are confidential even when its service is not: only the
   * service's agents see them, and every opening is audited (see
   * #accounts/services/confidentiality).
   */
  confidential?: boolean
  /** filing needs a session that came from FranceConnect, whatever the setting says */
  franceConnect?: boolean
  /**
   * The published version of a procedure built in the back office (absent
   * for coded ones and previews): demands record it, and read, export and
   * validate with that version's definition.
   */
  version?: number
  hooks?: {
    /** Runs in the submission's transaction: any query goes through `client` (SQLite has a single connection). */
    beforeSubmit?: (
      answers: Record<string, unknown>,
      context: { client: TransactionClientContract }
    ) => Promise<string[] | void> | string[] | void
    /**
     * Runs in the submission's transaction, once the demand is written: what
     * it records stands or falls with the demand (a failure refuses the
     * submission and writes nothing). Queries go through `client`.
     */
    afterSubmit?: (
      demand: {
        id: number
        reference: string
        userId: number | null
        answers: Record<string, unknown>
      },
      context: { client: TransactionClientContract }
    ) => Promise<void> | void
    /**
     * A link the receipt mail adds (a signed link to manage what was filed
     * without an account…): `label` an i18n key, `url` absolute. Called by
     * the mail job (no HTTP routes there: build URLs from patterns).
     */
    receiptLink?: (demand: {
      id: number
      reference: string
      userId: number | null
    }) => Promise<ReceiptLink | null> | ReceiptLink | null
  }
}

/**
 * What an admin may set a procedure's processing time to, in working days.
 * At least one: a due date at the moment of filing makes every demand late
 * on arrival. At most 250, about a year of working days: French
 * administrative deadlines run to a few months (two, when silence means
 * acceptance), so more is a typo.
 */
// The help texts (demands.settings.* in lang/) state both ranges.
export const SLA_DAYS = { min: 1, max: 250 } as const

/**
 * How long closed demands may be kept, in months. At least one, so the
 * resident can still read the answer the night after closing. At most 120
 * (ten years): the retention periods the CNIL sets for local authorities'
 * case files stay within it; what must be kept longer goes to the city's
 * archives, not to the portal.
 */
export const RETENTION_MONTHS = { min: 1, max: 120 } as const

function within(value: number, range: { min: number; max: number }) {
  return Number.isInteger(value) && value >= range.min && value <= range.max
}

const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/
const CHOICE_TYPES: FieldType[] = ['select', 'radio', 'checkboxes']

/**
 * Declares a procedure and checks it once, at load time: a typo in a
 * condition or a missing list of choices fails the boot, not a resident's
 * submission.
 */
export function defineProcedure<T extends ProcedureDefinition>(definition: T): T {
  const where = `Procedure "${definition.key}"`
  if (!KEY_PATTERN.test(definition.key))
    throw new Error(`${where}: the key must be lower-case words joined by dashes`)
  if (definition.steps.length === 0) throw new Error(`${where} has no step`)
  // The code's values are the settings' defaults: an admin can always set them back.
  if (!within(definition.slaDays, SLA_DAYS))
    throw new Error(
      `${where}: slaDays must be a whole number from ${SLA_DAYS.min} to ${SLA_DAYS.max}`
    )
  if (!within(definition.retentionMonths, RETENTION_MONTHS))
    throw new Error(
      `${where}: retentionMonths must be a whole number from ${RETENTION_MONTHS.min} to ${RETENTION_MONTHS.max}`
    )

  const seen = new Map<string, FieldDefinition>()
  for (const step of definition.steps) {
    if (step.fields.length === 0) throw new Error(`${where}: step "${step.key}" has no field`)
    for (const field of step.fields) {
      if (!NAME_PATTERN.test(field.name))
        throw new Error(`${where}: field name "${field.name}" is not an identifier`)
      if (seen.has(field.name)) throw new Error(`${where}: field "${field.name}" is declared twice`)
      if (CHOICE_TYPES.includes(field.type) && !field.choices?.length) {
        throw new Error(`${where}: field "${field.name}" needs choices`)
      }
      if (field.showWhen) {
        // `seen` holds the fields of earlier steps and those before this one in its step.
        if (!seen.has(field.showWhen.field)) {
          throw new Error(
            `${where}: field "${field.name}" depends on "${field.showWhen.field}", which is not an earlier field`
          )
        }
      }
      seen.set(field.name, field)
    }
  }
  return Object.freeze(definition)
}

/** Whether a field is shown, given the answers so far (of this and earlier steps). */
export function isVisible(field: FieldDefinition, answers: Record<string, unknown>): boolean {
  const condition = field.showWhen
  if (!condition) return true
  const value = answers[condition.field]
  if ('equals' in condition) return normalize(value) === normalize(condition.equals)
  if ('notEquals' in condition) return normalize(value) !== normalize(condition.notEquals)
  if ('in' in condition) {
    const values = Array.isArray(value) ? value.map(normalize) : [normalize(value)]
    return condition.in.map(normalize).some((expected) => values.includes(expected))
  }
  return (
    value !== undefined &&
    value !== null &&
    value !== '' &&
    !(Array.isArray(value) && value.length === 0)
  )
}

function normalize(value: unknown) {
  if (value === true || value === 'true' || value === 'yes' || value === 'oui') return 'true'
  if (value === false || value === 'false' || value === 'no' || value === 'non') return 'false'
  return value === undefined || value === null ? '' : String(value)
}

/** The fields of a step that apply to these answers, in order. */
export function visibleFields(step: StepDefinition, answers: Record<string, unknown>) {
  return step.fields.filter((field) => isVisible(field, answers))
}

import vine from '@vinejs/vine'
import { CATALOGUE_CATEGORIES } from '#core/modules/catalogue_categories'
import { RETENTION_MONTHS, SLA_DAYS } from '#demands/procedures/define_procedure'
import {
  BUILT_ACTORS,
  FIELD_TYPES,
  FILE_KINDS,
  FILERS,
  MAX_FILE_SIZE_MB,
  MAX_FILES,
  OPERATORS,
  PREFILL_SOURCES,
} from '#demands/procedures/built/document'
import { formValidator, knownIds, multiLineText, singleLineText } from '#core/services/validation'

/* The builder's forms, one thing edited at a time. */

const label = () => singleLineText(200).minLength(1)
const optionalLabel = () => singleLineText(200).optional()
const asArray = (value: unknown) =>
  value === undefined || value === null || value === '' || Array.isArray(value) ? value : [value]

const general = {
  titleFr: label(),
  titleEn: optionalLabel(),
  summaryFr: multiLineText(500).minLength(1),
  summaryEn: multiLineText(500).optional(),
  category: vine.enum(CATALOGUE_CATEGORIES),
  keywordsFr: singleLineText(300).optional(),
  keywordsEn: singleLineText(300).optional(),
  service: singleLineText(60)
    .minLength(1)
    .use(knownIds({ table: 'services', column: 'slug' })),
  filer: vine.enum(FILERS),
  slaDays: vine.number().withoutDecimals().range([SLA_DAYS.min, SLA_DAYS.max]),
  retentionMonths: vine
    .number()
    .withoutDecimals()
    .range([RETENTION_MONTHS.min, RETENTION_MONTHS.max]),
}

export const newProcedureValidator = formValidator(
  'back_office.procedure_new',
  vine.compile(
    vine.object({
      key: vine
        .string()
        .trim()
        .toLowerCase()
        .maxLength(60)
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
      ...general,
    })
  )
)

export const procedureGeneralValidator = formValidator(
  'back_office.procedure_general',
  vine.compile(vine.object(general))
)

export const procedureStepValidator = formValidator(
  'back_office.procedure_step',
  vine.compile(vine.object({ titleFr: label(), titleEn: optionalLabel() }))
)

export const newFieldValidator = formValidator(
  'back_office.procedure_new_field',
  vine.compile(vine.object({ label: label(), type: vine.enum(FIELD_TYPES) }))
)

export const procedureFieldValidator = formValidator(
  'back_office.procedure_field',
  vine.compile(
    vine.object({
      labelFr: label(),
      labelEn: optionalLabel(),
      hintFr: singleLineText(300).optional(),
      hintEn: singleLineText(300).optional(),
      required: vine.boolean().optional(),
      prefill: vine.enum(['', ...PREFILL_SOURCES]).optional(),
      choices: multiLineText(3000).optional(),
      min: vine.number().optional(),
      max: vine.number().optional(),
      maxLength: vine.number().withoutDecimals().range([1, 5000]).optional(),
      accept: vine.array(vine.enum(FILE_KINDS)).parse(asArray).distinct().optional(),
      maxSizeMb: vine.number().withoutDecimals().range([1, MAX_FILE_SIZE_MB]).optional(),
      maxFiles: vine.number().withoutDecimals().range([1, MAX_FILES]).optional(),
      memberKind: vine.enum(['', 'adult', 'child']).optional(),
      // the name of an earlier field (checked against the draft by the controller)
      conditionField: vine
        .string()
        .trim()
        .maxLength(40)
        .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/)
        .optional(),
      conditionOperator: vine.enum(OPERATORS).optional(),
      conditionValue: singleLineText(100).optional(),
    })
  )
)

const workflowKey = () =>
  vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^[a-z][a-z0-9_]*$/)

export const workflowChoiceValidator = formValidator(
  'back_office.procedure_workflow',
  vine.compile(vine.object({ mode: vine.enum(['default', 'custom']) }))
)

export const workflowStateValidator = formValidator(
  'back_office.procedure_workflow_state',
  vine.compile(
    vine.object({
      labelFr: label(),
      labelEn: optionalLabel(),
      closed: vine.boolean().optional(),
      initial: vine.boolean().optional(),
    })
  )
)

export const workflowTransitionValidator = formValidator(
  'back_office.procedure_workflow_transition',
  vine.compile(
    vine.object({
      labelFr: label(),
      labelEn: optionalLabel(),
      // states of the draft's workflow (checked against it by the controller)
      fromStates: vine.array(workflowKey()).parse(asArray).distinct().minLength(1),
      toState: workflowKey(),
      actor: vine.enum(BUILT_ACTORS),
      notifyResident: vine.boolean().optional(),
      commentRequired: vine.boolean().optional(),
      commentVisibleToResident: vine.boolean().optional(),
    })
  )
)

import {
  DOCUMENT_FORMAT,
  type BuiltField,
  type BuiltStep,
  type ProcedureDocument,
  type Text,
} from '#demands/procedures/built/document'
import type { FieldType } from '#demands/procedures/define_procedure'

/*
 * The edits the builder makes to a procedure's draft, one at a time, as
 * pure functions of the document: the controller validates what was typed,
 * the action stores the result and audits it.
 */

/** Lower-case ASCII words of a label, joined by `joiner` (a field name, a step key, a choice value). */
export function slug(phrase: string, joiner: '_' | '-', max = 40) {
  const words = phrase
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  let joined = words
    .join(joiner)
    .slice(0, max)
    .replace(/[-_]+$/, '')
  if (!/^[a-z]/.test(joined)) joined = `c${joiner}${joined}`.slice(0, max)
  return joined || 'champ'
}

function unique(base: string, taken: Set<string>, joiner: string, max = 40) {
  if (!taken.has(base)) return base
  for (let index = 2; ; index++) {
    const candidate = `${base.slice(0, max - String(index).length - 1)}${joiner}${index}`
    if (!taken.has(candidate)) return candidate
  }
}

export function text(fr: string, en?: string | null): Text {
  return en?.trim() ? { fr: fr.trim(), en: en.trim() } : { fr: fr.trim() }
}

export function newDocument(general: GeneralInput): ProcedureDocument {
  const empty = { format: DOCUMENT_FORMAT, key: general.key!, steps: [] }
  return applyGeneral(empty as unknown as ProcedureDocument, general)
}

export interface GeneralInput {
  key?: string
  titleFr: string
  titleEn?: string | null
  summaryFr: string
  summaryEn?: string | null
  category: ProcedureDocument['category']
  keywordsFr?: string | null
  keywordsEn?: string | null
  service: string
  filer: ProcedureDocument['filer']
  slaDays: number
  retentionMonths: number
}

export function applyGeneral(document: ProcedureDocument, input: GeneralInput): ProcedureDocument {
  return {
    ...document,
    title: text(input.titleFr, input.titleEn),
    summary: text(input.summaryFr, input.summaryEn),
    category: input.category,
    keywords: input.keywordsFr?.trim() ? text(input.keywordsFr, input.keywordsEn) : undefined,
    service: input.service,
    filer: input.filer,
    slaDays: input.slaDays,
    retentionMonths: input.retentionMonths,
  }
}

export function addStep(document: ProcedureDocument, title: Text): ProcedureDocument {
  const key = unique(slug(title.fr, '-'), new Set(document.steps.map((step) => step.key)), '-')
  return { ...document, steps: [...document.steps, { key, title, fields: [] }] }
}

export function renameStep(document: ProcedureDocument, stepKey: string, title: Text) {
  return {
    ...document,
    steps: document.steps.map((step) => (step.key === stepKey ? { ...step, title } : step)),
  }
}

/** Removes a step and its fields (conditions on them are left for the checks to name). */
export function removeStep(document: ProcedureDocument, stepKey: string) {
  return { ...document, steps: document.steps.filter((step) => step.key !== stepKey) }
}

export function fieldNames(document: ProcedureDocument) {
  return document.steps.flatMap((step) => step.fields.map((field) => field.name))
}

export function findField(document: ProcedureDocument, name: string) {
  for (const [stepIndex, step] of document.steps.entries()) {
    const index = step.fields.findIndex((field) => field.name === name)
    if (index >= 0) return { step, stepIndex, index, field: step.fields[index] }
  }
  return null
}

/** The fields a field's condition may look at: those before it, in its step and earlier ones. */
export function earlierFields(document: ProcedureDocument, name: string) {
  const earlier: BuiltField[] = []
  for (const step of document.steps) {
    for (const field of step.fields) {
      if (field.name === name) return earlier
      earlier.push(field)
    }
  }
  return earlier
}

const CHOICE_TYPES: FieldType[] = ['select', 'radio', 'checkboxes']

/** A new field at the end of a step, named after its label; choices get two to start with. */
export function addField(
  document: ProcedureDocument,
  stepKey: string,
  input: { label: Text; type: FieldType }
): { document: ProcedureDocument; name: string } {
  const name = unique(slug(input.label.fr, '_'), new Set(fieldNames(document)), '_')
  const field: BuiltField = { name, type: input.type, label: input.label, required: false }
  if (CHOICE_TYPES.includes(input.type))
    field.choices = [
      { value: 'choix-1', label: { fr: 'Choix 1' } },
      { value: 'choix-2', label: { fr: 'Choix 2' } },
    ]
  if (input.type === 'file') Object.assign(field, { accept: ['pdf', 'jpeg', 'png'], maxFiles: 1 })
  return {
    name,
    document: {
      ...document,
      steps: document.steps.map((step) =>
        step.key === stepKey ? { ...step, fields: [...step.fields, field] } : step
      ),
    },
  }
}

export function replaceField(document: ProcedureDocument, name: string, field: BuiltField) {
  return mapSteps(document, (step) => ({
    ...step,
    fields: step.fields.map((candidate) => (candidate.name === name ? field : candidate)),
  }))
}

/** Removes a field; a condition that named it stays, so publishing says which one to fix. */
export function removeField(document: ProcedureDocument, name: string) {
  return mapSteps(document, (step) => ({
    ...step,
    fields: step.fields.filter((field) => field.name !== name),
  }))
}

/** Moves a field one place up or down within its step. */
export function moveField(document: ProcedureDocument, name: string, direction: 'up' | 'down') {
  return mapSteps(document, (step) => {
    const index = step.fields.findIndex((field) => field.name === name)
    const target = direction === 'up' ? index - 1 : index + 1
    if (index < 0 || target < 0 || target >= step.fields.length) return step
    const fields = [...step.fields]
    ;[fields[index], fields[target]] = [fields[target], fields[index]]
    return { ...step, fields }
  })
}

function mapSteps(document: ProcedureDocument, change: (step: BuiltStep) => BuiltStep) {
  return { ...document, steps: document.steps.map(change) }
}

/** Choices typed one per line ("label" or "value = label"), values made from labels when absent. */
export function parseChoices(lines: string) {
  const taken = new Set<string>()
  return lines
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [left, ...rest] = line.split('=')
      const label = rest.length ? rest.join('=').trim() : left.trim()
      const value = unique(rest.length ? slug(left, '-') : slug(label, '-'), taken, '-')
      taken.add(value)
      return { value, label: { fr: label } }
    })
}

export function formatChoices(field: BuiltField) {
  return (field.choices ?? []).map((choice) => `${choice.value} = ${choice.label.fr}`).join('\n')
}

export interface FieldInput {
  labelFr: string
  labelEn?: string
  hintFr?: string
  hintEn?: string
  required?: boolean
  prefill?: string
  choices?: string
  min?: number
  max?: number
  maxLength?: number
  accept?: string[]
  maxSizeMb?: number
  maxFiles?: number
  memberKind?: string
  conditionField?: string
  conditionOperator?: string
  conditionValue?: string
}

/** A field as the edit form describes it; its name and type stay as created. */
export function fieldFromInput(current: BuiltField, input: FieldInput): BuiltField {
  const field: BuiltField = {
    name: current.name,
    type: current.type,
    label: text(input.labelFr, input.labelEn),
    required: Boolean(input.required),
  }
  if (input.hintFr?.trim()) field.hint = text(input.hintFr, input.hintEn)
  if (input.prefill) field.prefill = input.prefill as BuiltField['prefill']
  if (CHOICE_TYPES.includes(current.type)) field.choices = parseChoices(input.choices ?? '')
  if (current.type === 'number') Object.assign(field, { min: input.min, max: input.max })
  if (current.type === 'text' || current.type === 'long_text') field.maxLength = input.maxLength
  if (current.type === 'file')
    Object.assign(field, {
      accept: input.accept?.length ? input.accept : ['pdf', 'jpeg', 'png'],
      maxSizeMb: input.maxSizeMb ?? 10,
      maxFiles: input.maxFiles ?? 1,
    })
  if (current.type === 'household_member' && input.memberKind)
    field.memberKind = input.memberKind as 'adult' | 'child'
  if (input.conditionField)
    field.condition = {
      field: input.conditionField,
      operator: (input.conditionOperator ?? 'is') as 'is',
      value: input.conditionValue ?? '',
    }
  return JSON.parse(JSON.stringify(field))
}

import {
  DOCUMENT_FORMAT,
  type BuiltField,
  type BuiltWorkflow,
  type ProcedureDocument,
  type Text,
} from '#demands/procedures/built/document'

/*
 * A definition file from another city: only what a document may hold is
 * kept (anything else, a "hooks" entry included, is dropped), and whether
 * it can be published is for the checks to say, like for a typed one.
 */

type Raw = Record<string, any>

const isObject = (value: unknown): value is Raw =>
  !!value && typeof value === 'object' && !Array.isArray(value)

function textOf(value: unknown): Text | undefined {
  if (!isObject(value) || typeof value.fr !== 'string') return undefined
  return typeof value.en === 'string' && value.en
    ? { fr: value.fr, en: value.en }
    : { fr: value.fr }
}

const FIELD_KEYS = [
  'name',
  'type',
  'required',
  'prefill',
  'min',
  'max',
  'maxLength',
  'accept',
  'maxSizeMb',
  'maxFiles',
  'memberKind',
] as const

function fieldOf(raw: Raw): BuiltField {
  const field: Raw = {}
  for (const key of FIELD_KEYS) if (raw[key] !== undefined) field[key] = raw[key]
  field.label = textOf(raw.label) ?? { fr: '' }
  if (raw.hint) field.hint = textOf(raw.hint)
  if (Array.isArray(raw.choices))
    field.choices = raw.choices.filter(isObject).map((choice) => ({
      value: String(choice.value ?? ''),
      label: textOf(choice.label) ?? { fr: '' },
    }))
  if (isObject(raw.condition))
    field.condition = {
      field: String(raw.condition.field ?? ''),
      operator: String(raw.condition.operator ?? ''),
      value: String(raw.condition.value ?? ''),
    }
  return field as BuiltField
}

/** A drawn workflow, only its known entries kept (the checks judge the rest). */
function workflowOf(raw: unknown): string | BuiltWorkflow | undefined {
  if (typeof raw === 'string') return raw
  if (!isObject(raw)) return undefined
  const list = (value: unknown) => (Array.isArray(value) ? value.filter(isObject) : [])
  return {
    initial: String(raw.initial ?? ''),
    states: list(raw.states).map((state) => ({
      key: String(state.key ?? ''),
      label: textOf(state.label) ?? { fr: '' },
      ...(state.closed === true ? { closed: true } : {}),
    })),
    transitions: list(raw.transitions).map((transition) => ({
      key: String(transition.key ?? ''),
      label: textOf(transition.label) ?? { fr: '' },
      from: Array.isArray(transition.from) ? transition.from.map(String) : [],
      to: String(transition.to ?? ''),
      by: transition.by,
      notifyResident: transition.notifyResident === true,
      commentRequired: transition.commentRequired === true,
      commentVisibleToResident: transition.commentVisibleToResident === true,
    })),
  }
}

/** The document a file holds, or null when it is not a Parvis procedure definition. */
export function readDocument(content: string): ProcedureDocument | null {
  let raw: unknown
  try {
    raw = JSON.parse(content)
  } catch {
    return null
  }
  if (!isObject(raw) || raw.format !== DOCUMENT_FORMAT || typeof raw.key !== 'string') return null
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw.key) || raw.key.length > 60) return null
  return {
    format: DOCUMENT_FORMAT,
    key: raw.key,
    title: textOf(raw.title) ?? { fr: '' },
    summary: textOf(raw.summary) ?? { fr: '' },
    category: raw.category,
    keywords: textOf(raw.keywords),
    service: String(raw.service ?? ''),
    filer: raw.filer,
    slaDays: raw.slaDays,
    retentionMonths: raw.retentionMonths,
    workflow: workflowOf(raw.workflow),
    steps: (Array.isArray(raw.steps) ? raw.steps : []).filter(isObject).map((step: Raw) => ({
      key: String(step.key ?? ''),
      title: textOf(step.title) ?? { fr: '' },
      fields: (Array.isArray(step.fields) ? step.fields : []).filter(isObject).map(fieldOf),
    })),
  }
}

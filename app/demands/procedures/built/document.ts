import { CATALOGUE_CATEGORIES, type CatalogueCategory } from '#core/modules/catalogue_categories'
import {
  RETENTION_MONTHS,
  SLA_DAYS,
  defineProcedure,
  type Condition,
  type FieldDefinition,
  type FieldType,
  type PrefillSource,
  type ProcedureDefinition,
  type SniffedKind,
} from '#demands/procedures/define_procedure'
import {
  WITHDRAW,
  WITHDRAWN,
  defineWorkflow,
  type ActorKind,
  type TransitionEffects,
  type WorkflowDefinition,
} from '#workflow/define_workflow'
import { defaultWorkflow } from '#workflow/default_workflow'

/*
 * A procedure built in the back office is a JSON document: what an admin
 * typed, in literal French (and optionally English) rather than i18n keys,
 * and nothing that runs (no hooks, no step checks). `toProcedure` turns a
 * checked document into the very object `defineProcedure` gives for a coded
 * procedure, its texts under message keys of its own (see builtMessages),
 * so the filing pages, the inbox, the exports and the API cannot tell them
 * apart.
 */

export const DOCUMENT_FORMAT = 'parvis.procedure/1'

export interface Text {
  fr: string
  en?: string
}

export type BuiltFiler = 'anyone' | 'resident' | 'franceconnect'
export type ConditionOperator = 'is' | 'is_not' | 'contains'

export interface BuiltCondition {
  field: string
  operator: ConditionOperator
  value: string
}

export interface BuiltChoice {
  value: string
  label: Text
}

export interface BuiltField {
  name: string
  type: FieldType
  label: Text
  hint?: Text
  required?: boolean
  prefill?: PrefillSource
  condition?: BuiltCondition
  choices?: BuiltChoice[]
  min?: number
  max?: number
  maxLength?: number
  accept?: SniffedKind[]
  maxSizeMb?: number
  maxFiles?: number
  memberKind?: 'adult' | 'child'
}

export interface BuiltStep {
  key: string
  title: Text
  fields: BuiltField[]
}

/** A state of a built workflow: the same label for residents and agents. */
export interface BuiltState {
  key: string
  label: Text
  /** a closed demand leaves the agents' open lists and stops its SLA clock */
  closed?: boolean
}

/**
 * Who may fire a built transition: any agent of the service, only
 * supervisors and admins, or the resident (answering a request).
 */
export type BuiltActor = 'agent' | 'supervisor' | 'resident'

export interface BuiltTransition {
  key: string
  label: Text
  from: string[]
  to: string
  by: BuiltActor
  notifyResident?: boolean
  commentRequired?: boolean
  commentVisibleToResident?: boolean
}

/**
 * A workflow drawn in the back office: what `defineWorkflow` takes, minus
 * what runs (jobs); the SLA clock follows the states (see slaOf).
 */
export interface BuiltWorkflow {
  initial: string
  states: BuiltState[]
  transitions: BuiltTransition[]
}

export interface ProcedureDocument {
  format: typeof DOCUMENT_FORMAT
  key: string
  title: Text
  summary: Text
  category: CatalogueCategory
  keywords?: Text
  service: string
  filer: BuiltFiler
  slaDays: number
  retentionMonths: number
  /** absent: the default workflow; a name: a coded one; an object: drawn in the builder */
  workflow?: string | BuiltWorkflow
  steps: BuiltStep[]
}

export const FIELD_TYPES: FieldType[] = [
  'text',
  'long_text',
  'email',
  'phone',
  'number',
  'date',
  'select',
  'radio',
  'checkboxes',
  'yes_no',
  'address',
  'file',
  'household_member',
  'consent',
]
export const PREFILL_SOURCES: PrefillSource[] = [
  'profile.firstName',
  'profile.lastName',
  'profile.email',
  'profile.phone',
  'profile.birthDate',
  'profile.address',
]
export const FILE_KINDS: SniffedKind[] = ['pdf', 'jpeg', 'png', 'webp']
export const FILERS: BuiltFiler[] = ['anyone', 'resident', 'franceconnect']
export const OPERATORS: ConditionOperator[] = ['is', 'is_not', 'contains']
/** The engine's own ceiling for one file (see uploads): a built procedure cannot raise it. */
export const MAX_FILE_SIZE_MB = 10
export const MAX_FILES = 5
const CHOICE_TYPES: FieldType[] = ['select', 'radio', 'checkboxes']
const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/
const CHOICE_VALUE = /^[a-zA-Z0-9_-]{1,40}$/
const WORKFLOW_KEY = /^[a-z][a-z0-9_]{0,39}$/
export const BUILT_ACTORS: BuiltActor[] = ['agent', 'supervisor', 'resident']

/** A reason a document cannot be published: an i18n key under demands.built.errors and its values. */
export interface DocumentProblem {
  key: string
  data: Record<string, string | number>
}

function problem(key: string, data: Record<string, string | number> = {}): DocumentProblem {
  return { key: `demands.built.errors.${key}`, data }
}

function hasText(text: unknown): text is Text {
  return (
    !!text &&
    typeof text === 'object' &&
    typeof (text as Text).fr === 'string' &&
    (text as Text).fr.trim() !== ''
  )
}

/**
 * The load-time checks of a built procedure, as `defineProcedure` makes for
 * coded ones, but answering every reason in words an admin reads rather
 * than throwing at the first. `services`: slugs of the city's services.
 */
export function checkDocument(
  document: ProcedureDocument,
  context: { services: string[]; workflows: string[] }
): DocumentProblem[] {
  const problems: DocumentProblem[] = []
  if (document?.format !== DOCUMENT_FORMAT) return [problem('format')]
  if (!KEY_PATTERN.test(document.key ?? '') || document.key.length > 60)
    problems.push(problem('key'))
  if (!hasText(document.title)) problems.push(problem('title'))
  if (!hasText(document.summary)) problems.push(problem('summary'))
  if (!(CATALOGUE_CATEGORIES as readonly string[]).includes(document.category))
    problems.push(problem('category'))
  if (!context.services.includes(document.service))
    problems.push(problem('service', { service: String(document.service ?? '') }))
  if (!FILERS.includes(document.filer)) problems.push(problem('filer'))
  const within = (value: number, range: { min: number; max: number }) =>
    Number.isInteger(value) && value >= range.min && value <= range.max
  if (!within(document.slaDays, SLA_DAYS)) problems.push(problem('sla', SLA_DAYS))
  if (!within(document.retentionMonths, RETENTION_MONTHS))
    problems.push(problem('retention', RETENTION_MONTHS))
  if (typeof document.workflow === 'string') {
    if (document.workflow && !context.workflows.includes(document.workflow))
      problems.push(problem('workflow', { workflow: document.workflow }))
  } else if (document.workflow) {
    problems.push(...checkWorkflow(document.workflow))
  }
  if (!Array.isArray(document.steps) || document.steps.length === 0) {
    problems.push(problem('no_step'))
    return problems
  }

  const seen = new Map<string, BuiltField>()
  const stepKeys = new Set<string>()
  for (const [index, step] of document.steps.entries()) {
    const stepName = hasText(step.title) ? step.title.fr : String(index + 1)
    if (!KEY_PATTERN.test(step.key ?? '') || stepKeys.has(step.key))
      problems.push(problem('step_key', { step: stepName }))
    stepKeys.add(step.key)
    if (!hasText(step.title)) problems.push(problem('step_title', { step: index + 1 }))
    if (!Array.isArray(step.fields) || step.fields.length === 0) {
      problems.push(problem('empty_step', { step: stepName }))
      continue
    }
    for (const field of step.fields) {
      problems.push(...checkField(field, seen))
      seen.set(field.name, field)
    }
  }
  return problems
}

/** The name an admin reads for a state or a transition: its French label, else its key. */
function nameOf(item: { key?: unknown; label?: unknown }) {
  return hasText(item.label) ? item.label.fr : String(item.key ?? '')
}

/**
 * The checks `defineWorkflow` makes, and those a drawn workflow needs on top:
 * every state reachable from the initial one, and a way out of every open
 * state for the agents (the resident's withdrawal does not count).
 */
export function checkWorkflow(workflow: BuiltWorkflow): DocumentProblem[] {
  const problems: DocumentProblem[] = []
  const states = Array.isArray(workflow?.states) ? workflow.states : []
  const transitions = Array.isArray(workflow?.transitions) ? workflow.transitions : []
  const stateKeys = new Set<string>()
  for (const state of states) {
    const key = String(state.key ?? '')
    if (!WORKFLOW_KEY.test(key) || key === WITHDRAWN || stateKeys.has(key))
      problems.push(problem('state_key', { state: nameOf(state) }))
    if (!hasText(state.label)) problems.push(problem('state_label', { state: key }))
    stateKeys.add(key)
  }
  if (!stateKeys.has(workflow?.initial)) {
    problems.push(problem('no_initial'))
  } else if (states.find((state) => state.key === workflow.initial)?.closed) {
    problems.push(
      problem('closed_initial', { state: nameOf(states.find((s) => s.key === workflow.initial)!) })
    )
  }
  if (!states.some((state) => state.closed)) problems.push(problem('no_closed_state'))
  const transitionKeys = new Set<string>()
  for (const transition of transitions) {
    const key = String(transition.key ?? '')
    const name = nameOf(transition)
    if (!WORKFLOW_KEY.test(key) || key === WITHDRAW || transitionKeys.has(key))
      problems.push(problem('transition_key', { transition: name }))
    transitionKeys.add(key)
    if (!hasText(transition.label)) problems.push(problem('transition_label', { transition: key }))
    if (!BUILT_ACTORS.includes(transition.by))
      problems.push(problem('transition_by', { transition: name }))
    const from = Array.isArray(transition.from) ? transition.from : []
    if (from.length === 0) problems.push(problem('transition_from', { transition: name }))
    for (const state of [...from, transition.to]) {
      if (!stateKeys.has(state))
        problems.push(problem('transition_state', { transition: name, state: String(state ?? '') }))
    }
  }
  if (!stateKeys.has(workflow?.initial)) return problems

  const reached = new Set([workflow.initial])
  for (let grew = true; grew;) {
    grew = false
    for (const transition of transitions) {
      if (
        Array.isArray(transition.from) &&
        transition.from.some((state) => reached.has(state)) &&
        stateKeys.has(transition.to) &&
        !reached.has(transition.to)
      ) {
        reached.add(transition.to)
        grew = true
      }
    }
  }
  for (const state of states) {
    if (!reached.has(state.key))
      problems.push(problem('state_unreachable', { state: nameOf(state) }))
    else if (
      !state.closed &&
      !transitions.some(
        (transition) => Array.isArray(transition.from) && transition.from.includes(state.key)
      )
    )
      problems.push(problem('state_dead_end', { state: nameOf(state) }))
  }
  return problems
}

function checkField(field: BuiltField, seen: Map<string, BuiltField>): DocumentProblem[] {
  const problems: DocumentProblem[] = []
  const name = String(field.name ?? '')
  const label = hasText(field.label) ? field.label.fr : name
  if (!NAME_PATTERN.test(name) || name.length > 40) problems.push(problem('field_name', { label }))
  if (seen.has(name)) problems.push(problem('field_twice', { label }))
  if (!FIELD_TYPES.includes(field.type))
    problems.push(problem('field_type', { label, type: String(field.type) }))
  if (!hasText(field.label)) problems.push(problem('field_label', { name }))
  if (field.prefill && !PREFILL_SOURCES.includes(field.prefill))
    problems.push(problem('prefill', { label }))
  if (CHOICE_TYPES.includes(field.type)) {
    const values = (field.choices ?? []).map((choice) => choice.value)
    if (
      values.length === 0 ||
      new Set(values).size !== values.length ||
      (field.choices ?? []).some(
        (choice) => !CHOICE_VALUE.test(String(choice.value ?? '')) || !hasText(choice.label)
      )
    )
      problems.push(problem('choices', { label }))
  }
  if (field.type === 'file') {
    if ((field.accept ?? []).some((kind) => !FILE_KINDS.includes(kind)))
      problems.push(problem('file_kinds', { label }))
    const size = field.maxSizeMb ?? MAX_FILE_SIZE_MB
    const count = field.maxFiles ?? 1
    if (!Number.isInteger(size) || size < 1 || size > MAX_FILE_SIZE_MB)
      problems.push(problem('file_size', { label, max: MAX_FILE_SIZE_MB }))
    if (!Number.isInteger(count) || count < 1 || count > MAX_FILES)
      problems.push(problem('file_count', { label, max: MAX_FILES }))
  }
  if (field.condition) {
    const target = seen.get(field.condition.field)
    if (!target)
      problems.push(problem('condition_field', { label, field: String(field.condition.field) }))
    if (!OPERATORS.includes(field.condition.operator))
      problems.push(problem('condition_operator', { label }))
    if (typeof field.condition.value !== 'string' || field.condition.value === '')
      problems.push(problem('condition_value', { label }))
  }
  return problems
}

/** The message keys of one version of a built procedure (`draft` for a preview). */
export function messagePrefix(key: string, version: number | 'draft') {
  return `built.${key}.${version === 'draft' ? 'draft' : `v${version}`}`
}

/** The engine's name of a built workflow: one per version, so a demand keeps its version's. */
export function workflowName(key: string, version: number | 'draft') {
  return messagePrefix(key, version)
}

function builtActor(by: ActorKind[]): BuiltActor {
  if (by.includes('agent')) return 'agent'
  return by.includes('resident') ? 'resident' : 'supervisor'
}

/** The default workflow as a document's, for an admin to edit rather than start from nothing. */
export function defaultWorkflowCopy(
  translate: (key: string, locale: 'fr' | 'en') => string
): BuiltWorkflow {
  const text = (key: string) => ({ fr: translate(key, 'fr'), en: translate(key, 'en') })
  return {
    initial: defaultWorkflow.initial,
    states: defaultWorkflow.states
      .filter((state) => state.key !== WITHDRAWN)
      .map((state) => ({
        key: state.key,
        label: text(state.agentLabel),
        ...(state.closed ? { closed: true } : {}),
      })),
    transitions: defaultWorkflow.transitions
      .filter((transition) => transition.key !== WITHDRAW)
      .map((transition) => ({
        key: transition.key,
        label: text(transition.label),
        from: [...transition.from],
        to: transition.to,
        by: builtActor(transition.by),
        notifyResident: Boolean(transition.effects?.notifyResident),
        commentRequired: Boolean(transition.commentRequired),
        commentVisibleToResident: Boolean(transition.commentVisibleToResident),
      })),
  }
}

/**
 * The SLA clock of a drawn transition follows its states: it stops when a
 * demand closes and starts again when one is reopened.
 */
function slaOf(workflow: BuiltWorkflow, transition: BuiltTransition): TransitionEffects['sla'] {
  const closed = (key: string) =>
    Boolean(workflow.states.find((state) => state.key === key)?.closed)
  if (closed(transition.to)) return 'stop'
  if (transition.from.every(closed)) return 'start'
  return undefined
}

/** ICU reads `{`, `}` and quotes: an admin's text is shown as typed. */
function literal(text: string) {
  return text.replace(/'/g, "''").replace(/[{}]/g, (brace) => `'${brace}'`)
}

function condition(built: BuiltCondition): Condition {
  if (built.operator === 'is_not') return { field: built.field, notEquals: built.value }
  if (built.operator === 'contains') return { field: built.field, in: [built.value] }
  return { field: built.field, equals: built.value }
}

/**
 * A checked document as the procedure the engine runs, and the messages its
 * keys name, per locale (English falls back to the French text).
 */
export function toProcedure(
  document: ProcedureDocument,
  version: number | 'draft'
): {
  procedure: ProcedureDefinition
  messages: Record<'fr' | 'en', Record<string, string>>
  /** the drawn workflow the procedure names, for the registry (none: default or coded) */
  workflow?: WorkflowDefinition
} {
  const prefix = messagePrefix(document.key, version)
  const messages: Record<'fr' | 'en', Record<string, string>> = { fr: {}, en: {} }
  const say = (path: string, text: Text) => {
    const key = `${prefix}.${path}`
    messages.fr[key] = literal(text.fr)
    messages.en[key] = literal(text.en?.trim() ? text.en : text.fr)
    return key
  }
  const drawn =
    typeof document.workflow === 'object' && document.workflow ? document.workflow : null
  const workflow: WorkflowDefinition | undefined = drawn
    ? defineWorkflow({
        name: workflowName(document.key, version),
        initial: drawn.initial,
        states: drawn.states.map((state) => {
          const label = say(`workflow.states.${state.key}`, state.label)
          return {
            key: state.key,
            residentLabel: label,
            agentLabel: label,
            closed: Boolean(state.closed),
          }
        }),
        transitions: drawn.transitions.map((transition) => {
          const sla = slaOf(drawn, transition)
          return {
            key: transition.key,
            label: say(`workflow.transitions.${transition.key}`, transition.label),
            from: [...transition.from],
            to: transition.to,
            by: [transition.by],
            commentRequired: Boolean(transition.commentRequired),
            commentVisibleToResident: Boolean(transition.commentVisibleToResident),
            effects: {
              notifyResident: Boolean(transition.notifyResident),
              ...(sla ? { sla } : {}),
            },
          }
        }),
      })
    : undefined
  const named = typeof document.workflow === 'string' ? document.workflow : undefined
  const procedure = defineProcedure({
    key: document.key,
    title: say('title', document.title),
    summary: say('summary', document.summary),
    category: document.category,
    keywords: document.keywords?.fr ? say('keywords', document.keywords) : undefined,
    service: document.service,
    filer: document.filer === 'anyone' ? 'anyone' : 'resident',
    franceConnect: document.filer === 'franceconnect',
    slaDays: document.slaDays,
    retentionMonths: document.retentionMonths,
    workflow: workflow ? workflow.name : named && named !== 'default' ? named : undefined,
    version: version === 'draft' ? undefined : version,
    steps: document.steps.map((step) => ({
      key: step.key,
      title: say(`steps.${step.key}`, step.title),
      fields: step.fields.map((field): FieldDefinition => {
        const path = `fields.${field.name}`
        return {
          name: field.name,
          type: field.type,
          label: say(`${path}.label`, field.label),
          hint: field.hint?.fr ? say(`${path}.hint`, field.hint) : undefined,
          required: Boolean(field.required),
          prefill: field.prefill,
          showWhen: field.condition ? condition(field.condition) : undefined,
          choices: field.choices?.map((choice) => ({
            value: choice.value,
            label: say(`${path}.choices.${choice.value}`, choice.label),
          })),
          min: field.min,
          max: field.max,
          maxLength: field.maxLength,
          accept: field.type === 'file' ? field.accept : undefined,
          maxSizeMb: field.type === 'file' ? (field.maxSizeMb ?? MAX_FILE_SIZE_MB) : undefined,
          maxFiles: field.type === 'file' ? (field.maxFiles ?? 1) : undefined,
          memberKind: field.memberKind,
        }
      }),
    })),
  })
  return { procedure, messages, workflow }
}

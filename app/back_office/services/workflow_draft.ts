import {
  type BuiltActor,
  type BuiltState,
  type BuiltTransition,
  type BuiltWorkflow,
  type ProcedureDocument,
} from '#demands/procedures/built/document'
import { slug, text } from '#back_office/services/procedure_draft'

/*
 * The builder's edits of a procedure's own workflow, one state or one
 * transition at a time, as pure functions of the document (like
 * procedure_draft). Nothing is refused here: a transition left pointing at a
 * removed state stays, and the checks name it before publication.
 */

export interface StateInput {
  labelFr: string
  labelEn?: string | null
  closed?: boolean
  initial?: boolean
}

export interface TransitionInput {
  labelFr: string
  labelEn?: string | null
  from: string[]
  to: string
  by: BuiltActor
  notifyResident?: boolean
  commentRequired?: boolean
  commentVisibleToResident?: boolean
}

/** The drawn workflow of a draft, or null when it uses the default one. */
export function drawnWorkflow(document: ProcedureDocument): BuiltWorkflow | null {
  return typeof document.workflow === 'object' && document.workflow ? document.workflow : null
}

/** Back to the default workflow, or a drawn one starting from `copy` (kept if already drawn). */
export function chooseWorkflow(document: ProcedureDocument, copy: BuiltWorkflow | null) {
  if (!copy) return { ...document, workflow: undefined }
  return drawnWorkflow(document) ? document : { ...document, workflow: copy }
}

function withWorkflow(
  document: ProcedureDocument,
  change: (workflow: BuiltWorkflow) => BuiltWorkflow
) {
  const workflow = drawnWorkflow(document)
  return workflow ? { ...document, workflow: change(workflow) } : document
}

function freeKey(label: string, taken: Set<string>) {
  const base = slug(label, '_').replace(/^(withdrawn?)$/, '$1_2')
  if (!taken.has(base)) return base
  for (let index = 2; ; index++) {
    const candidate = `${base.slice(0, 37)}_${index}`
    if (!taken.has(candidate)) return candidate
  }
}

function stateOf(key: string, input: StateInput): BuiltState {
  const state: BuiltState = { key, label: text(input.labelFr, input.labelEn) }
  return input.closed ? { ...state, closed: true } : state
}

export function addState(document: ProcedureDocument, input: StateInput) {
  const workflow = drawnWorkflow(document)
  const key = freeKey(input.labelFr, new Set(workflow?.states.map((state) => state.key)))
  return {
    key,
    document: withWorkflow(document, (current) => ({
      ...current,
      initial: input.initial ? key : current.initial,
      states: [...current.states, stateOf(key, input)],
    })),
  }
}

export function replaceState(document: ProcedureDocument, key: string, input: StateInput) {
  return withWorkflow(document, (current) => ({
    ...current,
    initial: input.initial ? key : current.initial,
    states: current.states.map((state) => (state.key === key ? stateOf(key, input) : state)),
  }))
}

export function removeState(document: ProcedureDocument, key: string) {
  return withWorkflow(document, (current) => ({
    ...current,
    states: current.states.filter((state) => state.key !== key),
  }))
}

function transitionOf(key: string, input: TransitionInput): BuiltTransition {
  return {
    key,
    label: text(input.labelFr, input.labelEn),
    from: input.from,
    to: input.to,
    by: input.by,
    notifyResident: Boolean(input.notifyResident),
    commentRequired: Boolean(input.commentRequired),
    commentVisibleToResident: Boolean(input.commentVisibleToResident),
  }
}

export function addTransition(document: ProcedureDocument, input: TransitionInput) {
  const workflow = drawnWorkflow(document)
  const key = freeKey(input.labelFr, new Set(workflow?.transitions.map((item) => item.key)))
  return {
    key,
    document: withWorkflow(document, (current) => ({
      ...current,
      transitions: [...current.transitions, transitionOf(key, input)],
    })),
  }
}

export function replaceTransition(
  document: ProcedureDocument,
  key: string,
  input: TransitionInput
) {
  return withWorkflow(document, (current) => ({
    ...current,
    transitions: current.transitions.map((item) =>
      item.key === key ? transitionOf(key, input) : item
    ),
  }))
}

export function removeTransition(document: ProcedureDocument, key: string) {
  return withWorkflow(document, (current) => ({
    ...current,
    transitions: current.transitions.filter((item) => item.key !== key),
  }))
}

import type { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type BuiltProcedure from '#demands/models/built_procedure'
import {
  BUILT_ACTORS,
  defaultWorkflowCopy,
  type BuiltWorkflow,
  type ProcedureDocument,
} from '#demands/procedures/built/document'
import { drawnWorkflow } from '#back_office/services/workflow_draft'
import { found } from '#core/http/not_found'
import { fieldError } from '#core/services/form_errors'

/* What the pages of a procedure's own workflow show. */

/** The workflow section of the overview: the drawn workflow (null: the default one), its states' names. */
export function workflowSummary(document: ProcedureDocument) {
  const workflow = drawnWorkflow(document)
  const names = new Map(workflow?.states.map((state) => [state.key, state.label.fr]))
  return {
    workflow,
    stateName: (key: string) => names.get(key) ?? key,
  }
}

/** The default workflow's states and transitions, in French and English, to edit from. */
export function defaultCopy(): BuiltWorkflow {
  return defaultWorkflowCopy((key, locale) => i18nManager.locale(locale).t(key))
}

/** The drawn workflow of a draft; not found when it uses the default one. */
export function drawnOf(built: BuiltProcedure) {
  return found(drawnWorkflow(built.draft))
}

function stateOptions(workflow: BuiltWorkflow) {
  return workflow.states.map((state) => ({ value: state.key, label: state.label.fr }))
}

/** The form of a transition: the states it may leave from and lead to, who may fire it. */
export function transitionOptions(workflow: BuiltWorkflow, i18n: I18n) {
  return {
    states: stateOptions(workflow),
    actors: BUILT_ACTORS.map((value) => ({
      value,
      label: i18n.t(`back_office.builder.workflow_actors.${value}`),
    })),
  }
}

/** A transition names states of the draft's workflow (the validator only checks their shape). */
export function checkTransitionStates(
  workflow: BuiltWorkflow,
  input: { fromStates: string[]; toState: string },
  i18n: I18n
) {
  const known = new Set(workflow.states.map((state) => state.key))
  if (input.fromStates.some((key) => !known.has(key)))
    throw fieldError('fromStates', i18n.t('back_office.builder.workflow_unknown_state'))
  if (!known.has(input.toState))
    throw fieldError('toState', i18n.t('back_office.builder.workflow_unknown_state'))
}

import type { HttpContext } from '@adonisjs/core/http'
import ProcedureBuilderPolicy from '#back_office/policies/procedure_builder_policy'
import {
  workflowChoiceValidator,
  workflowStateValidator,
  workflowTransitionValidator,
} from '#back_office/validators/procedure_builder'
import { editBuiltProcedure } from '#back_office/actions/save_built_procedure'
import {
  addState,
  addTransition,
  chooseWorkflow,
  removeState,
  removeTransition,
  replaceState,
  replaceTransition,
} from '#back_office/services/workflow_draft'
import {
  checkTransitionStates,
  defaultCopy,
  drawnOf,
  transitionOptions,
} from '#back_office/services/workflow_pages'
import { BUILDER_URL, findBuilt } from '#back_office/services/procedure_builder_pages'
import { found } from '#core/http/not_found'

const backTo = (id: number) => `${BUILDER_URL}/${id}#circuit`

/**
 * /agents/admin/demarches/:id/circuit: a built procedure's own workflow,
 * one state or one transition edited at a time, each edit audited like the
 * builder's others. Whether it holds together is for the checks to say
 * before publication.
 */
export default class ProcedureWorkflowController {
  async choose({ request, response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const { mode } = await request.validateUsing(workflowChoiceValidator)
    const copy = mode === 'custom' ? defaultCopy() : null
    const agent = auth.use('agent').getUserOrFail()
    await editBuiltProcedure(
      agent,
      built.id,
      (draft) => chooseWorkflow(draft, copy),
      `circuit ${mode}`
    )
    return response.redirect().status(303).toPath(backTo(built.id))
  }

  async createState({ view, bouncer, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    drawnOf(built)
    return view.render('back_office::builder/workflow_state', {
      built,
      drawnState: null,
      initial: false,
    })
  }

  async addState({ request, response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    drawnOf(built)
    const input = await request.validateUsing(workflowStateValidator)
    const { document, key } = addState(built.draft, input)
    const agent = auth.use('agent').getUserOrFail()
    await editBuiltProcedure(agent, built.id, () => document, `circuit + état ${key}`)
    return response.redirect().status(303).toPath(backTo(built.id))
  }

  async editState({ view, bouncer, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const workflow = drawnOf(built)
    const state = found(workflow.states.find((candidate) => candidate.key === params.state))
    const initial = workflow.initial === state.key
    return view.render('back_office::builder/workflow_state', { built, drawnState: state, initial })
  }

  async updateState({ request, response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const key = String(params.state)
    found(drawnOf(built).states.find((state) => state.key === key))
    const input = await request.validateUsing(workflowStateValidator)
    const agent = auth.use('agent').getUserOrFail()
    const change = (draft: typeof built.draft) => replaceState(draft, key, input)
    await editBuiltProcedure(agent, built.id, change, `circuit état ${key}`)
    return response.redirect().status(303).toPath(backTo(built.id))
  }

  async removeState({ response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const key = String(params.state)
    drawnOf(built)
    const agent = auth.use('agent').getUserOrFail()
    await editBuiltProcedure(
      agent,
      built.id,
      (draft) => removeState(draft, key),
      `circuit - état ${key}`
    )
    return response.redirect().status(303).toPath(backTo(built.id))
  }

  async createTransition({ view, bouncer, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const options = transitionOptions(drawnOf(built), i18n)
    return view.render('back_office::builder/workflow_transition', {
      built,
      transition: null,
      ...options,
    })
  }

  async addTransition({ request, response, bouncer, auth, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const input = await request.validateUsing(workflowTransitionValidator)
    checkTransitionStates(drawnOf(built), input, i18n)
    const { document, key } = addTransition(built.draft, transitionInput(input))
    const agent = auth.use('agent').getUserOrFail()
    await editBuiltProcedure(agent, built.id, () => document, `circuit + action ${key}`)
    return response.redirect().status(303).toPath(backTo(built.id))
  }

  async editTransition({ view, bouncer, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const workflow = drawnOf(built)
    const transition = found(workflow.transitions.find((item) => item.key === params.transition))
    const options = transitionOptions(workflow, i18n)
    return view.render('back_office::builder/workflow_transition', {
      built,
      transition,
      ...options,
    })
  }

  async updateTransition({ request, response, bouncer, auth, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const key = String(params.transition)
    found(drawnOf(built).transitions.find((item) => item.key === key))
    const input = await request.validateUsing(workflowTransitionValidator)
    checkTransitionStates(drawnOf(built), input, i18n)
    const change = (draft: typeof built.draft) =>
      replaceTransition(draft, key, transitionInput(input))
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      change,
      `circuit action ${key}`
    )
    return response.redirect().status(303).toPath(backTo(built.id))
  }

  async removeTransition({ response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const key = String(params.transition)
    drawnOf(built)
    const change = (draft: typeof built.draft) => removeTransition(draft, key)
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      change,
      `circuit - action ${key}`
    )
    return response.redirect().status(303).toPath(backTo(built.id))
  }
}

/** The form's names as the draft's. */
function transitionInput(input: {
  labelFr: string
  labelEn?: string | null
  fromStates: string[]
  toState: string
  actor: 'agent' | 'supervisor' | 'resident'
  notifyResident?: boolean
  commentRequired?: boolean
  commentVisibleToResident?: boolean
}) {
  const { fromStates, toState, actor, ...rest } = input
  return { ...rest, from: fromStates, to: toState, by: actor }
}

import type { HttpContext } from '@adonisjs/core/http'
import BuiltProcedure from '#demands/models/built_procedure'
import ProcedureBuilderPolicy from '#back_office/policies/procedure_builder_policy'
import {
  newFieldValidator,
  newProcedureValidator,
  procedureFieldValidator,
  procedureGeneralValidator,
  procedureStepValidator,
} from '#back_office/validators/procedure_builder'
import {
  ProcedureKeyTakenError,
  createBuiltProcedure,
  editBuiltProcedure,
} from '#back_office/actions/save_built_procedure'
import {
  PublishRefusedError,
  publishBuiltProcedure,
  unpublishBuiltProcedure,
} from '#back_office/actions/publish_built_procedure'
import {
  addField,
  addStep,
  applyGeneral,
  fieldFromInput,
  moveField,
  newDocument,
  removeField,
  removeStep,
  renameStep,
  replaceField,
  text,
} from '#back_office/services/procedure_draft'
import {
  BUILDER_URL,
  fieldPage,
  findBuilt,
  generalOptions,
  problemTexts,
  procedurePage,
} from '#back_office/services/procedure_builder_pages'
import { fieldError } from '#core/services/form_errors'
import { assertFound, found } from '#core/http/not_found'

/**
 * /agents/admin/demarches: procedures built without code. Every page is an
 * ordinary form editing one thing; htmx only keeps the page in place when
 * fields are moved (see the steps fragment).
 */
export default class ProcedureBuilderController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const procedures = await BuiltProcedure.query().orderBy('key')
    return view.render('back_office::builder/index', { procedures })
  }

  async create({ view, bouncer, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    return view.render('back_office::builder/general', {
      built: null,
      ...(await generalOptions(i18n)),
    })
  }

  async store({ request, response, bouncer, auth, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const input = await request.validateUsing(newProcedureValidator)
    try {
      const built = await createBuiltProcedure(
        auth.use('agent').getUserOrFail(),
        newDocument(input)
      )
      return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}`)
    } catch (error) {
      if (!(error instanceof ProcedureKeyTakenError)) throw error
      throw fieldError('key', i18n.t('demands.built.errors.key_taken', { key: input.key }))
    }
  }

  async show({ view, bouncer, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const page = await procedurePage(await findBuilt(params.id), i18n)
    return view.render('back_office::builder/show', page)
  }

  async editGeneral({ view, bouncer, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    return view.render('back_office::builder/general', {
      built: await findBuilt(params.id),
      ...(await generalOptions(i18n)),
    })
  }

  async updateGeneral({ request, response, bouncer, auth, params, session }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const input = await request.validateUsing(procedureGeneralValidator)
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      (draft) => applyGeneral(draft, input),
      'réglages'
    )
    session.flash('success', 'back_office.builder.saved')
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}`)
  }

  async addStep({ request, response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const input = await request.validateUsing(procedureStepValidator)
    const title = text(input.titleFr, input.titleEn)
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      (draft) => addStep(draft, title),
      title.fr
    )
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}#etapes`)
  }

  async editStep({ view, bouncer, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const step = found(built.draft.steps.find((candidate) => candidate.key === params.step))
    return view.render('back_office::builder/step', { built, step })
  }

  async updateStep({ request, response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const key = String(params.step)
    assertFound(built.draft.steps.some((step) => step.key === key))
    const input = await request.validateUsing(procedureStepValidator)
    const title = text(input.titleFr, input.titleEn)
    const agent = auth.use('agent').getUserOrFail()
    await editBuiltProcedure(agent, built.id, (draft) => renameStep(draft, key, title), title.fr)
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}#etape-${key}`)
  }

  async removeStep({ response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const key = String(params.step)
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      (draft) => removeStep(draft, key),
      `- ${key}`
    )
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}#etapes`)
  }

  async addField({ request, response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    assertFound(built.draft.steps.some((step) => step.key === params.step))
    const input = await request.validateUsing(newFieldValidator)
    const { document, name } = addField(built.draft, String(params.step), {
      label: { fr: input.label },
      type: input.type,
    })
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      () => document,
      `+ ${name}`
    )
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}/champs/${name}`)
  }

  async editField({ view, bouncer, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    return view.render('back_office::builder/field', fieldPage(built, String(params.name), i18n))
  }

  async updateField({ request, response, bouncer, auth, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const { field, earlier } = fieldPage(built, String(params.name), i18n)
    const input = await request.validateUsing(procedureFieldValidator)
    checkCondition(input, earlier, i18n)
    const next = fieldFromInput(field, input)
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      (draft) => replaceField(draft, field.name, next),
      field.name
    )
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}#champ-${field.name}`)
  }

  /** Up or down one place; to htmx, the steps again rather than the whole page. */
  async moveField({ request, response, bouncer, auth, params, view, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const name = String(params.name)
    const direction = request.input('direction') === 'up' ? 'up' : 'down'
    const saved = await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      (draft) => moveField(draft, name, direction),
      `${name} ${direction === 'up' ? '↑' : '↓'}`
    )
    if (request.header('hx-request'))
      return view.render('back_office::builder/steps', await procedurePage(saved, i18n))
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}#champ-${name}`)
  }

  async removeField({ response, bouncer, auth, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const name = String(params.name)
    await editBuiltProcedure(
      auth.use('agent').getUserOrFail(),
      built.id,
      (draft) => removeField(draft, name),
      `- ${name}`
    )
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}#etapes`)
  }

  async publish({ response, bouncer, auth, params, session, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    try {
      const version = await publishBuiltProcedure(auth.use('agent').getUserOrFail(), built.id)
      session.flash('success_text', i18n.t('back_office.builder.published', { version }))
    } catch (error) {
      if (!(error instanceof PublishRefusedError)) throw error
      session.flash('publishProblems', problemTexts(i18n, error.problems))
    }
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}`)
  }

  async unpublish({ response, bouncer, auth, params, session }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    await unpublishBuiltProcedure(auth.use('agent').getUserOrFail(), built.id)
    session.flash('success', 'back_office.builder.unpublished')
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}`)
  }
}

/** A condition names a field shown before this one, and the value it expects. */
function checkCondition(
  input: { conditionField?: string; conditionValue?: string },
  earlier: { value: string }[],
  i18n: HttpContext['i18n']
) {
  if (input.conditionField && !earlier.some((other) => other.value === input.conditionField))
    throw fieldError('conditionField', i18n.t('back_office.builder.condition_unknown'))
  if (input.conditionField && !input.conditionValue)
    throw fieldError('conditionValue', i18n.t('back_office.builder.condition_value'))
}

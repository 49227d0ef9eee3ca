import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import Demand from '#demands/models/demand'
import ProcedureBuilderPolicy from '#back_office/policies/procedure_builder_policy'
import {
  ProcedureKeyTakenError,
  createBuiltProcedure,
} from '#back_office/actions/save_built_procedure'
import {
  BUILDER_URL,
  findBuilt,
  previewProcedure,
} from '#back_office/services/procedure_builder_pages'
import { readDocument } from '#back_office/services/procedure_file'
import { stepView } from '#demands/services/step_view'
import { fieldError } from '#core/services/form_errors'
import { assertFound } from '#core/http/not_found'

/** A procedure's preview (the real filing pages, filled with nothing), its export and its import. */
export default class ProcedureExchangeController {
  async preview({ view, bouncer, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const procedure = await previewProcedure(built.draft)
    if (!procedure) return view.render('back_office::builder/preview_refused', { built })
    const stepIndex = Number(params.step) - 1
    assertFound(stepIndex >= 0 && stepIndex < procedure.steps.length)
    const draft = new Demand().merge({ procedureKey: procedure.key, answers: {}, currentStep: 0 })
    const form = await stepView({
      procedure,
      demand: draft,
      stepIndex,
      user: null,
      i18n,
      oldInput: null,
    })
    const here = `${BUILDER_URL}/${built.id}/apercu`
    return view.render('demands::step', {
      procedure,
      draft,
      stepIndex,
      total: procedure.steps.length,
      stepTitles: procedure.steps.map((step) => i18n.t(step.title)),
      action: `${here}/${stepIndex + 1}`,
      previous: stepIndex > 0 ? `${here}/${stepIndex}` : `${BUILDER_URL}/${built.id}`,
      revealed: false,
      ...form,
    })
  }

  /** "Continuer" in the preview: the next step, nothing saved; after the last, back to the builder. */
  async previewNext({ response, bouncer, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const next = Number(params.step) + 1
    const url =
      next <= built.draft.steps.length
        ? `${BUILDER_URL}/${built.id}/apercu/${next}`
        : `${BUILDER_URL}/${built.id}`
    return response.redirect().status(303).toPath(url)
  }

  /** The draft as a JSON file another city imports. */
  async export({ response, bouncer, params }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    response.header('Content-Type', 'application/json; charset=utf-8')
    response.header('Content-Disposition', `attachment; filename="demarche-${built.key}.json"`)
    return response.send(JSON.stringify(built.draft, null, 2))
  }

  async import({ request, response, bouncer, auth, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const file = request.file('definition', { size: '200kb', extnames: ['json'] })
    if (!file?.isValid || !file.tmpPath)
      throw fieldError('definition', i18n.t('back_office.builder.import_file'))
    const document = readDocument(await readFile(file.tmpPath, 'utf8'))
    if (!document) throw fieldError('definition', i18n.t('demands.built.errors.format'))
    try {
      const built = await createBuiltProcedure(
        auth.use('agent').getUserOrFail(),
        document,
        'procedure.imported'
      )
      return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}`)
    } catch (error) {
      if (!(error instanceof ProcedureKeyTakenError)) throw error
      throw fieldError(
        'definition',
        i18n.t('demands.built.errors.key_taken', { key: document.key })
      )
    }
  }
}

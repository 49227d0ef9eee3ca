import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import ProcedureBuilderPolicy from '#back_office/policies/procedure_builder_policy'
import { importBuiltProcedure } from '#back_office/actions/import_built_procedure'
import { BUILDER_URL, findBuilt, previewPage } from '#back_office/services/procedure_builder_pages'
import { fieldError } from '#core/services/form_errors'

/** A procedure's preview (the real filing pages, filled with nothing), its export and its import. */
export default class ProcedureExchangeController {
  async preview({ view, bouncer, params, i18n }: HttpContext) {
    await bouncer.with(ProcedureBuilderPolicy).authorize('design')
    const built = await findBuilt(params.id)
    const page = await previewPage(built, Number(params.step), i18n)
    if (!page) return view.render('back_office::builder/preview_refused', { built })
    return view.render('demands::step', page)
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
    const agent = auth.use('agent').getUserOrFail()
    const built = await importBuiltProcedure(agent, await readFile(file.tmpPath, 'utf8'), i18n)
    return response.redirect().status(303).toPath(`${BUILDER_URL}/${built.id}`)
  }
}

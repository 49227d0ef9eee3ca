import type { I18n } from '@adonisjs/i18n'
import type Agent from '#accounts/models/agent'
import { readDocument } from '#back_office/services/procedure_file'
import {
  ProcedureKeyTakenError,
  createBuiltProcedure,
} from '#back_office/actions/save_built_procedure'
import { fieldError } from '#core/services/form_errors'

/**
 * Starts a draft from another city's definition file. A file that is no
 * definition, or whose key is taken here, is refused next to the file box.
 */
export async function importBuiltProcedure(agent: Agent, content: string, i18n: I18n) {
  const document = readDocument(content)
  if (!document) throw fieldError('definition', i18n.t('demands.built.errors.format'))
  try {
    return await createBuiltProcedure(agent, document, 'procedure.imported')
  } catch (error) {
    if (!(error instanceof ProcedureKeyTakenError)) throw error
    throw fieldError('definition', i18n.t('demands.built.errors.key_taken', { key: document.key }))
  }
}

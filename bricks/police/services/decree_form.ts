import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { I18n } from '@adonisjs/i18n'
import { fieldError } from '#core/services/form_errors'
import type Decree from '../models/decree.js'
import type { DecreeInput } from '../validators/decrees.js'
import { draftRelations } from '../queries/agent_decrees.js'
import { storeDecreePdf } from './decree_files.js'

/**
 * What the validator cannot see alone: a temporary decree has its dates, in
 * order; the decree it names is published; an individual one names a known
 * resident. Raises the field's error, or returns the rows it points to.
 */
export async function checkedDecree(input: DecreeInput, decree: Decree | null, i18n: I18n) {
  const temporary = input.kind.startsWith('temporaire_')
  if (temporary && !input.startsOn)
    throw fieldError('startsOn', i18n.t('police.decrees.errors.starts_required'))
  if (temporary && !input.endsOn)
    throw fieldError('endsOn', i18n.t('police.decrees.errors.ends_required'))
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn)
    throw fieldError('endsOn', i18n.t('police.decrees.errors.ends_before'))
  const relations = await draftRelations(input, decree?.id ?? null)
  if ('problem' in relations)
    throw fieldError(relations.field, i18n.t(`police.decrees.errors.${relations.problem}`))
  return relations
}

/** The signed PDF sent, stored; required for a new draft, optional when correcting one. */
export async function checkedPdf(file: MultipartFile | null, decree: Decree | null, i18n: I18n) {
  const stored = await storeDecreePdf(file)
  if (stored && 'problem' in stored)
    throw fieldError('pdf', i18n.t(stored.problem.key, stored.problem.data))
  if (!stored && !decree) throw fieldError('pdf', i18n.t('police.decrees.errors.pdf_required'))
  return stored
}

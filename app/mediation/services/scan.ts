import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { checkUploads, sentFiles, type UploadRules } from '#demands/services/uploads'

/** The signed paper mandate, scanned at the counter: one PDF or photo, checked by its content like every upload. */
export const SCANNED_MANDATE: Required<UploadRules> = {
  accept: ['pdf', 'jpeg', 'png'],
  maxSizeMb: 10,
  maxFiles: 1,
}

/** The scan sent with the form, checked (present, size, what it really is), or the field's error in the reader's language. */
export async function sentScan({ request, i18n }: HttpContext) {
  const files = sentFiles(request.files('scan'))
  if (files.length === 0) throw fieldError('scan', i18n.t('mediation.mandate.scan_required'))
  const checked = await checkUploads(files, SCANNED_MANDATE)
  if ('problem' in checked)
    throw fieldError('scan', i18n.t(checked.problem.key, checked.problem.data))
  return checked.accepted[0]
}

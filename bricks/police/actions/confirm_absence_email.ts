import type OtvAbsence from '../models/otv_absence.js'

/**
 * The receipt mail's link was opened: the e-mail address given without an
 * account is confirmed, and the patrols watch the home from now on.
 */
export async function confirmAbsenceEmail(absence: OtvAbsence) {
  if (!absence.awaitingEmailConfirmation) return
  absence.awaitingEmailConfirmation = false
  await absence.save()
}

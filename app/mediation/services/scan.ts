import type { UploadRules } from '#demands/services/uploads'

/** The signed paper mandate, scanned at the counter: one PDF or photo, checked by its content like every upload. */
export const SCANNED_MANDATE: Required<UploadRules> = {
  accept: ['pdf', 'jpeg', 'png'],
  maxSizeMb: 10,
  maxFiles: 1,
}

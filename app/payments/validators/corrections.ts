import vine from '@vinejs/vine'
import { formValidator, multiLineText } from '#core/services/validation'
import { MISMATCH_RESOLUTIONS } from '#payments/models/payment'
import { toCents } from '#payments/validators/desk_payment'

const EUROS = /^\d{1,7}(?:[,.]\d{1,2})?$/

/** More than zero euros. */
const positive = vine.createRule((value, _options, field) => {
  if (typeof value === 'string' && toCents(value) <= 0) field.report('', 'positive', field)
})

/** Cancelling an invoice: why, as the resident will read it. */
export const cancelInvoiceValidator = formValidator(
  'payments.cancel',
  vine.compile(vine.object({ cancelReason: multiLineText(500).minLength(3) }))
)

/** A credit note: how much the city no longer asks, and why. */
export const creditNoteValidator = formValidator(
  'payments.credit',
  vine.compile(
    vine.object({
      creditAmount: vine.string().trim().regex(EUROS).use(positive()),
      creditReason: multiLineText(500).minLength(3),
    })
  )
)

/** The decision on a flagged payment, with the comment that explains it. */
export const resolveMismatchValidator = formValidator(
  'payments.resolve',
  vine.compile(
    vine.object({
      resolution: vine.enum(MISMATCH_RESOLUTIONS),
      comment: multiLineText(1000).minLength(3),
    })
  )
)

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar day. */
const realDay = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const day = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    field.report('', 'date', field)
})

/** Not before the period's first day. */
const notBeforeStart = vine.createRule((value, _options, field) => {
  const from = (field.parent as { from?: unknown }).from
  if (typeof value === 'string' && typeof from === 'string' && value < from)
    field.report('', 'dateAfter', field)
})

/** The period of an accounting export (days in the city, both included). */
export const accountingPeriodValidator = formValidator(
  'payments.accounting',
  vine.compile(
    vine.object({
      from: vine.string().trim().regex(ISO_DATE).use(realDay()),
      to: vine.string().trim().regex(ISO_DATE).use(realDay()).use(notBeforeStart()),
      content: vine.enum(['payments', 'invoices'] as const),
    })
  )
)

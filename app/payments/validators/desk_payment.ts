import vine from '@vinejs/vine'
import { formValidator, singleLineText } from '#core/services/validation'
import { DESK_METHODS } from '#payments/models/payment'
import { clock } from '#core/clock'

/** Euros as an agent types them: "12,50", "12.5", "12" (at most 2 decimals). */
const EUROS = /^\d{1,7}(?:[,.]\d{1,2})?$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/

/** "07/12/2026", as typed where the browser has no date picker, becomes "2026-12-07". */
function isoDay(value: unknown) {
  if (typeof value !== 'string') return value
  const french = FRENCH_DATE.exec(value.trim())
  return french ? `${french[3]}-${french[2]}-${french[1]}` : value
}

/** Cents of an amount the EUROS pattern accepted. */
export function toCents(amount: string) {
  const [units, decimals = ''] = amount.replace('.', ',').split(',')
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'))
}

/** More than zero euros. */
const positive = vine.createRule((value, _options, field) => {
  if (typeof value === 'string' && toCents(value) <= 0) field.report('', 'positive', field)
})

/** A real day, not after today in the city (the clock tests move). */
const notFuture = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const day = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
    field.report('', 'date', field)
  else if (value > clock.today()) field.report('', 'notFuture', field)
})

/** A payment taken at the desk: cash, cheque (with its number and bank) or card terminal. */
export const deskPaymentValidator = formValidator(
  'payments.desk',
  vine.compile(
    vine.object({
      method: vine.enum(DESK_METHODS),
      amount: vine.string().trim().regex(EUROS).use(positive()),
      paidOn: vine.string().parse(isoDay).trim().regex(ISO_DATE).use(notFuture()),
      receiptNumber: singleLineText(16).minLength(1),
      chequeNumber: singleLineText(30).optional().requiredWhen('method', '=', 'cheque'),
      chequeBank: singleLineText(100).optional().requiredWhen('method', '=', 'cheque'),
    })
  )
)

import vine from '@vinejs/vine'
import { formValidator, singleLineText } from '#core/services/validation'

/** The longest a mandate may last: twelve months, then the resident signs again. */
export const MAX_MANDATE_MONTHS = 12

const asArray = (value: unknown) =>
  value === undefined || value === null || value === '' || Array.isArray(value) ? value : [value]

const scope = () =>
  vine.array(vine.string().trim().maxLength(60)).parse(asArray).minLength(1).distinct()
const months = () => vine.number().withoutDecimals().min(1).max(MAX_MANDATE_MONTHS)

/** A resident gives a mandate online (/mon-espace/mandats): to which mediator, for what, how long. */
export const onlineMandateValidator = formValidator(
  'mediation.online_mandate',
  vine.compile(
    vine.object({
      mediator: vine.number().withoutDecimals().positive(),
      scope: scope(),
      months: months(),
    })
  )
)

/** A mediator records a paper mandate at the counter: the resident (e-mail or account number), what, how long; the scanned form comes as a file. */
export const paperMandateValidator = formValidator(
  'mediation.paper_mandate',
  vine.compile(
    vine.object({
      resident: singleLineText(254).minLength(1),
      scope: scope(),
      months: months(),
    })
  )
)

/** A resident without an e-mail address, registered by a mediator: the city writes to them by post. */
export const postalResidentValidator = formValidator(
  'mediation.postal_resident',
  vine.compile(
    vine.object({
      firstName: singleLineText(100).minLength(1),
      lastName: singleLineText(100).minLength(1),
      addressLine: singleLineText(200).minLength(1),
      addressComplement: singleLineText(200).optional(),
      postalCode: vine
        .string()
        .trim()
        .maxLength(5)
        .regex(/^\d{5}$/),
      city: singleLineText(100).minLength(1),
      phone: vine
        .string()
        .trim()
        .maxLength(20)
        .regex(/^(\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}$/)
        .optional(),
    })
  )
)

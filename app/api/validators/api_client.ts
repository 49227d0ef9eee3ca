import vine from '@vinejs/vine'
import { formValidator, singleLineText } from '#core/services/validation'

/** A single checked box arrives as a plain value. */
const list = () =>
  vine
    .array(vine.string().trim().maxLength(60))
    .parse((value) =>
      value === undefined || value === null || Array.isArray(value) ? value : [value]
    )
    .minLength(1)
    .distinct()

export const apiClientValidator = formValidator(
  'api.client',
  vine.compile(
    vine.object({
      name: singleLineText(120).minLength(1),
      scopes: list(),
      services: list(),
      rateLimit: vine.number().withoutDecimals().range([1, 10000]),
    })
  )
)

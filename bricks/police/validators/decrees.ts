import vine from '@vinejs/vine'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'
import { DECREE_KINDS, TARGET_EFFECTS } from '../models/decree.js'
import { DECREE_NUMBER } from '../services/decree_number.js'

export const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A decree as agents register it (its PDF travels beside, checked by storeDecreePdf). */
export const decreeValidator = formValidator(
  'police.decree',
  vine.compile(
    vine.object({
      title: singleLineText(250).minLength(3),
      kind: vine.enum(DECREE_KINDS),
      signatory: singleLineText(150).minLength(2),
      signedOn: vine.string().trim().regex(DAY),
      startsOn: vine.string().trim().regex(DAY).optional(),
      endsOn: vine.string().trim().regex(DAY).optional(),
      places: multiLineText(4000).optional(),
      targetNumber: singleLineText(12).regex(DECREE_NUMBER).optional(),
      targetEffect: vine.enum(TARGET_EFFECTS).optional(),
      residentEmail: vine.string().trim().maxLength(254).email().optional(),
    })
  )
)

export type DecreeInput = Awaited<ReturnType<typeof decreeValidator.validate>>

/** What residents search the register with (all optional, query string). */
export const searchValidator = vine.compile(
  vine.object({
    q: singleLineText(120).optional(),
    type: vine.enum(DECREE_KINDS).optional(),
    du: vine.string().trim().regex(DAY).optional(),
    au: vine.string().trim().regex(DAY).optional(),
    rue: singleLineText(120).optional(),
    apres: vine.string().trim().regex(DECREE_NUMBER).optional(),
  })
)

export type SearchInput = Awaited<ReturnType<typeof searchValidator.validate>>

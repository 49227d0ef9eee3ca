import vine from '@vinejs/vine'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** New dates of an absence (the departure only while it is still ahead). */
export const absenceDatesValidator = formValidator(
  'police.otv_dates',
  vine.compile(
    vine.object({
      departure: vine.string().trim().regex(DAY).optional(),
      return: vine.string().trim().regex(DAY),
    })
  )
)

/** A patrol's passage: a remark and whether something is wrong. The time is the clock's. */
export const passageValidator = formValidator(
  'police.otv_passage',
  vine.compile(
    vine.object({
      remark: singleLineText(500).optional(),
      anomaly: vine.enum(['yes', 'no']),
    })
  )
)

/** Closing an anomaly: what was done. */
export const closeAnomalyValidator = formValidator(
  'police.otv_close',
  vine.compile(vine.object({ note: singleLineText(500) }))
)

/** A sector and its streets, one a line. */
export const sectorValidator = formValidator(
  'police.otv_sector',
  vine.compile(
    vine.object({
      name: singleLineText(100),
      streets: multiLineText(20_000),
    })
  )
)

/** Streets added to the city's list, one a line. */
export const streetsValidator = formValidator(
  'police.otv_streets',
  vine.compile(vine.object({ streets: multiLineText(20_000) }))
)

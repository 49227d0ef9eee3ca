import vine from '@vinejs/vine'
import { formValidator, singleLineText } from '#core/services/validation'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The commission's day an aid request goes before. */
export const commissionValidator = formValidator(
  'social.aid_commission',
  vine.compile(vine.object({ commissionOn: vine.string().trim().regex(DAY) }))
)

/** The commission's decision: granted with an amount in euros, or refused with a reason. */
export const decisionValidator = formValidator(
  'social.aid_decision',
  vine.compile(
    vine.object({
      outcome: vine.enum(['granted', 'refused'] as const),
      amount: vine.number().positive().max(10_000).optional(),
      reason: singleLineText(500).optional(),
    })
  )
)
